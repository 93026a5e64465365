/**
 * The node host: everything that runs inside one node's worker. It makes the node through its
 * driver with a HostWorld, builds the node's apps and registers their sturdyrefs, and answers the
 * page's requests in lock-step: apply one command, drain until quiescent, reply with all outputs.
 * Spec anchor: docs/architecture.md (lock-step), driver.ts (the Driver contract). View: one node, one
 * incarnation (a restart is a new host, in a new or a reset worker). Platform-neutral: the worker entry
 * (harness/page/worker.ts) or a Node test wires `handle` to its message channel.
 * Guarantees: one reply per request; a command that throws becomes `error` in its reply.
 */
import type { Driver, DriverNode } from '../../drivers/driver.js';
import { makeRandom } from '../../ocapn/random.js';
import { hexToBytes } from '../../ocapn/syrup/index.js';
import type { PlanRef } from '../../scenario/plan.js';
import { LookupCache } from './apps/lookup-cache.js';
import { makeApp } from './apps/index.js';
import { BenchEcho, BENCH_ECHO_DRIVER } from './bench-echo.js';
import { parseTcpLocator } from '../../ocapn/netlayer/tcp-locator.js';
import { HostWorld } from './host-world.js';
import { Kickoffs } from './kickoffs.js';
import type { AheadReply, AppEventDraft, HostCommand, HostEvent, HostReply, HostRequest, NetAhead, NodeInit } from '../protocol.js';
import type { NetOutput } from '../node-io.js';
import { isSafeAnswer } from '../answer-safety.js';
import { drainUntilQuiet } from './quiescence.js';

export type DriverLookup = (name: string) => Driver | undefined;

export class NodeHost {
  private world: HostWorld | undefined;
  private node: DriverNode | undefined;
  private driver: Driver | undefined;
  private bench: BenchEcho | undefined;
  private init: NodeInit | undefined;
  private events: HostEvent[] = [];
  private readonly apps = new Map<string, object>();
  private readonly lookups = new LookupCache((node, swiss) => this.fetch(node, swiss));
  /** Per app, how to read the state it keeps across `restart keep` (AppContext.persist). */
  private readonly appState = new Map<string, () => unknown>();
  private readonly kickoffs = new Kickoffs({ lookup: (n, s) => this.lookups.lookup(n, s), emit: (e) => this.emitApp(e), interfaceOf: (v) => this.node?.interfaceOf?.(v) });

  constructor(private readonly getDriver: DriverLookup) {}

  private activity(): number {
    return (this.world?.activity ?? 0) + this.events.length;
  }

  private emitApp(event: AppEventDraft): void {
    this.events.push({ kind: 'app', event });
  }

  async handle(request: HostRequest): Promise<HostReply> {
    if (this.world) this.world.nowMs = request.nowMs;
    let result: unknown;
    let error: HostReply['error'];
    try {
      const pending = this.apply(request.command, request.nowMs);
      // Observed now, awaited after the drain: a failure must not count as unhandled meanwhile.
      pending?.catch(() => {});
      await drainUntilQuiet(() => this.activity());
      result = await pending;
    } catch (e) {
      const err = e instanceof Error ? e : new Error(String(e));
      error = { message: err.message, stack: err.stack };
    }
    const outputs = this.world ? this.world.outbox.splice(0) : [];
    const events = this.events.splice(0);
    const ahead = request.command.type === 'net' && request.command.ahead && !error ? await this.takeAhead(request.command.ahead, outputs, events) : undefined;
    return { id: request.id, outputs, events, ...(result !== undefined ? { result } : {}), ...(error ? { error } : {}), ...(ahead?.length ? { ahead } : {}) };
  }

  /** Takes lookahead frames while every answer so far is safe (harness/sim/page-side/lookahead.ts), each
   * at its own virtual time and drained like a request of its own. */
  private async takeAhead(ahead: NetAhead, outputs: NetOutput[], events: HostEvent[]): Promise<AheadReply[]> {
    const safe = new Set(ahead.safeConns);
    const replies: AheadReply[] = [];
    let last: { outputs: NetOutput[]; events: HostEvent[] } = { outputs, events };
    for (const { input, nowMs } of ahead.inputs) {
      if (!isSafeAnswer(last.outputs, last.events, ahead, safe)) break;
      const world = this.requireWorld();
      world.nowMs = nowMs;
      let error: AheadReply['error'];
      try {
        this.apply({ type: 'net', input }, nowMs);
        await drainUntilQuiet(() => this.activity());
      } catch (e) {
        const err = e instanceof Error ? e : new Error(String(e));
        error = { message: err.message, stack: err.stack };
      }
      last = { outputs: world.outbox.splice(0), events: this.events.splice(0) };
      replies.push({ ...last, ...(error ? { error } : {}) });
      if (error) break;
    }
    return replies;
  }

  /** Applies one command; returns a promise for its result (awaited after the drain). */
  private apply(command: HostCommand, nowMs: number): Promise<unknown> | undefined {
    switch (command.type) {
      case 'init':
        return this.start(command.init, nowMs);
      case 'net':
        if (this.bench) this.bench.deliver(command.input);
        else this.requireWorld().deliver(command.input);
        return undefined;
      case 'kickoff':
        if (this.bench) this.bench.kick(command.send);
        else this.kickoffs.start(command.send);
        return undefined;
      case 'flush': {
        const done = this.flush(command.peer, command.ref);
        if (command.name) this.kickoffs.report(command.name, undefined, done);
        else done.catch(() => {});
        return undefined;
      }
      case 'release':
        return this.release(command.peer, command.ref);
      case 'tables':
        if (this.bench) return Promise.resolve({ node: this.init!.name, sessions: [] });
        // A driver that cannot list its tables says so (null) rather than inventing empty ones.
        return Promise.resolve(this.driver?.tablesGap ? null : this.requireNode().tables());
      case 'export-state':
        // The node's own state plus what its apps keep (AppContext.persist), so `restart keep`
        // brings back the same objects, not fresh ones.
        return Promise.resolve(this.bench ? {} : { ...this.requireNode().exportState(), apps: Object.fromEntries([...this.appState].map(([name, read]) => [name, read()])) });
      case 'shutdown':
        if (this.bench) return Promise.resolve(this.bench.shutdown());
        return this.requireNode().shutdown();
    }
  }

  private requireWorld(): HostWorld {
    if (!this.world) throw new Error('node host: not initialised (init must come first)');
    return this.world;
  }

  private requireNode(): DriverNode {
    if (!this.node) throw new Error('node host: no node (init failed or was never sent)');
    return this.node;
  }

  private async start(init: NodeInit, nowMs: number): Promise<void> {
    this.init = init;
    const random = makeRandom(init.seed, `node:${init.name}:${init.incarnation}`);
    this.world = new HostWorld(init.name, init.incarnation, random);
    for (const [node, locator] of Object.entries(init.externals ?? {})) this.world.addExternal(node, parseTcpLocator(locator));
    this.world.nowMs = nowMs;
    if (init.driver === BENCH_ECHO_DRIVER) {
      this.bench = new BenchEcho(this.world);
      return;
    }
    const driver = this.getDriver(init.driver);
    if (!driver) throw new Error(`node host: unknown driver "${init.driver}"`);
    const node = driver.makeNode(
      {
        name: init.name,
        identitySeed: hexToBytes(init.identitySeedHex),
        options: init.options,
        incarnation: init.incarnation,
        ...(init.restoredState ? { restoredState: init.restoredState } : {}),
      },
      this.world,
    );
    this.node = node;
    this.driver = driver;
    node.onEvent((event) => {
      this.events.push({ kind: 'node', event });
      // A fetched reference belongs to the session it came over: once that session has ended, a
      // new fetch of the same sturdyref must go to the peer's live session (dialling a new one).
      // Lookups are keyed by node name; an external peer's session knows it by its designator.
      if (event.type === 'session-closed') this.lookups.forgetNode(this.world?.nodeNamed(event.peer) ?? event.peer);
    });
    const world = this.world;
    const defects = [...new Set([...init.appDefects, ...(driver.appDefects ?? [])])];
    const restoredApps = (init.restoredState?.apps ?? {}) as Record<string, unknown>;
    for (const app of init.apps) {
      const ctx = {
        node: init.name,
        name: app.name,
        peers: init.peers,
        methods: init.methods,
        clock: world.clock,
        random: makeRandom(init.seed, `app:${init.name}:${app.name}:${init.incarnation}`),
        defects,
        emit: (event: AppEventDraft) => this.emitApp(event),
        mark: (name: string) => this.events.push({ kind: 'node', event: { type: 'mark', name } }),
        lookup: (n: string, s: string) => this.lookups.lookup(n, s),
        turn: <T>(fn: () => T): Promise<T> => (node.turn ? node.turn(fn) : runPlain(fn)),
        saved: restoredApps[app.name],
        persist: (read: () => unknown) => void this.appState.set(app.name, read),
        looked: (n: string, s: string) => this.lookups.looked(n, s),
      };
      this.apps.set(app.name, makeApp(ctx, app));
    }
    for (const { swiss, object } of init.sturdyrefs) {
      const app = this.apps.get(object);
      if (!app) throw new Error(`node host ${init.name}: sturdyref "${swiss}" names no app "${object}"`);
      node.registerSturdyRef(swiss, app);
    }
  }

  /** The local app itself, or an enlivened sturdyref (the cache in `lookups` keeps it). */
  private fetch(node: string, swiss: string): Promise<object> {
    const init = this.init!;
    if (node === init.name) {
      const object = init.sturdyrefs.find((s) => s.swiss === swiss)?.object ?? swiss;
      const app = this.apps.get(object);
      return app ? Promise.resolve(app) : Promise.reject(Error(`${init.name}: no local object "${swiss}"`));
    }
    return this.requireNode().enliven({ location: this.world!.locationOf(node), swiss });
  }

  private refOf(ref: PlanRef): Promise<unknown> {
    if (ref.kind !== 'kickoff') throw new Error(`node host: ref ${JSON.stringify(ref)} is not a kickoff result`);
    const result = this.kickoffs.results.get(ref.kickoff);
    if (!result) throw new Error(`node host ${this.init?.name}: kickoff "${ref.kickoff}" has no result on this node`);
    return result;
  }

  private async flush(peer: string, ref: PlanRef): Promise<void> {
    const node = this.requireNode();
    if (ref.kind === 'position') return node.flushPosition(peer, ref.position);
    // The promise itself is the reference (an import promise); awaiting it would defeat the flush.
    return node.flush(this.refOf(ref));
  }

  private release(peer: string, ref: PlanRef): Promise<void> | undefined {
    const node = this.requireNode();
    if (ref.kind === 'position') return void node.releasePosition(peer, ref.position);
    // What the node holds: the presence a fetch or call fulfilled to, else the pending promise
    // (whose release is op:gc-answers).
    const value = this.kickoffs.fulfilled.get(ref.kickoff);
    const done = node.release(typeof value === 'object' && value !== null ? value : this.refOf(ref));
    // A released import is dead: a later call to the same sturdyref must fetch it afresh.
    this.lookups.forgetValue(value);
    // A driver that drops imports by collection needs every hold of the host let go; it collects
    // only in a later turn (`done`), by when this frame and `value` are gone.
    if (this.driver?.releaseByCollection) this.kickoffs.forget(ref.kickoff);
    return done ?? undefined;
  }
}

/** A turn for drivers without transactional turns: the code runs, its sends go out as made. */
function runPlain<T>(fn: () => T): Promise<T> {
  try {
    return Promise.resolve(fn());
  } catch (error) {
    return Promise.reject(error);
  }
}
