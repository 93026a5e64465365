/**
 * In-memory netlayer and manual clock for Node tests: many nodes, one `MemoryNetwork`.
 * Spec: the Netlayers draft's requirements — ordered, reliable, per connection.
 * View: the test is the scheduler. Nothing is delivered until the test calls `step()`, so a test
 * can hold frames in flight (e.g. deliver the exporter's reply before the importer's op:listen)
 * and every run of the same test delivers the same frames in the same order.
 * Guarantees: per-connection FIFO is never violated; `step(filter)` only picks the oldest event of
 * a connection direction. Every write is logged as hex for determinism tests.
 * Elsewhere: the browser simulation has its own page-owned netlayer (harness/sim/).
 */
import { toHex } from '../syrup/bytes.js';
import type { Clock, Connection, ConnectionEnd, Netlayer, PeerLocation, VirtualMs } from '../world.js';

export interface WireLogEntry {
  connection: string;
  from: string;
  to: string;
  hex: string;
}

type Pending =
  | { kind: 'message'; connection: string; from: string; to: string; bytes: Uint8Array }
  | { kind: 'end'; connection: string; from: string; to: string; end: ConnectionEnd };

interface Endpoint {
  connection: MemoryConnection;
  owner: string;
}

class MemoryConnection implements Connection {
  private messageHandler: ((m: Uint8Array) => void) | undefined;
  private closeHandler: ((end: ConnectionEnd) => void) | undefined;
  /** Set once either side closes or the network resets it; writes after that are dropped. */
  ended = false;
  peer!: MemoryConnection;

  constructor(
    private readonly network: MemoryNetwork,
    readonly id: string,
    readonly outgoing: boolean,
    readonly remote: PeerLocation | undefined,
    readonly owner: string,
  ) {}

  write(message: Uint8Array): void {
    if (this.ended) return;
    this.network.enqueue({ kind: 'message', connection: this.id, from: this.owner, to: this.peer.owner, bytes: message.slice() });
  }

  close(): void {
    if (this.ended) return;
    this.ended = true;
    this.network.enqueue({ kind: 'end', connection: this.id, from: this.owner, to: this.peer.owner, end: { kind: 'closed' } });
    this.network.enqueue({ kind: 'end', connection: this.id, from: this.peer.owner, to: this.owner, end: { kind: 'local' } });
  }

  onMessage(handler: (message: Uint8Array) => void): void {
    this.messageHandler = handler;
  }

  onClose(handler: (end: ConnectionEnd) => void): void {
    this.closeHandler = handler;
  }

  receive(bytes: Uint8Array): void {
    if (this.ended && !this.peer.ended) return;
    this.messageHandler?.(bytes);
  }

  end(end: ConnectionEnd): void {
    this.ended = true;
    this.closeHandler?.(end);
  }
}

export class MemoryNetwork {
  private readonly netlayers = new Map<string, { accept?: (c: Connection) => void; netlayer: Netlayer }>();
  private readonly queue: Pending[] = [];
  private readonly endpoints = new Map<string, Endpoint[]>();
  private nextConnection = 1;
  readonly log: WireLogEntry[] = [];

  constructor(readonly transport = 'sim') {}

  makeNetlayer(designator: string): Netlayer {
    const location: PeerLocation = { transport: this.transport, designator, hints: false };
    const entry: { accept?: (c: Connection) => void; netlayer: Netlayer } = {
      netlayer: {
        location,
        connect: (to: PeerLocation) => this.connect(designator, to),
        onAccept: (handler) => {
          entry.accept = handler;
        },
        shutdown: () => {
          for (const eps of this.endpoints.values()) for (const ep of eps) if (ep.owner === designator) ep.connection.close();
          this.netlayers.delete(designator);
        },
      },
    };
    this.netlayers.set(designator, entry);
    return entry.netlayer;
  }

  private connect(from: string, to: PeerLocation): Connection {
    const id = `c${this.nextConnection++}`;
    const mine = new MemoryConnection(this, id, true, to, from);
    const theirs = new MemoryConnection(this, id, false, undefined, to.designator);
    mine.peer = theirs;
    theirs.peer = mine;
    this.endpoints.set(id, [
      { connection: mine, owner: from },
      { connection: theirs, owner: to.designator },
    ]);
    const target = this.netlayers.get(to.designator);
    if (!target?.accept) {
      // Nobody listens there: the dial fails as a reset the dialler sees on its next step.
      mine.ended = true;
      this.enqueue({ kind: 'end', connection: id, from: to.designator, to: from, end: { kind: 'reset', reason: `no node at ${to.designator}` } });
    } else {
      target.accept(theirs);
    }
    return mine;
  }

  enqueue(event: Pending): void {
    if (event.kind === 'message') this.log.push({ connection: event.connection, from: event.from, to: event.to, hex: toHex(event.bytes) });
    this.queue.push(event);
  }

  /** Events not yet delivered, oldest first. */
  pending(): ReadonlyArray<{ kind: string; connection: string; from: string; to: string }> {
    return this.queue;
  }

  /**
   * Delivers the oldest pending event, or the oldest one matching `filter` (only ever the head
   * of its connection direction, so FIFO per direction holds). Returns false when none is left.
   */
  step(filter?: (e: { kind: string; connection: string; from: string; to: string }) => boolean): boolean {
    const index = filter ? this.queue.findIndex(filter) : 0;
    if (index < 0 || index >= this.queue.length) return false;
    const event = this.queue[index];
    const earlier = this.queue.findIndex((e) => e.connection === event.connection && e.from === event.from);
    const [chosen] = this.queue.splice(earlier, 1);
    const receiver = this.endpoints.get(chosen.connection)?.find((ep) => ep.owner === chosen.to && ep.connection.peer.owner === chosen.from);
    if (!receiver) return true;
    if (chosen.kind === 'message') receiver.connection.receive(chosen.bytes);
    else receiver.connection.end(chosen.end);
    return true;
  }

  /** Transport failure: undelivered frames are lost and both ends see `reset`. */
  reset(connection: string, reason = 'reset fault'): void {
    for (let i = this.queue.length - 1; i >= 0; i--) if (this.queue[i].connection === connection) this.queue.splice(i, 1);
    for (const ep of this.endpoints.get(connection) ?? []) {
      if (!ep.connection.ended || ep.connection.peer.ended) {
        this.queue.push({ kind: 'end', connection, from: ep.connection.peer.owner, to: ep.owner, end: { kind: 'reset', reason } });
      }
      ep.connection.ended = true;
    }
  }

  /** Connection ids in order of opening, with their ends. */
  connections(): Array<{ id: string; from: string; to: string }> {
    return [...this.endpoints.entries()].map(([id, eps]) => ({ id, from: eps[0].owner, to: eps[1].owner }));
  }
}

export class ManualClock implements Clock {
  private current: VirtualMs = 0;
  private timers: Array<{ at: VirtualMs; seq: number; fn: () => void }> = [];
  private seq = 0;

  now(): VirtualMs {
    return this.current;
  }

  setTimer(at: VirtualMs, fn: () => void): () => void {
    const timer = { at: Math.max(at, this.current), seq: this.seq++, fn };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((t) => t !== timer);
    };
  }

  /** Moves time forward to `to`, firing due timers in (time, creation) order. */
  advance(to: VirtualMs): void {
    for (;;) {
      const due = this.timers.filter((t) => t.at <= to).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.current = due.at;
      due.fn();
    }
    this.current = Math.max(this.current, to);
  }
}

