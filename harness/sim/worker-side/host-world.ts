/**
 * The World a node sees inside its worker: a virtual Clock and a Netlayer whose effects are
 * collected in an outbox that the page reads after each lock-step turn. Spec anchor: world.ts
 * (Clock, Netlayer, Connection contracts), docs/architecture.md (lock-step). View: one node, one incarnation.
 * Guarantees: no real timers, no direct ports; time moves only when the page says so; a timer
 * fires only when the page delivers it; writes after a local close are not sent, while a write on
 * a connection the peer or the network ended is still reported (the network records it as sent
 * and dropped: the node's attempt is visible even though a real socket would refuse it); the
 * closing side sees `local` as its end, a microtask after it closed.
 * Elsewhere: what the page does with the outbox is harness/sim/page-side/network.ts.
 */
import type { Clock, Connection, ConnectionEnd, Netlayer, PeerLocation, Random, VirtualMs, World } from '../../ocapn/world.js';
import type { NetInput, NetOutput } from '../node-io.js';

export function simLocation(name: string): PeerLocation {
  return { transport: 'sim', designator: name, hints: false };
}

class HostConnection implements Connection {
  private messageHandler: ((message: Uint8Array) => void) | undefined;
  private closeHandler: ((end: ConnectionEnd) => void) | undefined;
  /** Messages that arrived before `onMessage` (the contract says that loses them; we are kind). */
  private early: Uint8Array[] = [];
  /** Set by close(), shutdown or the network's end. */
  ended = false;
  /** Set by close(), reset() or shutdown: nothing is written after it. */
  private closedHere = false;

  constructor(
    private readonly world: HostWorld,
    readonly id: string,
    readonly outgoing: boolean,
    readonly remote: PeerLocation | undefined,
  ) {}

  write(message: Uint8Array): void {
    if (this.closedHere) return;
    this.world.emit({ type: 'write', conn: this.id, bytes: message });
  }

  close(): void {
    if (this.ended) return;
    this.closedHere = true;
    this.world.emit({ type: 'close', conn: this.id });
    this.end({ kind: 'local' }, true);
  }

  reset(): void {
    if (this.ended) return;
    this.closedHere = true;
    this.world.emit({ type: 'reset', conn: this.id });
    this.end({ kind: 'local' }, true);
  }

  onMessage(handler: (message: Uint8Array) => void): void {
    this.messageHandler = handler;
    for (const message of this.early.splice(0)) handler(message);
  }

  onClose(handler: (end: ConnectionEnd) => void): void {
    this.closeHandler = handler;
  }

  receive(message: Uint8Array): void {
    if (this.ended) return;
    if (this.messageHandler) this.messageHandler(message);
    else this.early.push(message);
  }

  end(end: ConnectionEnd, later = false): void {
    if (end.kind === 'local') this.closedHere = true;
    if (this.ended) return;
    this.ended = true;
    this.world.connections.delete(this.id);
    // A local close reports `local` after the caller's turn, so close() never re-enters the node.
    if (later) queueMicrotask(() => this.closeHandler?.(end));
    else this.closeHandler?.(end);
  }
}

export class HostWorld implements World {
  nowMs: VirtualMs = 0;
  /** Effects of the current turn, taken by the host when it replies. */
  outbox: NetOutput[] = [];
  /** Bumped on every output or event: the host's quiescence test watches it. */
  activity = 0;
  readonly connections = new Map<string, HostConnection>();
  private readonly externals = new Map<string, PeerLocation>();
  private readonly timers = new Map<number, () => void>();
  private timerCount = 0;
  private dialCount = 0;
  private acceptHandler: ((connection: Connection) => void) | undefined;
  private down = false;
  readonly clock: Clock;
  readonly netlayer: Netlayer;

  constructor(
    readonly name: string,
    readonly incarnation: number,
    readonly random: Random,
  ) {
    this.clock = {
      now: () => this.nowMs,
      setTimer: (atMs, fn, options) => {
        const timer = ++this.timerCount;
        this.timers.set(timer, fn);
        this.emit({ type: 'timer-set', timer, atMs: Math.max(atMs, this.nowMs), ...(options?.watchdog ? { watchdog: true } : {}) });
        return () => {
          if (this.timers.delete(timer)) this.emit({ type: 'timer-cancel', timer });
        };
      },
    };
    this.netlayer = {
      location: simLocation(name),
      connect: (location) => this.connect(location),
      onAccept: (handler) => {
        this.acceptHandler = handler;
      },
      shutdown: () => {
        if (this.down) return;
        this.down = true;
        this.emit({ type: 'shutdown' });
        for (const conn of [...this.connections.values()]) conn.end({ kind: 'local' }, true);
      },
    };
  }

  emit(output: NetOutput): void {
    this.outbox.push(output);
    this.activity++;
  }

  /** An external node: dialled at its real location, routed by the page to the node's bridge. */
  addExternal(node: string, location: PeerLocation): void {
    this.externals.set(node, location);
  }

  /** Where `node` is dialled: its real location if external, else its simulated one. */
  locationOf(node: string): PeerLocation {
    return this.externals.get(node) ?? simLocation(node);
  }

  /** The node a session peer's name (its designator) stands for: an external node's designator
   * maps back to the node's name, anything else is already one. */
  nodeNamed(designator: string): string {
    for (const [node, at] of this.externals) if (at.designator === designator) return node;
    return designator;
  }

  /** The node a location names: a simulated designator is the node's name; an external node's
   * real location maps back to its name (the page network knows nodes only by name). */
  private nodeAt(location: PeerLocation): string | undefined {
    if (location.transport === 'sim') return location.designator;
    for (const [node, at] of this.externals) if (at.transport === location.transport && at.designator === location.designator) return node;
    return undefined;
  }

  private connect(location: PeerLocation): Connection {
    const target = this.nodeAt(location);
    if (target === undefined) throw new Error(`${this.name}: the simulation only dials transport "sim" and the scenario's external nodes (got "${location.transport}" ${location.designator})`);
    if (this.down) throw new Error(`${this.name}: netlayer is shut down`);
    // Incarnation in the id: a restarted node must never reuse a dead incarnation's names.
    const id = `${this.name}.${this.incarnation}.${++this.dialCount}`;
    const conn = new HostConnection(this, id, true, location);
    this.connections.set(id, conn);
    this.emit({ type: 'connect', conn: id, target });
    return conn;
  }

  /** Hands one network input to the node (called by the host inside a lock-step turn). */
  deliver(input: NetInput): void {
    switch (input.type) {
      case 'accept': {
        const conn = new HostConnection(this, input.conn, false, undefined);
        this.connections.set(input.conn, conn);
        if (this.down || !this.acceptHandler) {
          conn.close();
          return;
        }
        this.acceptHandler(conn);
        return;
      }
      case 'message':
        this.connections.get(input.conn)?.receive(input.bytes);
        return;
      case 'end':
        this.connections.get(input.conn)?.end(input.end);
        return;
      case 'timer': {
        const fn = this.timers.get(input.timer);
        this.timers.delete(input.timer);
        fn?.();
        return;
      }
    }
  }
}
