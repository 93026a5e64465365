/**
 * The harness's own app library, hosted by `serve --objects harness`: one object per app of the
 * catalog (echo, recorder, counter, thrower, holder, forwarder), each with its default
 * configuration, registered under its app's name as the swiss number (`echo`, `counter`, …). So a
 * scenario can run its basics (echo, pipelining, a thrower's break, GC) and forward chains
 * against a reference node in another OS process, declaring `objects: { echo: { swiss: echo,
 * app: echo } }`.
 * What a worker host gives an app, a process gives here: real time (the process is not
 * replayed), a seeded random stream, and peers by name — a forwarder's route names nodes, and
 * `--peer carol=<locator>` says where `carol` listens (the harness hands each external process
 * the locators of the others). Generic apps (echo, forwarder, recorder, thrower) answer the
 * methods `--methods` lists, since an object must list its methods.
 * View: the node hosting them. App events and marks go to the log (`--verbose`).
 */
import type { PlanApp } from '../scenario/plan.js';
import { APPS } from '../sim/worker-side/apps/catalog.js';
import { makeApp, type AppContext } from '../sim/worker-side/apps/index.js';
import { LookupCache } from '../sim/worker-side/apps/lookup-cache.js';
import { parseTcpLocator } from '../ocapn/netlayer/tcp-locator.js';
import type { ReferenceNode } from '../ocapn/node.js';
import type { Clock, Random } from '../ocapn/world.js';

/** Every app of the catalog with the defaults a scenario gets when it configures nothing. */
export function defaultApps(): PlanApp[] {
  return (Object.keys(APPS) as PlanApp['app'][]).map((app): PlanApp => {
    switch (app) {
      case 'forwarder':
        return { name: app, app, result: 'direct', delayMs: 0 };
      case 'echo':
        return { name: app, app, delayMs: 0 };
      case 'recorder':
        return { name: app, app };
      case 'holder':
        return { name: app, app, settleAfterMs: null, value: null, breakWith: null };
      case 'counter':
        return { name: app, app, start: 0 };
      case 'thrower':
        return { name: app, app, message: 'thrower' };
      case 'failing':
        return { name: app, app, message: 'failing' };
    }
  });
}

export interface HarnessObjectsOptions {
  /** The name this node goes by in routes (a forwarder marks a route that revisits it). */
  name: string;
  /** Method names the generic apps answer. */
  methods: readonly string[];
  /** Node name → locator, for forwarders' next hops. */
  peers: Readonly<Record<string, string>>;
  clock: Clock;
  random: Random;
  log(line: string): void;
}

/** Registers one object per catalog app under its app's name; returns the swiss numbers. */
export function hostHarnessObjects(node: ReferenceNode, options: HarnessObjectsOptions): string[] {
  const lookups = new LookupCache((peer, swiss) => {
    const locator = options.peers[peer];
    return locator
      ? (node.enliven({ location: parseTcpLocator(locator), swiss }) as Promise<object>)
      : Promise.reject(new Error(`no locator for node ${peer} (give it with --peer ${peer}=<locator>)`));
  });
  const swissNumbers: string[] = [];
  for (const app of defaultApps()) {
    const ctx: AppContext = {
      node: options.name,
      name: app.name,
      peers: [options.name, ...Object.keys(options.peers)],
      methods: options.methods,
      clock: options.clock,
      random: options.random,
      defects: [],
      emit: (event) => options.log(`app ${app.name}: ${event.event}${'method' in event && event.method ? ` ${event.method}` : ''}`),
      mark: (name) => options.log(`mark ${name}`),
      lookup: (peer, swiss) => lookups.lookup(peer, swiss),
      looked: (peer, swiss) => lookups.looked(peer, swiss),
      // serve's node keeps transactional turns like a worker's; it never restarts, so nothing persists.
      turn: (fn) => node.turn(fn),
      persist: () => undefined,
    };
    node.registerSturdyRef(app.name, makeApp(ctx, app));
    swissNumbers.push(app.name);
  }
  return swissNumbers;
}
