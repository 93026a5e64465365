/**
 * The network's event queue: a binary heap ordered by (virtual time, seeded tie-break, push order).
 * Spec anchor: docs/architecture.md ("one event queue ordered by virtual time with a seeded tie-break").
 * View: the page; one queue per run. Guarantees: `pop` returns the least (atMs, key, order);
 * equal-time events come out in an order that depends only on the seed and on push order, so a
 * different seed explores a different interleaving of simultaneous events while a given seed
 * replays exactly. Per-connection FIFO is kept by pipe.ts (one queued head per pipe), not here.
 */
import type { Random, VirtualMs } from '../../ocapn/world.js';

interface Entry<T> {
  atMs: VirtualMs;
  key: number;
  order: number;
  value: T;
}

function less<T>(a: Entry<T>, b: Entry<T>): boolean {
  if (a.atMs !== b.atMs) return a.atMs < b.atMs;
  if (a.key !== b.key) return a.key < b.key;
  return a.order < b.order;
}

export class EventQueue<T> {
  private readonly heap: Entry<T>[] = [];
  private pushes = 0;

  /** `random` draws one tie-break key per push; fork it for the queue alone. */
  constructor(private readonly random: Random) {}

  get size(): number {
    return this.heap.length;
  }

  push(atMs: VirtualMs, value: T): void {
    const entry: Entry<T> = { atMs, key: this.random.nextU32(), order: this.pushes++, value };
    const heap = this.heap;
    heap.push(entry);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!less(heap[i], heap[parent])) break;
      [heap[i], heap[parent]] = [heap[parent], heap[i]];
      i = parent;
    }
  }

  /** Drops every entry whose value matches; the rest keep their (atMs, key, order) and so
   * their pop order. A sorted array is a valid heap. */
  remove(matches: (value: T) => boolean): void {
    const kept = this.heap.filter((e) => !matches(e.value)).sort((a, b) => (less(a, b) ? -1 : less(b, a) ? 1 : 0));
    this.heap.length = 0;
    this.heap.push(...kept);
  }

  peekAtMs(): VirtualMs | undefined {
    return this.heap[0]?.atMs;
  }

  peek(): { atMs: VirtualMs; value: T } | undefined {
    return this.heap[0];
  }

  /** The time of the second entry in pop order (one of the head's two children). */
  peekSecondAtMs(): VirtualMs | undefined {
    const [, l, r] = this.heap;
    if (!l) return undefined;
    return r && less(r, l) ? r.atMs : l.atMs;
  }

  pop(): { atMs: VirtualMs; value: T } | undefined {
    const heap = this.heap;
    if (heap.length === 0) return undefined;
    const top = heap[0];
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && less(heap[l], heap[m])) m = l;
        if (r < heap.length && less(heap[r], heap[m])) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m], heap[i]];
        i = m;
      }
    }
    return top;
  }

  /** Every queued value, in no particular order (for "is anything but timers pending?"). */
  values(): T[] {
    return this.heap.map((e) => e.value);
  }
}
