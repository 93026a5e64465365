/**
 * One case (plan × seed × driver) in lock-step: starts a host per node, interleaves scheduled
 * kickoff sends with network deliveries by virtual time, hands each delivery to one host, waits
 * for its reply and feeds the reply's outputs back to the network before picking the next.
 * Spec anchor: docs/architecture.md. View: the page (or a Node test with in-process hosts).
 * Guarantees: deterministic given (plan, seed, driver) and deterministic hosts; every wait is
 * bounded by virtual time (the plan's deadline) and by a wall deadline; a host that throws or dies
 * ends the case as `crashed` with node, virtual time, seed and a replay command.
 * Elsewhere: step semantics in run-steps.ts; the network in network.ts; workers in harness/page.
 */
import type { PersistentState } from '../../drivers/driver.js';
import { makeRandom } from '../../ocapn/random.js';
import type { VirtualMs } from '../../ocapn/world.js';
import { flushDesignNamed } from '../../ocapn/flush/designs.js';
import type { BreakCategory } from '../../ocapn/break-reason.js';
import { replayCommand, type Plan } from '../../scenario/plan.js';
import type { AheadReply, HostCommand, HostReply, NodeInit } from '../protocol.js';
import { planAhead, type AheadPlan } from './lookahead.js';
import { frameLabel } from './frame-bytes.js';
import { sendsOf, type ScheduledSend } from './kickoff-sends.js';
import { Network } from './network.js';
import type { Delivery } from '../node-io.js';
import { toHex } from '../../ocapn/syrup/index.js';
import type { CallTag, Recording, RunOutcome } from '../recording.js';
import { LIMITS } from '../../scenario/vocabulary.js';

/** The page's handle on one node host (a worker, or an in-process host in Node tests). */
export interface HostPort {
  request(command: HostCommand, nowMs: VirtualMs): Promise<HostReply>;
  terminate(): void;
}
/** `driver` is the node's own (a mixed topology gives nodes different drivers): the page picks
 * the worker bundle by it. */
export type HostPortFactory = (node: string, incarnation: number, driver: string) => HostPort;

export interface RunOptions {
  plan: Plan;
  seed: number;
  driver: string;
  appDefects?: readonly string[];
  makePort: HostPortFactory;
  /** Wall-clock reader, injected: simulated code never reads real time itself. */
  wallMs: () => number;
  /** The whole case must end within this much wall time (default 60 s). */
  wallMsMax?: number;
  /** Let nodes take frames ahead (lookahead.ts; default true). Recordings are the same either
   * way: false exists to prove exactly that. */
  lookahead?: boolean;
  /** Recorded in the header; `free-run` is driven by free-run.ts (real time), not by runUntil. */
  mode?: 'lock-step' | 'free-run';
  /** Where each external node of the plan listens (node → tcp-testing-only locator), resolved
   * before the run (a `command:` node has been started by then). */
  externalLocators?: Record<string, string>;
}

/** A turn whose host a step ended meanwhile (kill, stop, restart): not a crash. */
export class HostEnded extends Error {
  constructor(readonly node: string) {
    super(`the host of ${node} was ended during its turn`);
  }
}

export class RunCrashed extends Error {
  constructor(
    message: string,
    readonly node: string | undefined,
  ) {
    super(message);
  }
}

type Settlement = { outcome: 'fulfilled' | 'broken'; value?: unknown; reason?: string; category?: BreakCategory };

export class SimRun {
  readonly net: Network;
  readonly ports = new Map<string, HostPort>();
  readonly incarnations = new Map<string, number>();
  readonly savedState = new Map<string, PersistentState>();
  /** Kickoff sends not yet made, sorted by time then plan order. */
  scheduled: ScheduledSend[] = [];
  readonly settlements = new Map<string, Settlement[]>();
  readonly marks = new Set<string>();
  /** Every mark reported, in order (event waits count from a point in these logs). */
  readonly markLog: string[] = [];
  readonly deliveredLabels: { label: string; source: string; target: string }[] = [];
  /** Kickoff sends dispatched by an app, first dispatch of each send only, in order. */
  readonly dispatchLog: { kickoff: string; n: number }[] = [];
  /** Tag key (sender|ref|n) → the kickoff send that originated it. */
  private readonly originated = new Map<string, { kickoff: string; n: number; dispatched: boolean }>();
  deliveries = 0;
  /** Deliveries a node took ahead, inside another delivery's request (for benchmarks and tests). */
  deliveredAhead = 0;
  private framesDelivered = 0;
  crashed: RunOutcome['error'] | undefined;
  private readonly wallStart: number;

  constructor(readonly options: RunOptions) {
    const { plan } = options;
    this.net = new Network(
      options.seed,
      plan.topology.nodes.map((n) => n.name),
      plan.topology.links,
    );
    this.wallStart = options.wallMs();
  }

  get plan(): Plan {
    return this.options.plan;
  }

  /** The node's own driver if the plan names one (mixed topology), else the case's. */
  driverOf(name: string): string {
    return this.plan.topology.nodes.find((n) => n.name === name)?.driver ?? this.options.driver;
  }

  replayCommand(): string {
    return replayCommand({ scenarioId: this.plan.id, seed: this.options.seed, driver: this.options.driver });
  }

  wallExceeded(): boolean {
    return this.options.wallMs() - this.wallStart > (this.options.wallMsMax ?? 60_000);
  }

  private initFor(name: string, incarnation: number, restoredState?: PersistentState): NodeInit {
    const { plan, seed } = this.options;
    const node = plan.topology.nodes.find((n) => n.name === name)!;
    const methods = new Set(['forward']);
    for (const k of plan.kickoffs) if (k.method) methods.add(k.method);
    return {
      name,
      driver: this.driverOf(name),
      seed,
      // Same name + seed ⇒ same identity, across restarts too (a restart keeps the identity).
      identitySeedHex: toHex(makeRandom(seed, `identity:${name}`).bytes(32)),
      options: {
        dialect: plan.options.dialect,
        flush: flushDesignNamed(plan.options.flush),
        handoffs: plan.options.handoffs,
        ...(plan.options.strictForwarding ? { strictForwarding: true } : {}),
        ...(plan.options.inactivityTimeoutMs !== undefined ? { limits: { inactivityTimeoutMs: plan.options.inactivityTimeoutMs } } : {}),
        ...(plan.steps.some((s) => s.kind === 'release' && s.node === name) ? { releases: true as const } : {}),
      },
      incarnation,
      ...(restoredState ? { restoredState } : {}),
      apps: node.apps,
      sturdyrefs: node.sturdyrefs,
      peers: plan.topology.nodes.map((n) => n.name),
      appDefects: [...(this.options.appDefects ?? [])],
      methods: [...methods].sort(),
      ...(this.options.externalLocators ? { externals: { ...this.options.externalLocators } } : {}),
    };
  }

  /** Starts hosts for `names` concurrently, then applies their replies in the given order. */
  async startNodes(names: readonly string[], restored = new Map<string, PersistentState>()): Promise<void> {
    const started = names.map((name) => {
      const incarnation = this.incarnations.get(name) ?? 0;
      this.incarnations.set(name, incarnation);
      const port = this.options.makePort(name, incarnation, this.driverOf(name));
      this.ports.set(name, port);
      return port.request({ type: 'init', init: this.initFor(name, incarnation, restored.get(name)) }, this.net.nowMs);
    });
    const settled = await Promise.allSettled(started);
    names.forEach((name, i) => {
      this.net.nodeStarted(name, this.incarnations.get(name)!);
      const result = settled[i];
      if (result.status === 'rejected') throw this.crash(name, result.reason);
      this.absorb(name, result.value);
    });
  }

  crash(node: string | undefined, cause: unknown): RunCrashed {
    const message = cause instanceof Error ? cause.message : String(cause);
    const where = node ? `node ${node}` : 'the page';
    const full = `${where} crashed at ${this.net.nowMs} ms virtual (seed ${this.options.seed}): ${message}`;
    this.crashed ??= { ...(node ? { node } : {}), message: full, replay: this.replayCommand() };
    return new RunCrashed(full, node);
  }

  /** One lock-step turn on `node`: send, wait for the reply, feed everything back. */
  async turn(node: string, command: HostCommand): Promise<HostReply> {
    const port = this.ports.get(node);
    if (!port) throw this.crash(node, new Error(`no host for node "${node}"`));
    let reply: HostReply;
    try {
      reply = await port.request(command, this.net.nowMs);
    } catch (error) {
      // Only in free-run do turns overlap steps: a host that a kill, stop or restart ended while
      // it was in this turn has not crashed; the turn ends with it (free-run.ts drops it).
      if (this.ports.get(node) !== port) throw new HostEnded(node);
      throw this.crash(node, error);
    }
    this.absorb(node, reply);
    return reply;
  }

  /** Links a dispatched call back to the kickoff send that originated it (for kickoff waits). */
  private noteCall(event: { event: string; kickoff?: string; tag?: CallTag }): void {
    if (!event.tag) return;
    const key = `${event.tag.sender}|${event.tag.ref}|${event.tag.n}`;
    if (event.event === 'call-originated' && event.kickoff) this.originated.set(key, { kickoff: event.kickoff, n: event.tag.n, dispatched: false });
    const send = this.originated.get(key);
    if (event.event === 'call-dispatched' && send && !send.dispatched) {
      send.dispatched = true;
      this.dispatchLog.push({ kickoff: send.kickoff, n: send.n });
    }
  }

  /** Feeds a host's reply back: its outputs into the network, its events into the recording
   * (also for events a steered external process reports on its own: page/external-bridge.ts). */
  absorb(node: string, reply: HostReply): void {
    this.net.apply(node, reply.outputs);
    for (const event of reply.events) {
      if (event.kind === 'app') {
        this.net.recorder.add({ kind: 'app', node, ...event.event });
        this.noteCall(event.event);
        const { kickoff, outcome } = event.event;
        if (event.event.event === 'settled' && kickoff && outcome) {
          const list = this.settlements.get(kickoff) ?? [];
          list.push({ outcome, value: event.event.value, reason: event.event.reason, ...(event.event.category ? { category: event.event.category } : {}) });
          this.settlements.set(kickoff, list);
        }
      } else {
        this.net.recorder.add({ kind: 'node', node, event: event.event });
        if (event.event.type === 'mark') {
          this.marks.add(event.event.name);
          this.markLog.push(event.event.name);
        }
      }
    }
    if (reply.error) throw this.crash(node, new Error(reply.error.message));
  }

  scheduleKickoff(name: string, startMs: VirtualMs): void {
    const kickoff = this.plan.kickoffs.find((k) => k.name === name);
    if (!kickoff) throw this.crash(undefined, new Error(`unknown kickoff "${name}"`));
    const order = this.plan.kickoffs.indexOf(kickoff);
    const sends = sendsOf(kickoff, order, this.options.seed, startMs);
    // Stable sort: equal (time, order) keeps n order.
    this.scheduled = [...this.scheduled, ...sends].sort((a, b) => a.atMs - b.atMs || a.order - b.order);
  }

  /** True when all of a kickoff's sends (or a named flush) have settled. */
  isSettled(name: string): boolean {
    const kickoff = this.plan.kickoffs.find((k) => k.name === name);
    return (this.settlements.get(name)?.length ?? 0) >= (kickoff?.count ?? 1);
  }

  /** Nothing at all will happen any more without a step: no event, no scheduled send. */
  isQuiescent(): boolean {
    // A node's inactivity timer waits for a peer that may never answer: it alone does not keep the
    // run busy, so a `quiescent` wait does not jump the clock to it. Other timers (app delays) do.
    return this.net.onlyWatchdogs() && this.scheduled.length === 0;
  }

  /**
   * Runs sends and deliveries in virtual-time order up to `untilMs` or until `stop()` holds.
   * Returns why it stopped. Sends come before deliveries due at the same time.
   * `lookahead`: frames a node is certain to receive next ride with its delivery (lookahead.ts);
   * only for a `stop` that reads nothing but app events, marks and the queue (not frame labels).
   */
  async runUntil(stop: () => boolean, untilMs: VirtualMs, lookahead = false): Promise<'stopped' | 'idle' | 'wall'> {
    for (;;) {
      if (stop()) return 'stopped';
      if (this.wallExceeded()) return 'wall';
      const sendAt = this.scheduled[0]?.atMs ?? Infinity;
      const eventAt = this.net.queue.peekAtMs() ?? Infinity;
      if (Math.min(sendAt, eventAt) > untilMs) return 'idle';
      if (sendAt <= eventAt) {
        const next = this.scheduled.shift()!;
        this.net.advanceTo(next.atMs);
        if (this.net.node(next.from).status === 'up') await this.turn(next.from, { type: 'kickoff', send: next.send });
        continue;
      }
      const delivery = this.net.next(untilMs);
      if (!delivery) continue;
      const command = this.noteDelivery(delivery);
      const ahead = lookahead && this.options.lookahead !== false ? planAhead(this.net, delivery.node, untilMs, this.scheduled[0]?.atMs ?? Infinity) : undefined;
      const reply = await this.turn(delivery.node, ahead ? { ...command, ahead: ahead.request } : command);
      if (reply.ahead && this.takeAhead(delivery.node, ahead, reply.ahead, stop, untilMs) === 'wall') return 'wall';
    }
  }

  /**
   * Replays, in the original order, the deliveries a node already took ahead: each is popped,
   * checked to be the predicted frame, noted and its answer applied, exactly as separate turns
   * would have. A prediction that fails is a harness bug: the case crashes rather than record a
   * run that differs from plain lock-step.
   */
  private takeAhead(node: string, plan: AheadPlan | undefined, replies: readonly AheadReply[], stop: () => boolean, untilMs: VirtualMs): 'wall' | undefined {
    const sent = plan?.bytes ?? [];
    if (replies.length > sent.length) throw this.crash(node, new Error(`lookahead: ${replies.length} answers to ${sent.length} frames sent ahead`));
    for (let i = 0; i < replies.length; i++) {
      const stopped = stop();
      if (!stopped && this.wallExceeded()) return 'wall';
      // A send due first would have gone before this frame: the plan excluded that, so it is a bug.
      const sendFirst = (this.scheduled[0]?.atMs ?? Infinity) <= (this.net.queue.peekAtMs() ?? Infinity);
      const delivery = stopped || sendFirst ? undefined : this.net.next(untilMs);
      if (delivery?.node !== node || delivery.input.type !== 'message' || delivery.input.bytes !== sent[i]) {
        throw this.crash(undefined, new Error(`lookahead: frame ${i + 1} sent ahead to ${node} is not what lock-step delivers next`));
      }
      this.noteDelivery(delivery);
      this.deliveredAhead++;
      this.absorb(node, { id: 0, ...replies[i] });
    }
    return undefined;
  }

  /** Counts a delivery (and its frame label, for `frame` waits); returns the host command for it. */
  noteDelivery(delivery: Delivery): Extract<HostCommand, { type: 'net' }> {
    this.deliveries++;
    if (delivery.input.type === 'message') {
      if (++this.framesDelivered > LIMITS.framesPerRun) {
        throw this.crash(undefined, new Error(`the run delivered more than ${LIMITS.framesPerRun} frames, the limit per run; make the scenario smaller`));
      }
      const label = frameLabel(delivery.input.bytes);
      if (label) this.deliveredLabels.push({ label, source: delivery.source ?? '', target: delivery.node });
    }
    return { type: 'net', input: delivery.input };
  }

  outcome(end: RunOutcome['end']): RunOutcome {
    const results: RunOutcome['results'] = {};
    const names = [...this.plan.kickoffs.map((k) => k.name), ...[...this.settlements.keys()].filter((n) => !this.plan.kickoffs.some((k) => k.name === n))];
    for (const name of names) {
      const list = this.settlements.get(name) ?? [];
      const broken = list.find((s) => s.outcome === 'broken');
      if (broken) results[name] = { outcome: 'broken', reason: broken.reason, ...(broken.category ? { category: broken.category } : {}) };
      else if (this.isSettled(name)) results[name] = { outcome: 'fulfilled', value: list[list.length - 1].value };
      else results[name] = { outcome: 'pending' };
    }
    return { end: this.crashed ? 'crashed' : end, ...(this.crashed ? { error: this.crashed } : {}), results };
  }

  recording(end: RunOutcome['end']): Recording {
    const { plan, seed, driver } = this.options;
    return this.net.recorder.finish(
      { scenarioId: plan.id, seed, driver, options: { dialect: plan.options.dialect, flush: plan.options.flush, ...(plan.options.strictForwarding ? { strictForwarding: true } : {}) }, mode: this.options.mode ?? 'lock-step' },
      plan.topology.nodes.map((n) => ({ name: n.name, driver: n.driver ?? driver })),
      this.net.recordedLinks(),
      this.outcome(end),
    );
  }

  terminateAll(): void {
    for (const port of this.ports.values()) port.terminate();
    this.ports.clear();
  }
}
