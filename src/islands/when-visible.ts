import { islandTranslator } from '../i18n/island-messages';

/**
 * Runs `hydrate` once, when `element` first comes near the viewport, so an island's heavy module (the machine,
 * the simulator, the scenarios) is fetched only by readers who scroll to it. Without IntersectionObserver
 * (very old browsers) it hydrates at once rather than never.
 */
export function whenVisible(element: Element, hydrate: () => void | Promise<void>): void {
  const run = () => {
    void Promise.resolve(hydrate()).catch((error: unknown) => showHydrationFailure(element, error));
  };
  if (!('IntersectionObserver' in window)) return run();
  const observer = new IntersectionObserver(
    (entries) => {
      if (!entries.some((entry) => entry.isIntersecting)) return;
      observer.disconnect();
      run();
    },
    { rootMargin: '200px 0px' },
  );
  observer.observe(element);
}

/** A failed hydration (a chunk that did not load, a bug) leaves the static content and says why, never a blank box. */
function showHydrationFailure(element: Element, error: unknown): void {
  const message = document.createElement('p');
  message.className = 'island-error';
  message.setAttribute('role', 'alert');
  const reason = error instanceof Error ? error.message : String(error);
  message.textContent = element instanceof HTMLElement ? islandTranslator(element)('island.failed', { reason }) : reason;
  element.append(message);
  console.error(error);
}
