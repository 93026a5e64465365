/**
 * `playground [scenario.yaml] [--seed N] [--port P]`: a live network to poke by hand. Builds the
 * playground page (harness/playground, the project's Vite setup) into a private folder, serves it
 * on 127.0.0.1 and prints its URL; the page runs every node in the same workers and network code
 * as every other run, and saves what the session did as a scenario (README.md "The playground").
 * With a scenario it opens paused at its start, its steps ready to step through or branch from.
 * Exit 2 on a usage error (a scenario that does not load names its file:line:col); otherwise it
 * serves until SIGINT/SIGTERM and exits 0.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'vite';
import { drivers, getDriver } from '../../drivers/index.js';
import { parseOptions, parseSeeds, resolveScenario, UsageError } from '../cli-args.js';
import type { CommandIo } from '../io.js';
import { playgroundServer, type SessionStart } from '../playground/http.js';
import { emptyDoc, openedDoc, ScenarioService } from '../playground/scenario-service.js';

const USAGE = 'usage: ocapn-conformance playground [scenario.yaml | id] [--seed N] [--driver D] [--port P]';
const VITE_CONFIG = 'harness/playground/vite.config.ts';
const PLAYGROUND_OUT_DIR = 'dist/playground';

function sessionStart(argv: string[]): { start: SessionStart; port: number } {
  const { positionals, options } = parseOptions(argv, ['seed', 'port', 'driver']);
  const driver = options.get('driver') ?? 'reference';
  // Endo nodes are built from a checkout into their own bundle, which the playground page lacks.
  if (!getDriver(driver) || driver === 'endo') throw new UsageError(`--driver ${driver}: the playground runs ${drivers.filter((d) => d.name !== 'endo').map((d) => d.name).join(', ')}`);
  if (positionals.length > 1) throw new UsageError(`one scenario at a time (got ${positionals.join(', ')})`);
  let port = 0;
  if (options.has('port')) {
    port = Number(options.get('port'));
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port ${options.get('port')} is not a port number`);
  }
  const seeds = options.has('seed') ? parseSeeds(options.get('seed')!) : undefined;
  if (seeds && seeds.length !== 1) throw new UsageError('--seed takes one seed');
  if (positionals.length === 0) {
    const seed = seeds?.[0] ?? 1;
    return { start: { doc: emptyDoc(seed), script: [], seed, driver, saveAs: 'scenarios/playground/playground-session.yaml' }, port };
  }
  const entry = resolveScenario(positionals[0]);
  const plan = entry.plan!;
  if (plan.topology.nodes.some((n) => n.external)) throw new UsageError(`${entry.file} has external nodes: they run in real time, which a paused session cannot`);
  const seed = seeds?.[0] ?? plan.seeds[0];
  const { doc, script } = openedDoc(plan);
  const id = `${String(doc.id)}-branch`;
  return {
    start: { doc: { ...doc, id, seeds: seed }, script, seed, driver, saveAs: path.join(path.dirname(entry.file), `${id}.yaml`), opened: entry.file },
    port,
  };
}

export async function run(argv: string[], io: CommandIo): Promise<number> {
  let args;
  try {
    args = sessionStart(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`playground: ${error.message}\n${USAGE}`);
    return 2;
  }
  // Built into a private folder every time (a stale bundle would run old code), unless
  // OCAPN_NO_REBUILD=1 and dist/playground holds a build (tests build it once).
  const reuse = process.env.OCAPN_NO_REBUILD === '1' && existsSync(path.join(PLAYGROUND_OUT_DIR, 'index.html'));
  const out = reuse ? PLAYGROUND_OUT_DIR : mkdtempSync(path.join(tmpdir(), 'ocapn-playground-'));
  try {
    if (!reuse) await build({ configFile: VITE_CONFIG, logLevel: 'warn', build: { outDir: out } });
    const server = playgroundServer(out, args.start, new ScenarioService());
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(args.port, '127.0.0.1', resolve);
    });
    const address = server.address();
    const actual = typeof address === 'object' && address ? address.port : args.port;
    io.stdout(`http://127.0.0.1:${actual}/`);
    io.stderr(`playground: ${args.start.opened ? `opened ${args.start.opened} (paused at its start)` : 'an empty network'}, seed ${args.start.seed}, driver ${args.start.driver}; Ctrl-C stops`);
    await new Promise<void>((resolve) => {
      const stop = (): void => {
        server.close(() => resolve());
        server.closeAllConnections();
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
  } finally {
    if (!reuse) rmSync(out, { recursive: true, force: true });
  }
  return 0;
}
