import type { MessageKey } from './messages.en';

/** A parameter value as messages print it. */
export type MessageParams = Record<string, string | number>;
/** Looks a key up in one language's catalogue and fills in its `{params}`. */
export interface Translate {
  (key: MessageKey, params?: MessageParams): string;
  /** Whether a key built at run time (`scenario.${name}`) is in the catalogue. */
  has(key: string): key is MessageKey;
}

/**
 * Fills `{name}` placeholders. A placeholder with no value is left as written, so a missing parameter shows up
 * on the page (and in the tests) instead of vanishing.
 */
export function formatMessage(template: string, params: MessageParams = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/**
 * A translator over a catalogue, or over the part of one that a page ships to an island. A key missing from that
 * part is a bug in the component that chose the part: it is shown as the key itself, never as an empty string.
 */
export function translator(messages: Partial<Record<MessageKey, string>>): Translate {
  const t = (key: MessageKey, params?: MessageParams) => {
    const template = messages[key];
    return template === undefined ? `[${key}]` : formatMessage(template, params);
  };
  return Object.assign(t, { has: (key: string): key is MessageKey => key in messages });
}

/**
 * Splits a message around its placeholders, for components that put markup (a link, a `<kbd>`, a state name)
 * where a parameter goes: "Every transition is listed in the {link}." → ["Every transition is listed in the ", {param: "link"}, "."].
 */
export function messageParts(template: string): Array<string | { param: string }> {
  return template.split(/(\{\w+\})/).filter(Boolean).map((part) => (/^\{\w+\}$/.test(part) ? { param: part.slice(1, -1) } : part));
}
