/**
 * Which Chromium the diagram build and the end-to-end tests launch. Playwright never downloads a
 * browser here, and playwright-core reads no environment variable for the path, so we resolve it:
 *   1. $CHROMIUM_PATH, when set (it must exist: a wrong override is an error, not a silent fallback);
 *   2. Playwright's own Chromium, when `npx playwright install chromium` has put one on this machine;
 *   3. the system Chromium (`apt-get install chromium` on Debian/Ubuntu).
 */
import { existsSync } from 'node:fs';
import { chromium } from 'playwright';

const SYSTEM_CHROMIUMS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/snap/bin/chromium'];

/** Flags that keep a headless Chromium quiet and quick on a CI box (Playwright adds --no-sandbox itself). */
export const CHROMIUM_ARGS = ['--disable-gpu', '--disable-background-networking', '--disable-component-update'];

export class ChromiumNotFoundError extends Error {}

/** Where to look; tests replace these to play a machine without any browser. */
export interface ChromiumCandidates {
  playwrightOwn: () => string | undefined;
  system: readonly string[];
}

const INSTALLED: ChromiumCandidates = { playwrightOwn: playwrightChromiumPath, system: SYSTEM_CHROMIUMS };

export function resolveChromiumPath(env: NodeJS.ProcessEnv = process.env, candidates: ChromiumCandidates = INSTALLED): string {
  const override = env.CHROMIUM_PATH;
  if (override) {
    if (!existsSync(override)) throw new ChromiumNotFoundError(`CHROMIUM_PATH=${override} does not exist.`);
    return override;
  }
  const playwrightOwn = candidates.playwrightOwn();
  if (playwrightOwn) return playwrightOwn;
  const system = candidates.system.find((path) => existsSync(path));
  if (system) return system;
  throw new ChromiumNotFoundError(
    'No Chromium found: install one with `sudo apt-get install chromium` (Debian/Ubuntu) or `npx playwright install chromium`, or set CHROMIUM_PATH.',
  );
}

function playwrightChromiumPath(): string | undefined {
  try {
    const path = chromium.executablePath();
    return existsSync(path) ? path : undefined;
  } catch {
    // Playwright throws when its browser registry has no Chromium for this platform.
    return undefined;
  }
}

export function chromiumLaunchOptions(env: NodeJS.ProcessEnv = process.env) {
  return { executablePath: resolveChromiumPath(env), headless: true, args: CHROMIUM_ARGS };
}
