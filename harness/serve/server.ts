/**
 * The reference node as a TCP server (`ocapn-conformance serve`, harness/cli/commands/serve.ts,
 * is its command line): a node on the `tcp-testing-only` netlayer hosting the official suite's
 * objects or the harness's apps. Real time and real sockets: a real process, not a simulation.
 * Also started in-process by tests.
 */
import { randomBytes } from 'node:crypto';
import type { Dialect } from '../ocapn/syrup/index.js';
import { makeRandom } from '../ocapn/random.js';
import { ReferenceNode } from '../ocapn/node.js';
import type { Framing } from '../ocapn/netlayer/stream-connection.js';
import { listenTcp } from '../ocapn/netlayer/tcp.js';
import { formatTcpLocator } from '../ocapn/netlayer/tcp-locator.js';
import type { Clock, World } from '../ocapn/world.js';
import { hostSuiteObjects } from './suite-objects.js';
import { hostHarnessObjects } from './harness-objects.js';

/** What the node hosts under fixed swiss numbers. */
export const SERVE_OBJECTS = ['suite', 'harness', 'none'] as const;
export type ServeObjects = (typeof SERVE_OBJECTS)[number];

export interface ServeArgs {
  port: number;
  host: string;
  framing: Framing;
  dialect: Dialect;
  oneWay?: 'deliver' | 'deliver-only';
  objects: ServeObjects;
  /** --objects harness: methods of the generic apps, route peers, the node's own route name. */
  methods: string[];
  peers: Record<string, string>;
  name: string;
  designator?: string;
  seed?: string;
  maxConnections: number;
  partialTimeoutMs: number;
  maxUnsentBytes: number;
  allowNonLoopback: boolean;
  verbose: boolean;
}

/** Real time for a real process; the node itself never reads it. */
const wallClock: Clock = {
  now: () => Date.now(),
  setTimer: (at, fn) => {
    const timer = setTimeout(fn, Math.max(0, at - Date.now()));
    return () => clearTimeout(timer);
  },
};

export interface RunningServer {
  node: ReferenceNode;
  locator: string;
  stop(): Promise<void>;
}

/** Starts the node (also used by tests in-process); `serve` wraps it with signals and stdout. */
export async function startServer(args: ServeArgs, log: (line: string) => void = () => {}): Promise<RunningServer> {
  const seed = args.seed ?? randomBytes(16).toString('hex');
  const designator = args.designator ?? Buffer.from(makeRandom(seed, 'designator').bytes(16)).toString('hex');
  const netlayer = await listenTcp({
    designator,
    host: args.host,
    port: args.port,
    framing: args.framing,
    dialect: args.dialect,
    allowNonLoopback: args.allowNonLoopback,
    maxConnections: args.maxConnections,
    partialTimeoutMs: args.partialTimeoutMs,
    maxUnsentBytes: args.maxUnsentBytes,
  });
  const world: World = { clock: wallClock, random: makeRandom(seed, 'serve'), netlayer };
  const node = new ReferenceNode(
    {
      name: designator,
      identitySeed: makeRandom(seed, 'identity').bytes(32),
      options: { dialect: args.dialect, flush: 'none', ...(args.oneWay ? { oneWay: args.oneWay } : {}) },
    },
    world,
  );
  node.onEvent((event) => {
    if (event.type === 'session-open') log(`session open with ${event.peer} (${event.sessionId.slice(0, 16)}…)`);
    else if (event.type === 'session-closed') log(`session with ${event.peer} closed: ${event.reason}`);
  });
  if (args.objects === 'suite') hostSuiteObjects(node);
  else if (args.objects === 'harness') {
    hostHarnessObjects(node, { name: args.name, methods: args.methods, peers: args.peers, clock: wallClock, random: makeRandom(seed, 'apps'), log });
  }
  let stopping: Promise<void> | undefined;
  return {
    node,
    locator: formatTcpLocator(netlayer.location),
    stop: () =>
      (stopping ??= (async () => {
        await node.shutdown();
        await netlayer.close();
      })()),
  };
}
