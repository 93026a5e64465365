/**
 * The endo TCP peer: endo's own OCapN client on endo's own test-only TCP netlayer, in a process
 * of its own, as an external node of a scenario. Started by the external bridge
 * (harness/case/endo-tcp.ts rewrites a scenario's `serve` commands into this one):
 *   node --import ./harness/serve/endo-peer-loader.mjs harness/serve/endo-peer.ts
 *        --endo <checkout> [--framing length|none] [--objects suite|harness|none] [--methods M,…]
 *        [--peer NAME=LOCATOR]… [--name NAME] [--designator D] [--seed N]
 * The options mean what they mean to `serve` (the objects are the same: the suite's under its
 * swiss numbers, or the harness's apps under their names), so a scenario written against `serve`
 * runs unchanged against endo. `--framing length` is endo's `'syrup'` framing (`<len>:<payload>`,
 * endo's default since May 2026); `none` writes each message bare.
 * The FIRST stdout line is the locator; endo's errors go to stderr; SIGINT/SIGTERM end it (exit 0).
 * Every `@endo/*` import, the harness apps' included, resolves to the checkout (endo-peer-hooks.mjs).
 * Not replayable: real time, endo's own key randomness (a process is not the simulation).
 */
import '../ocapn/endo-setup.js';
import { parseArgs } from 'node:util';
import { makeClient, swissnumFromBytes, type Client, type Logger, type OcapnLocation } from '@endo/ocapn';
import { makeTcpNetLayer } from '@endo/ocapn/netlayer/tcp-testing';
import { hostHarnessObjects } from './harness-objects.js';
import { hostSuiteObjects } from './suite-objects.js';
import { formatTcpLocator } from '../ocapn/netlayer/tcp-locator.js';
import { makeRandom } from '../ocapn/random.js';
import type { ReferenceNode } from '../ocapn/node.js';
import type { SturdyRefLocator } from '../ocapn/node-types.js';
import type { Clock, PeerLocation } from '../ocapn/world.js';

const encoder = new TextEncoder();

const wallClock: Clock = {
  now: () => Date.now(),
  setTimer: (at, fn) => {
    const timer = setTimeout(fn, Math.max(0, at - Date.now()));
    return () => clearTimeout(timer);
  },
};

function fail(message: string): never {
  process.stderr.write(`endo tcp peer: ${message}\n`);
  process.exit(2);
}

function readArgs(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      endo: { type: 'string' },
      framing: { type: 'string', default: 'length' },
      objects: { type: 'string', default: 'suite' },
      methods: { type: 'string', default: 'echo' },
      peer: { type: 'string', multiple: true, default: [] },
      name: { type: 'string', default: 'endo' },
      designator: { type: 'string' },
      seed: { type: 'string' },
    },
  });
  if (values.framing !== 'length' && values.framing !== 'none') fail(`--framing takes length or none (got ${values.framing})`);
  if (!['suite', 'harness', 'none'].includes(values.objects)) fail(`--objects takes suite, harness or none (got ${values.objects})`);
  const peers: Record<string, string> = {};
  for (const p of values.peer) {
    const eq = p.indexOf('=');
    if (eq <= 0) fail(`--peer takes NAME=LOCATOR (got ${p})`);
    peers[p.slice(0, eq)] = p.slice(eq + 1);
  }
  return { ...values, framing: values.framing as 'length' | 'none', methods: values.methods.split(',').filter(Boolean), peers };
}

function toEndoLocation(location: PeerLocation): OcapnLocation {
  return { type: 'ocapn-peer', transport: location.transport, designator: location.designator, hints: location.hints };
}

/**
 * What the serve object hosts (harness-objects.ts, suite-objects.ts) need of a node, given by
 * endo's client: registering under a swiss number, enlivening a sturdyref (a forwarder's next
 * hop, the suite's enlivener), a turn (endo has no transactional turns: just run) and release
 * (endo has no explicit release: a no-op, so the suite's echo lets go of nothing).
 */
function hostingNode(client: Client): ReferenceNode {
  const hosting = {
    registerSturdyRef: (swiss: string, object: object) => client.registerSturdyRef(swiss, object),
    enliven: (locator: SturdyRefLocator) => client.enlivenSturdyRef(client.makeSturdyRef(toEndoLocation(locator.location), swissnumFromBytes(encoder.encode(locator.swiss)))),
    turn: <T>(fn: () => T): Promise<T> => Promise.resolve().then(fn),
    release: () => {},
  };
  // Only these members are used by the hosts; the rest of a ReferenceNode is never touched.
  return hosting as unknown as ReferenceNode;
}

async function main(): Promise<void> {
  const args = readArgs(process.argv.slice(2));
  const seed = args.seed ?? String(Date.now());
  const designator = args.designator ?? Buffer.from(makeRandom(seed, 'designator').bytes(16)).toString('hex');
  const logger: Logger = {
    log: () => {},
    info: () => {},
    error: (...parts: unknown[]) => process.stderr.write(`endo: ${parts.map((p) => (p instanceof Error ? p.message : String(p))).join(' ')}\n`),
  };
  // An endo older than its framing option ignores it and writes unframed: refuse rather than lie.
  if (args.framing === 'length' && !makeTcpNetLayer.toString().includes('framing')) fail('this endo checkout\'s TCP netlayer has no framing option (unframed only): use --framing none');
  const client = makeClient({ debugLabel: args.name, swissnumTable: new Map(), giftTable: new Map(), enableImportCollection: false, logger });
  const netlayer = await client.registerNetlayer((handlers, log) =>
    makeTcpNetLayer({ handlers, logger: log, specifiedDesignator: designator, framing: args.framing === 'length' ? 'syrup' : 'none' }),
  );
  const node = hostingNode(client);
  if (args.objects === 'suite') hostSuiteObjects(node);
  else if (args.objects === 'harness') {
    hostHarnessObjects(node, { name: args.name, methods: args.methods, peers: args.peers, clock: wallClock, random: makeRandom(seed, 'apps'), log: () => {} });
  }
  const { designator: d, hints } = netlayer.location;
  process.stdout.write(`${formatTcpLocator({ transport: 'tcp-testing-only', designator: d, hints: hints || {} })}\n`);
  const stop = () => {
    client.shutdown();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => fail((error as Error).stack ?? String(error)));
