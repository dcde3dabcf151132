import { translator, type Translate } from './format';

/**
 * The translator of an island in the browser: the strings its component serialised into `data-messages` at build
 * time, in the page's language. An element without them (markup from an older build) gets keys shown as `[key]`.
 */
export function islandTranslator(root: HTMLElement): Translate {
  let messages: Record<string, string> = {};
  try {
    messages = JSON.parse(root.dataset.messages ?? '{}') as Record<string, string>;
  } catch {
    // A malformed attribute is a build bug; the keys on screen make it visible.
  }
  return translator(messages);
}
