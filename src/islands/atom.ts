/**
 * A value that several islands can read, set and watch: the 30-line atom of Starlight's theme designer
 * (docs/src/components/theme-designer/atom.ts), enough for our few shared values and zero bytes of a library.
 */
export interface Atom<T> {
  get(): T;
  set(value: T): void;
  /** Calls `listener` now and on every later change; returns the function that stops listening. */
  subscribe(listener: (value: T) => void): () => void;
}

export function atom<T>(initial: T): Atom<T> {
  let value = initial;
  const listeners = new Set<(value: T) => void>();
  return {
    get: () => value,
    set(next) {
      if (Object.is(next, value)) return;
      value = next;
      for (const listener of [...listeners]) listener(value);
    },
    subscribe(listener) {
      listeners.add(listener);
      listener(value);
      return () => listeners.delete(listener);
    },
  };
}
