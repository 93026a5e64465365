/**
 * The node host: everything that runs inside one node's worker. It makes the node through its
 * driver with a HostWorld, builds the node's apps and registers their sturdyrefs, and answers the
 * page's requests in lock-step: apply one command, drain until quiescent, reply with all outputs.
 * Spec anchor: docs/architecture.md (lock-step), driver.ts (the Driver contract). View: one node, one
 * incarnation (a restart is a new worker). Platform-neutral: the worker entry
 * (harness/page/worker.ts) or a Node test wires `handle` to its message channel.
 * Guarantees: one reply per request; a command that throws becomes `error` in its reply.
 */
import type { Driver, DriverNode } from '../../drivers/driver.js';
import { makeRandom } from '../../ocapn/random.js';
import { hexToBytes } from '../../ocapn/syrup/index.js';
import type { PlanRef } from '../../scenario/plan.js';
import { makeApp } from '../apps/index.js';
import { BenchEcho, BENCH_ECHO_DRIVER } from './bench-echo.js';
import { parseTcpLocator } from '../../ocapn/netlayer/tcp-locator.js';
import { HostWorld } from './host-world.js';
import { Kickoffs } from './kickoffs.js';
import type { AppEventDraft, HostCommand, HostEvent, HostReply, HostRequest, NodeInit } from './protocol.js';
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
  private readonly lookups = new Map<string, Promise<object>>();
  /** What each lookup resolved to, so releasing that reference also forgets the lookup. */
  private readonly lookedUp = new Map<string, object>();
  private readonly kickoffs = new Kickoffs({ lookup: (n, s) => this.lookup(n, s), emit: (e) => this.emitApp(e) });

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
    return { id: request.id, outputs, events, ...(result !== undefined ? { result } : {}), ...(error ? { error } : {}) };
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
        this.release(command.peer, command.ref);
        return undefined;
      case 'tables':
        if (this.bench) return Promise.resolve({ node: this.init!.name, sessions: [] });
        // A driver that cannot list its tables says so (null) rather than inventing empty ones.
        return Promise.resolve(this.driver?.tablesGap ? null : this.requireNode().tables());
      case 'export-state':
        return Promise.resolve(this.bench ? {} : this.requireNode().exportState());
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
      if (event.type === 'session-closed') this.forgetLookups(event.peer);
    });
    const world = this.world;
    const defects = [...new Set([...init.appDefects, ...(driver.appDefects ?? [])])];
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
        lookup: (n: string, s: string) => this.lookup(n, s),
        looked: (n: string, s: string) => this.lookedUp.get(`${n}/${s}`),
      };
      this.apps.set(app.name, makeApp(ctx, app));
    }
    for (const { swiss, object } of init.sturdyrefs) {
      const app = this.apps.get(object);
      if (!app) throw new Error(`node host ${init.name}: sturdyref "${swiss}" names no app "${object}"`);
      node.registerSturdyRef(swiss, app);
    }
  }

  /** The next lookup of `key` fetches afresh (its session ended, or its reference was released). */
  private forget(key: string): void {
    this.lookups.delete(key);
    this.lookedUp.delete(key);
  }

  private forgetLookups(peer: string): void {
    for (const key of [...this.lookups.keys()]) if (key.startsWith(`${peer}/`)) this.forget(key);
  }

  /** A reference to `swiss` at `node`: the local app itself, or an enlivened sturdyref (cached
   * while the session it came over lives). */
  private lookup(node: string, swiss: string): Promise<object> {
    const key = `${node}/${swiss}`;
    let found = this.lookups.get(key);
    if (!found) {
      const init = this.init!;
      if (node === init.name) {
        const object = init.sturdyrefs.find((s) => s.swiss === swiss)?.object ?? swiss;
        const app = this.apps.get(object);
        found = app ? Promise.resolve(app) : Promise.reject(Error(`${init.name}: no local object "${swiss}"`));
      } else {
        found = this.requireNode().enliven({ location: this.world!.locationOf(node), swiss });
      }
      // A failed enliven is not cached: a later call after heal or restart must dial again.
      found.then(
        (value) => this.lookedUp.set(key, value),
        () => this.lookups.delete(key),
      );
      this.lookups.set(key, found);
    }
    return found;
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

  private release(peer: string, ref: PlanRef): void {
    const node = this.requireNode();
    if (ref.kind === 'position') return node.releasePosition(peer, ref.position);
    // What the node holds: the presence a fetch or call fulfilled to, else the pending promise
    // (whose release is op:gc-answers).
    const value = this.kickoffs.fulfilled.get(ref.kickoff);
    node.release(typeof value === 'object' && value !== null ? value : this.refOf(ref));
    // A released import is dead: a later call to the same sturdyref must fetch it afresh.
    for (const [key, held] of [...this.lookedUp]) if (held === value) this.forget(key);
  }
}
