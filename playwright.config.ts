import { defineConfig, devices } from '@playwright/test';
import { ChromiumNotFoundError, chromiumLaunchOptions } from './e2e/support/chromium';
import { normalizeBase } from './e2e/support/static-server';

/**
 * End-to-end tests run against the BUILT site (`npm run build` first), served by a small static
 * server that gzips like a real host. The browser is the system's or Playwright's own Chromium
 * (see e2e/support/chromium.ts); Playwright never downloads one here.
 */
const PORT = Number(process.env.E2E_PORT ?? 4322);
const BASE = normalizeBase(process.env.BASE_PATH);

function launchOptions() {
  try {
    return chromiumLaunchOptions();
  } catch (error) {
    if (error instanceof ChromiumNotFoundError) {
      console.error(`e2e: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}

export default defineConfig({
  testDir: './e2e',
  outputDir: './test-results',
  fullyParallel: true,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  workers: process.env.E2E_WORKERS ? Number(process.env.E2E_WORKERS) : 2,
  reporter: [['list']],
  timeout: 60_000,
  use: {
    baseURL: `http://127.0.0.1:${PORT}${BASE}`,
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: { ...devices['Desktop Chrome'], launchOptions: launchOptions() },
    },
  ],
  webServer: {
    command: `npx tsx e2e/support/static-server.ts ${PORT}`,
    url: `http://127.0.0.1:${PORT}${BASE}`,
    reuseExistingServer: !process.env.CI,
    timeout: 30_000,
  },
});
