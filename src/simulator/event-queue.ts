/**
 * A priority queue of things that will happen, ordered by (time, insertion order).
 * The insertion order breaks ties, which is what makes the simulator deterministic:
 * two segments arriving at the same instant are processed in the order they were sent,
 * and steps that share a time run in the order the scenario lists them.
 */
interface Entry<T> {
  time: number;
  order: number;
  item: T;
}

export class EventQueue<T> {
  private heap: Entry<T>[] = [];
  private inserted = 0;

  get size(): number {
    return this.heap.length;
  }

  push(time: number, item: T): void {
    const entry = { time, order: this.inserted++, item };
    const heap = this.heap;
    heap.push(entry);
    let index = heap.length - 1;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!before(entry, heap[parent]!)) break;
      heap[index] = heap[parent]!;
      index = parent;
    }
    heap[index] = entry;
  }

  /** Time of the earliest entry, or null when empty. */
  peekTime(): number | null {
    return this.heap.length ? this.heap[0]!.time : null;
  }

  pop(): { time: number; item: T } | undefined {
    const heap = this.heap;
    const top = heap[0];
    if (!top) return undefined;
    const last = heap.pop()!;
    if (heap.length) {
      let index = 0;
      for (;;) {
        const left = 2 * index + 1;
        if (left >= heap.length) break;
        const right = left + 1;
        const child = right < heap.length && before(heap[right]!, heap[left]!) ? right : left;
        if (!before(heap[child]!, last)) break;
        heap[index] = heap[child]!;
        index = child;
      }
      heap[index] = last;
    }
    return { time: top.time, item: top.item };
  }

  /** Entries in the order they will come out; for canonical system states. */
  ordered(): Array<{ time: number; item: T }> {
    return [...this.heap].sort((a, b) => (before(a, b) ? -1 : 1)).map(({ time, item }) => ({ time, item }));
  }

  /** A copy that evolves independently; the items themselves are shared (they are never mutated). */
  clone(): EventQueue<T> {
    const copy = new EventQueue<T>();
    copy.heap = this.heap.slice();
    copy.inserted = this.inserted;
    return copy;
  }
}

function before(a: Entry<unknown>, b: Entry<unknown>): boolean {
  return a.time < b.time || (a.time === b.time && a.order < b.order);
}
