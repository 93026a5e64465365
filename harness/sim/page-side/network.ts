/**
 * The page-owned network: connections between nodes, per-link latency, the virtual clock and the
 * event queue, run in lock-step (one delivery at a time; the caller feeds the receiving node's
 * outputs back before asking for the next). Spec anchor: docs/architecture.md (stages, faults).
 * View: the page. Pure and synchronous: no workers here, so it is tested in Node.
 * Guarantees: same seed + same outputs ⇒ same deliveries and same recording; per-connection FIFO
 * (pipe.ts); nothing is ever delivered to a dead node or to a later incarnation than the one a
 * connection or timer belongs to. Faults that involve a worker (kill, stop, restart) are driven by
 * the runner, which calls the matching method here; their rules live in network-faults.ts.
 * Split: this file takes outputs in (connect, write, close, timers) and owns the clock and queue;
 * network-delivery.ts decides what a popped event delivers; network-types.ts holds the shapes.
 */
import type { Random, VirtualMs } from '../../ocapn/world.js';
import { makeRandom, randomInt } from '../../ocapn/random.js';
import type { PlanLink, RecordedFault } from '../../scenario/plan.js';
import { EventQueue } from './event-queue.js';
import { describeLinkModel, linkModelOf, minLatencyMs, sampleLatencyMs, type LinkModel } from './latency.js';
import type { Delivery, NetOutput } from '../node-io.js';
import { frameLabel, type FrameFault } from './frame-bytes.js';
import { Pipe } from './pipe.js';
import { toHex } from '../../ocapn/syrup/index.js';
import { Recorder } from './recorder.js';
import type { RecordedLink } from '../recording.js';
import { takeDelivery } from './network-delivery.js';
import { pairKey, type QueueEvent, type Side, type SimConnection, type SimNode } from './network-types.js';

export { pairKey, type NodeStatus, type QueueEvent, type Side, type SimConnection, type SimNode } from './network-types.js';

interface Link {
  model: LinkModel;
  random: Random;
}

/** Used for a pair the plan left out: small and fixed, so a typo is visible but not fatal. */
const FALLBACK_LINK: LinkModel = { latency: { kind: 'fixed', ms: 1 }, jitterMs: 0 };

export class Network {
  nowMs: VirtualMs = 0;
  readonly recorder = new Recorder(() => this.nowMs);
  readonly nodes = new Map<string, SimNode>();
  /** Connections not yet ended, by global id (`c1`, `c2`, … in order of opening). */
  readonly live = new Map<string, SimConnection>();
  /** Unordered pairs currently partitioned, and stalled until a virtual time. */
  readonly partitioned = new Set<string>();
  readonly stalledUntil = new Map<string, VirtualMs>();
  /** Pairs partitioned in hold mode → the pipe heads waiting at the cut, in arrival order. */
  readonly held = new Map<string, QueueEvent[]>();
  /** Armed frame faults (`corrupt`, `duplicate`): the next frame source→target with this label
   * is rewritten, in the order they were armed. */
  readonly frameFaults: FrameFault[] = [];
  readonly queue: EventQueue<QueueEvent>;
  private readonly links = new Map<string, Link>();
  private readonly root: Random;
  private connCount = 0;
  private reorders = 0;
  private frameCount = 0;

  constructor(seed: number, nodeNames: readonly string[], links: readonly PlanLink[]) {
    this.root = makeRandom(seed, 'sim');
    this.queue = new EventQueue(this.root.fork('queue'));
    for (const name of nodeNames) {
      this.nodes.set(name, { name, status: 'down', incarnation: 0, conns: new Map(), timers: new Set(), parked: [] });
    }
    for (const link of links) {
      // One stream per directed link, so a new frame on one link never shifts another's samples.
      const random = this.root.fork(`link:${link.source}→${link.target}`);
      this.links.set(`${link.source}>${link.target}`, { model: linkModelOf(link), random });
    }
  }

  recordedLinks(): RecordedLink[] {
    return [...this.links].map(([key, link]) => {
      const [source, target] = key.split('>');
      return { source, target, latency: describeLinkModel(link.model) };
    });
  }

  node(name: string): SimNode {
    const node = this.nodes.get(name);
    if (!node) throw new Error(`network: unknown node "${name}" (known: ${[...this.nodes.keys()].join(', ')})`);
    return node;
  }

  /** A node host came up (first start or restart). */
  nodeStarted(name: string, incarnation: number): void {
    const node = this.node(name);
    node.status = 'up';
    node.incarnation = incarnation;
  }

  private link(source: string, target: string): Link {
    const key = `${source}>${target}`;
    let link = this.links.get(key);
    if (!link) {
      link = { model: FALLBACK_LINK, random: this.root.fork(`link:${source}→${target}`) };
      this.links.set(key, link);
    }
    return link;
  }

  /** The least latency a frame source → target can have (reads only: never creates the link,
   * whose stream is forked on first use). */
  minLatencyMs(source: string, target: string): VirtualMs {
    return minLatencyMs(this.links.get(`${source}>${target}`)?.model ?? FALLBACK_LINK);
  }

  private latencyMs(source: string, target: string): VirtualMs {
    const link = this.link(source, target);
    return sampleLatencyMs(link.model, link.random);
  }

  // ---- outputs from a node's turn -------------------------------------------------------------

  apply(nodeName: string, outputs: readonly NetOutput[]): void {
    for (const output of outputs) this.applyOne(this.node(nodeName), output);
  }

  private applyOne(node: SimNode, output: NetOutput): void {
    // A node that is down or stopped has no voice: whatever it still reports is not on the wire.
    if (node.status === 'down' || node.status === 'stopped') return;
    switch (output.type) {
      case 'connect':
        return this.connect(node, output.conn, output.target);
      case 'write':
        return this.write(node, output.conn, output.bytes);
      case 'close':
        return this.closeLocal(node, output.conn);
      case 'reset':
        return this.closeLocal(node, output.conn, 'rst');
      case 'timer-set':
        node.timers.add(output.timer);
        this.queue.push(Math.max(this.nowMs, output.atMs), {
          kind: 'timer',
          node: node.name,
          incarnation: node.incarnation,
          timer: output.timer,
          ...(output.watchdog ? { watchdog: true } : {}),
        });
        return;
      case 'timer-cancel':
        node.timers.delete(output.timer);
        // A cancelled timer must not hold the run open until its time (quiescence counts timers).
        this.queue.remove((e) => e.kind === 'timer' && e.node === node.name && e.incarnation === node.incarnation && e.timer === output.timer);
        return;
      case 'shutdown':
        for (const conn of [...node.conns.values()]) if (!conn.ended) this.closeLocal(node, this.refOf(conn, node.name)!);
        return;
    }
  }

  private refOf(conn: SimConnection, nodeName: string): string | undefined {
    return conn.nodes[0] === nodeName ? conn.refs[0] : conn.refs[1];
  }

  private connect(node: SimNode, ref: string, target: string): void {
    const id = `c${++this.connCount}`;
    const conn: SimConnection = {
      id,
      nodes: [node.name, target],
      refs: [ref, undefined],
      incarnations: [node.incarnation, -1],
      pipes: [new Pipe(), new Pipe()],
      accepted: false,
      closed: [false, false],
      ended: false,
    };
    node.conns.set(ref, conn);
    this.live.set(id, conn);
    this.recorder.add({ kind: 'connection', event: 'open', connection: id, source: node.name, target });
    if (!this.nodes.has(target)) return this.reset(conn, `unreachable: no node "${target}"`, [0, 1], true);
    if (this.partitioned.has(pairKey(node.name, target))) return this.reset(conn, 'partition');
    const pipe = conn.pipes[0];
    pipe.push({ kind: 'accept', atMs: pipe.arrivalFor(this.nowMs + this.latencyMs(node.name, target)) });
    this.schedule(conn, 0);
  }

  private write(node: SimNode, ref: string, written: Uint8Array): void {
    const conn = node.conns.get(ref);
    if (!conn) throw new Error(`network: ${node.name} wrote on unknown connection "${ref}"`);
    const side: Side = conn.nodes[0] === node.name && conn.refs[0] === ref ? 0 : 1;
    const pipe = conn.pipes[side];
    const frame = ++this.frameCount;
    const index = pipe.written++;
    const [source, target] = side === 0 ? conn.nodes : [conn.nodes[1], conn.nodes[0]];
    const [first, ...more] = this.applyFrameFault(source, target, frame, written);
    if (first) this.send(conn, side, frame, index, first);
    // A duplicated frame is a frame of its own on the wire, right after the one it copies.
    for (const bytes of more) this.send(conn, side, ++this.frameCount, pipe.written++, bytes);
  }

  private send(conn: SimConnection, side: Side, frame: number, index: number, bytes: Uint8Array): void {
    const pipe = conn.pipes[side];
    const [source, target] = side === 0 ? conn.nodes : [conn.nodes[1], conn.nodes[0]];
    const common = { kind: 'frame', frame, connection: conn.id, index, source, target, length: bytes.length } as const;
    // The recording shows the bytes on the wire (after any rewrite, announced by a fault).
    this.recorder.add({ ...common, phase: 'sent', bytesHex: toHex(bytes) });
    if (conn.ended || conn.closed[side]) {
      this.recorder.add({ ...common, phase: 'dropped' });
      return;
    }
    // Copy: the worker's buffer may be reused, and the recording must show what was written.
    pipe.push({ kind: 'frame', atMs: pipe.arrivalFor(this.nowMs + this.latencyMs(source, target)), frame, index, bytes: bytes.slice() });
    this.schedule(conn, side);
  }

  /** The frames that go on the wire for one written: itself, or what the first armed fault that
   * matches it makes of it (that fault is then used up). */
  private applyFrameFault(source: string, target: string, frame: number, bytes: Uint8Array): Uint8Array[] {
    if (this.frameFaults.length === 0) return [bytes];
    const label = frameLabel(bytes);
    const at = this.frameFaults.findIndex((c) => c.source === source && c.target === target && c.label === label);
    if (at < 0) return [bytes];
    const [fault] = this.frameFaults.splice(at, 1);
    const hit = fault.rewrite(bytes);
    this.recorder.add({ kind: 'fault', fault: fault.fault, nodes: [source, target], detail: `frame ${frame} (${label}): ${hit.detail}` });
    return hit.frames;
  }

  /** Frames in flight source → target change places, up to `window` per connection, in an order
   * drawn from the seed (a stream per call); recorded as a `fault` event named `fault`, one per
   * connection it touched, with the frames' new order. */
  reorderInFlight(source: string, target: string, window: number, fault: RecordedFault): void {
    const random = this.root.fork(`reorder:${++this.reorders}`);
    const shuffle = (n: number): number[] => {
      const order = Array.from({ length: n }, (_, i) => i);
      for (let i = n - 1; i > 0; i--) {
        const j = randomInt(random, i + 1);
        [order[i], order[j]] = [order[j], order[i]];
      }
      return order;
    };
    const touched: string[] = [];
    for (const conn of this.live.values()) {
      const side = conn.nodes[0] === source && conn.nodes[1] === target ? 0 : conn.nodes[1] === source && conn.nodes[0] === target ? 1 : undefined;
      if (side === undefined) continue;
      const frames = conn.pipes[side].permuteFrames(window, shuffle);
      if (frames.length > 0) touched.push(`${conn.id}: frames arrive as ${frames.join(', ')}`);
    }
    this.recorder.add({ kind: 'fault', fault, nodes: [source, target], detail: touched.length > 0 ? touched.join('; ') : 'no frames in flight' });
  }

  /** The node closed its end: gracefully, a fin follows what it wrote; abruptly, an rst does (the
   * reader is told `reset` when it arrives). */
  closeLocal(node: SimNode, ref: string, kind: 'fin' | 'rst' = 'fin'): void {
    const conn = node.conns.get(ref);
    if (!conn || conn.ended) return;
    const side: Side = conn.nodes[0] === node.name && conn.refs[0] === ref ? 0 : 1;
    if (conn.closed[side]) return;
    conn.closed[side] = true;
    const pipe = conn.pipes[side];
    const [source, target] = side === 0 ? conn.nodes : [conn.nodes[1], conn.nodes[0]];
    pipe.push({ kind, atMs: pipe.arrivalFor(this.nowMs + this.latencyMs(source, target)) });
    this.schedule(conn, side);
  }

  schedule(conn: SimConnection, side: Side): void {
    const pipe = conn.pipes[side];
    const head = pipe.head();
    if (pipe.scheduled || !head) return;
    pipe.scheduled = true;
    this.queue.push(Math.max(this.nowMs, head.atMs), { kind: 'pipe', conn, side });
  }

  /** Abrupt end: in-flight frames are dropped; each side that still knows the connection (and is
   * alive) is told `reset` through the queue, so it learns in lock-step like anything else. */
  reset(conn: SimConnection, reason: string, notify: readonly Side[] = [0, 1], unreachable = false): void {
    if (conn.ended) return;
    conn.ended = true;
    this.live.delete(conn.id);
    for (const side of [0, 1] as const) {
      const [source, target] = side === 0 ? conn.nodes : [conn.nodes[1], conn.nodes[0]];
      for (const item of conn.pipes[side].drain()) {
        const { frame, index, bytes } = item;
        this.recorder.add({ kind: 'frame', phase: 'dropped', frame, connection: conn.id, index, source, target, length: bytes.length });
      }
    }
    this.recorder.add({ kind: 'connection', event: 'reset', connection: conn.id, source: conn.nodes[0], target: conn.nodes[1], reason });
    for (const side of notify) {
      const known = side === 0 || conn.accepted;
      if (!known || conn.closed[side]) continue;
      const node = this.nodes.get(conn.nodes[side]);
      if (!node || node.incarnation !== conn.incarnations[side]) continue;
      this.queue.push(this.nowMs, { kind: 'end', conn, side, end: { kind: 'reset', reason, ...(unreachable ? { unreachable } : {}) } });
    }
  }

  // ---- taking the next delivery --------------------------------------------------------------

  /** True when nothing but watchdog timers (inactivity) is pending. */
  onlyWatchdogs(): boolean {
    for (const event of this.queue.values()) if (event.kind !== 'timer' || !event.watchdog) return false;
    return true;
  }

  /** True when nothing but timers is pending: no frame, accept or end is in flight. */
  isQuiescent(): boolean {
    for (const event of this.queue.values()) if (event.kind !== 'timer') return false;
    return true;
  }

  /** Moves the clock to `atMs` when nothing is due before it (a `wait` for a time). */
  advanceTo(atMs: VirtualMs): void {
    const next = this.queue.peekAtMs();
    if (next !== undefined && next < atMs) throw new Error(`network: cannot advance to ${atMs} ms past an event at ${next} ms`);
    this.nowMs = Math.max(this.nowMs, atMs);
  }

  /** Pops events up to `untilMs` until one must be handed to a node; undefined when none is due. */
  next(untilMs: VirtualMs = Infinity): Delivery | undefined {
    for (;;) {
      const top = this.queue.peek();
      if (!top || top.atMs > untilMs) return undefined;
      this.queue.pop();
      this.nowMs = Math.max(this.nowMs, top.atMs);
      const delivery = takeDelivery(this, top.value);
      if (delivery) return delivery;
    }
  }
}
