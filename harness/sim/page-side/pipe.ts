/**
 * One direction of one simulated connection: the frames a writer has written that the reader has
 * not yet been handed. Spec anchor: the Netlayers draft (ordered, reliable while the connection
 * lives); docs/architecture.md (per-connection order is never broken). View: the network.
 * Guarantees: arrival times are non-decreasing along the pipe and only the head is ever in the
 * event queue, so no seeded tie-break or latency sample can let a frame overtake an earlier one.
 */
import type { VirtualMs } from '../../ocapn/world.js';

export type PipeItem =
  /** The dialled side learns of the connection (first item of the dialler's pipe). */
  | { kind: 'accept'; atMs: VirtualMs }
  | { kind: 'frame'; atMs: VirtualMs; frame: number; index: number; bytes: Uint8Array }
  /** Close by the writer, delivered after everything it wrote: graceful (fin) or abrupt (rst,
   * which ends the connection as a reset when it reaches the reader). */
  | { kind: 'fin' | 'rst'; atMs: VirtualMs };

export class Pipe {
  /** Items from `start` on are in flight; the prefix is consumed (compacted now and then, so a
   * long blast costs O(1) per frame instead of Array.shift's O(n)). */
  private items: PipeItem[] = [];
  private start = 0;
  /** True while the head sits in the event queue (at most one entry per pipe). */
  scheduled = false;
  /** Frames written so far in this direction (the next frame's `index`). */
  written = 0;
  private lastAtMs: VirtualMs = 0;

  /** Arrival is never earlier than the previous item's: that is the FIFO guarantee. */
  arrivalFor(candidateMs: VirtualMs): VirtualMs {
    this.lastAtMs = Math.max(this.lastAtMs, candidateMs);
    return this.lastAtMs;
  }

  push(item: PipeItem): void {
    this.items.push(item);
  }

  get length(): number {
    return this.items.length - this.start;
  }

  head(): PipeItem | undefined {
    return this.items[this.start];
  }

  /** The `i`-th item in flight (0 is the head), without taking it. */
  peekAt(i: number): PipeItem | undefined {
    return this.items[this.start + i];
  }

  shift(): PipeItem | undefined {
    if (this.start >= this.items.length) return undefined;
    const item = this.items[this.start++];
    if (this.start > 1024 && this.start * 2 > this.items.length) {
      this.items = this.items.slice(this.start);
      this.start = 0;
    }
    return item;
  }

  /**
   * Lets the first `count` frames in flight (those before a close) change places, each position
   * keeping its arrival time: the pipe stays ordered in time and only its head is queued, while
   * the frames arrive in the order `shuffle(n)` gives (a list of the positions 0..n-1). The one
   * way a frame overtakes another on a connection: a `reorder-window` fault asks for it. Returns
   * the frames' numbers in their new order.
   */
  permuteFrames(count: number, shuffle: (n: number) => number[]): number[] {
    const at: number[] = [];
    for (let i = this.start; i < this.items.length && at.length < count; i++) {
      const item = this.items[i];
      if (item.kind === 'fin' || item.kind === 'rst') break;
      if (item.kind === 'frame') at.push(i);
    }
    const frames = at.map((i) => this.items[i] as Extract<PipeItem, { kind: 'frame' }>);
    const order = shuffle(frames.length);
    at.forEach((i, k) => {
      this.items[i] = { ...frames[order[k]], atMs: frames[k].atMs };
    });
    return order.map((k) => frames[k].frame);
  }

  /** Empties the pipe (the connection died); returns the frames that will never arrive. */
  drain(): Extract<PipeItem, { kind: 'frame' }>[] {
    const frames = this.items.slice(this.start).filter((i): i is Extract<PipeItem, { kind: 'frame' }> => i.kind === 'frame');
    this.items = [];
    this.start = 0;
    return frames;
  }
}
