/**
 * `ocapn-conformance serve`: the reference node as a process, listening on the `tcp-testing-only`
 * netlayer, so other implementations (the official Python suite, endo, Goblins, another `serve`)
 * can reach it. The FIRST line of stdout is the node's locator and nothing else (scripts read it);
 * session events go to stderr with `--verbose`. SIGINT / SIGTERM: sessions end, sockets close,
 * exit 0. The server itself (the node, its objects) is harness/serve/; this is its command line.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { CommandIo } from '../io.js';
import { DIALECTS, type Dialect } from '../../ocapn/syrup/index.js';
import { FRAMINGS, type Framing } from '../../ocapn/netlayer/stream-connection.js';
import { DEFAULT_MAX_CONNECTIONS, DEFAULT_MAX_UNSENT_BYTES, DEFAULT_PARTIAL_TIMEOUT_MS } from '../../ocapn/netlayer/tcp.js';
import { parseTcpLocator } from '../../ocapn/netlayer/tcp-locator.js';
import { SERVE_OBJECTS, startServer, type RunningServer, type ServeArgs, type ServeObjects } from '../../serve/server.js';

const USAGE = `usage: ocapn-conformance serve [options]

A reference OCapN node listening on TCP (tcp-testing-only: INSECURE, loopback only by default).
Prints its locator (ocapn://<designator>.tcp-testing-only?host=…&port=…) as the first line of
stdout; runs until SIGINT or SIGTERM, then exits 0.

options:
  --port N                 listen port (default 0: any free port; read it from the locator)
  --host H                 listen address (default 127.0.0.1)
  --framing none|length    none: messages back to back (the official Python suite);
                           length: <len>:<payload> frames (endo's default). Default length.
  --dialect D              ${DIALECTS.join('|')} (default spec; python-suite for the official suite)
  --one-way deliver|deliver-only
                           how unanswered deliveries are written (default: deliver-only in
                           dialect python-suite, deliver otherwise)
  --objects suite|harness|none
                           suite: the official suite's objects under its swiss numbers (default);
                           harness: the harness's apps (echo, recorder, counter, thrower, holder,
                           forwarder), each under its app's name as the swiss number
  --methods M,M…           with --objects harness: the methods the generic apps answer
                           (echo, forwarder, recorder, thrower; default echo)
  --peer NAME=LOCATOR      with --objects harness: where node NAME of a forwarder's route
                           listens (repeatable)
  --name NAME              with --objects harness: this node's name in routes (default serve)
  --designator D           the designator in the locator (default: random hex)
  --seed N                 derive session keys and the designator from N (default: random)
  --max-connections N      refuse incoming connections above N open ones (default ${DEFAULT_MAX_CONNECTIONS})
  --partial-timeout-ms N   abort a connection whose message stays incomplete N ms (default ${DEFAULT_PARTIAL_TIMEOUT_MS}; 0 = never)
  --max-unsent-bytes N     drop a peer that leaves more than N bytes of ours unread (default ${DEFAULT_MAX_UNSENT_BYTES})
  --allow-non-loopback     listen on and dial non-loopback addresses (still no security at all)
  --verbose                session events on stderr
  -h, --help               this text`;


function nonNegativeInt(name: string, text: string | undefined, max = Number.MAX_SAFE_INTEGER): number | string {
  if (text === undefined || !/^(0|[1-9][0-9]*)$/.test(text) || Number(text) > max) return `${name} needs a whole number 0..${max} (got ${text ?? 'nothing'})`;
  return Number(text);
}

/** The options as `util.parseArgs` reads them; values are checked below, one message each. */
const OPTIONS = {
  port: { type: 'string' },
  host: { type: 'string' },
  framing: { type: 'string' },
  dialect: { type: 'string' },
  'one-way': { type: 'string' },
  objects: { type: 'string' },
  methods: { type: 'string' },
  peer: { type: 'string', multiple: true },
  name: { type: 'string' },
  designator: { type: 'string' },
  seed: { type: 'string' },
  'max-connections': { type: 'string' },
  'partial-timeout-ms': { type: 'string' },
  'max-unsent-bytes': { type: 'string' },
  'allow-non-loopback': { type: 'boolean' },
  verbose: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

/** util.parseArgs's refusals, in this command's words (the option it names, quoted, is kept). */
function parseProblem(error: unknown): string {
  const { code, message } = error as { code?: string; message: string };
  const named = /'(-[^' ]*)/.exec(message)?.[1] ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `unknown option ${named}`;
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return `unexpected argument ${/'([^']*)'/.exec(message)?.[1] ?? ''}`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return `${named} ${/argument missing/.test(message) ? 'needs a value' : 'takes no value'}`;
  return message;
}

export function parseServeArgs(argv: string[]): ServeArgs | 'help' | string {
  let values: ReturnType<typeof parseArgs<{ args: string[]; options: typeof OPTIONS; strict: true; allowPositionals: false }>>['values'];
  try {
    values = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: false }).values;
  } catch (error) {
    return parseProblem(error);
  }
  if (values.help) return 'help';
  const args: ServeArgs = {
    port: 0,
    host: '127.0.0.1',
    framing: 'length',
    dialect: 'spec',
    objects: 'suite',
    methods: ['echo'],
    peers: {},
    name: 'serve',
    maxConnections: DEFAULT_MAX_CONNECTIONS,
    partialTimeoutMs: DEFAULT_PARTIAL_TIMEOUT_MS,
    maxUnsentBytes: DEFAULT_MAX_UNSENT_BYTES,
    allowNonLoopback: values['allow-non-loopback'] ?? false,
    verbose: values.verbose ?? false,
  };
  const numbers = [
    ['port', 65535],
    ['max-connections', undefined],
    ['partial-timeout-ms', undefined],
    ['max-unsent-bytes', undefined],
  ] as const;
  for (const [name, max] of numbers) {
    if (values[name] === undefined) continue;
    const n = nonNegativeInt(`--${name}`, values[name], max);
    if (typeof n === 'string') return n;
    if (name === 'port') args.port = n;
    else if (name === 'max-connections') args.maxConnections = n;
    else if (name === 'partial-timeout-ms') args.partialTimeoutMs = n;
    else args.maxUnsentBytes = n;
  }
  const { host, framing, dialect, objects, designator, seed } = values;
  const oneWay = values['one-way'];
  if (host !== undefined) {
    if (!host) return '--host needs an address';
    args.host = host;
  }
  if (framing !== undefined) {
    if (!FRAMINGS.includes(framing as Framing)) return `--framing must be one of ${FRAMINGS.join(', ')} (got ${framing})`;
    args.framing = framing as Framing;
  }
  if (dialect !== undefined) {
    if (!DIALECTS.includes(dialect as Dialect)) return `--dialect must be one of ${DIALECTS.join(', ')} (got ${dialect})`;
    args.dialect = dialect as Dialect;
  }
  if (oneWay !== undefined) {
    if (oneWay !== 'deliver' && oneWay !== 'deliver-only') return `--one-way must be deliver or deliver-only (got ${oneWay})`;
    args.oneWay = oneWay;
  }
  if (objects !== undefined) {
    if (!SERVE_OBJECTS.includes(objects as ServeObjects)) return `--objects must be one of ${SERVE_OBJECTS.join(', ')} (got ${objects})`;
    args.objects = objects as ServeObjects;
  }
  const harnessOnly = (['methods', 'peer', 'name'] as const).find((k) => values[k] !== undefined);
  if (harnessOnly && args.objects !== 'harness') return `--${harnessOnly} needs --objects harness`;
  if (values.methods !== undefined) {
    const methods = values.methods.split(',').map((m) => m.trim());
    const bad = methods.find((m) => !/^[A-Za-z_][A-Za-z0-9_-]*$/.test(m));
    if (bad !== undefined) return `--methods needs method names separated by commas (got "${bad}")`;
    args.methods = methods;
  }
  for (const peer of values.peer ?? []) {
    const eq = peer.indexOf('=');
    const [name, locator] = [peer.slice(0, eq), peer.slice(eq + 1)];
    if (eq <= 0 || !/^[A-Za-z0-9_-]+$/.test(name)) return `--peer needs NAME=LOCATOR (got ${peer})`;
    try {
      parseTcpLocator(locator);
    } catch (error) {
      return `--peer ${name}: ${(error as Error).message}`;
    }
    args.peers[name] = locator;
  }
  if (values.name !== undefined) {
    if (!/^[A-Za-z0-9_-]+$/.test(values.name)) return `--name needs letters, digits, _ or - (got ${values.name || 'nothing'})`;
    args.name = values.name;
  }
  if (designator !== undefined) {
    if (!/^[A-Za-z0-9_-]+$/.test(designator)) return `--designator needs letters, digits, _ or - (got ${designator || 'nothing'})`;
    args.designator = designator;
  }
  if (seed !== undefined) {
    if (!seed) return '--seed needs a value';
    args.seed = seed;
  }
  return args;
}

export async function run(argv: string[], io: CommandIo): Promise<number> {
  const parsed = parseServeArgs(argv);
  if (parsed === 'help') {
    io.stdout(USAGE);
    return 0;
  }
  if (typeof parsed === 'string') {
    io.stderr(`serve: ${parsed}\n\n${USAGE}`);
    return 2;
  }
  const log = parsed.verbose ? (line: string) => io.stderr(`serve: ${line}`) : () => {};
  // A peer's misbehaviour may reject promises nobody awaits; that is never a reason to exit.
  const onRejection = (reason: unknown) => log(`unhandled rejection: ${reason instanceof Error ? reason.message : String(reason)}`);
  process.on('unhandledRejection', onRejection);
  let server: RunningServer;
  try {
    server = await startServer(parsed, log);
  } catch (error) {
    io.stderr(`serve: ${(error as Error).message}`);
    return 1;
  }
  // The handlers are in place before the locator is printed: a launcher may signal as soon as it
  // reads the line (on Linux a pipe write returns once the reader can see it), and an uncaught
  // SIGINT would kill the process instead of stopping it cleanly.
  const stopped = new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      log(`${signal}: shutting down`);
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      resolve();
    };
    const onInt = () => stop('SIGINT');
    const onTerm = () => stop('SIGTERM');
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
  });
  io.stdout(server.locator);
  await stopped;
  await server.stop();
  process.off('unhandledRejection', onRejection);
  return 0;
}
