import { describe, expect, it } from 'vitest';
import { ChromiumNotFoundError, resolveChromiumPath } from '../e2e/support/chromium';

/** The diagram build and the e2e tests need a Chromium and must never download one. */
describe('finding a Chromium for the build', () => {
  const nowhere = { playwrightOwn: () => undefined, system: ['/nonexistent/chromium'] };

  it('uses CHROMIUM_PATH first, when it exists', () => {
    expect(resolveChromiumPath({ CHROMIUM_PATH: process.execPath }, nowhere)).toBe(process.execPath);
  });

  it('refuses a CHROMIUM_PATH that does not exist, naming it, rather than quietly using another browser', () => {
    expect(() => resolveChromiumPath({ CHROMIUM_PATH: '/nonexistent/chrome' }, { playwrightOwn: () => process.execPath, system: [] })).toThrow(
      new ChromiumNotFoundError('CHROMIUM_PATH=/nonexistent/chrome does not exist.'),
    );
  });

  it("prefers Playwright's own Chromium to the system one", () => {
    expect(resolveChromiumPath({}, { playwrightOwn: () => '/playwright/chrome', system: [process.execPath] })).toBe('/playwright/chrome');
  });

  it('falls back to the first system Chromium that exists', () => {
    expect(resolveChromiumPath({}, { playwrightOwn: () => undefined, system: ['/nonexistent/chromium', process.execPath] })).toBe(process.execPath);
  });

  it('with no browser at all, says in one line how to install one', () => {
    let message = '';
    try {
      resolveChromiumPath({}, nowhere);
    } catch (error) {
      expect(error).toBeInstanceOf(ChromiumNotFoundError);
      message = (error as Error).message;
    }
    expect(message).not.toContain('\n');
    expect(message).toContain('apt-get install chromium');
    expect(message).toContain('npx playwright install chromium');
    expect(message).toContain('CHROMIUM_PATH');
  });
});
