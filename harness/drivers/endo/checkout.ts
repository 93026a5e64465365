/**
 * Where the endo checkout is, Node side only (catalog, CLI, page build): `OCAPN_ENDO_PATH` names
 * a folder from which `@endo/ocapn` and its sibling `@endo/*` packages resolve — an endo
 * monorepo after its own install, or any folder whose node_modules hold them, all from one commit.
 * Never imported by a worker: workers get the adapter through the separate endo bundle.
 * Guarantees: without the variable nothing is read and every endo case is skipped with
 * ENDO_UNSET_REASON; with it, a folder that does not resolve `@endo/ocapn` is reported, not thrown.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';

import type { Driver } from '../driver.js';
import { endoDriverInfo } from '../index.js';
import { ENDO_DRIVER_NAME, ENDO_FEATURE_GAPS, ENDO_FEATURES, ENDO_FLUSH_FEATURES, ENDO_PATH_VARIABLE, ENDO_UNSET_REASON } from './info.js';

export { ENDO_PATH_VARIABLE, ENDO_UNSET_REASON };
export const ENDO_DRIVER = ENDO_DRIVER_NAME;
/** A checkout assembled without git (packages exported from one commit) may name it here. */
export const COMMIT_FILE = 'ENDO_COMMIT';

export interface EndoCheckout {
  /** The folder named by the variable, absolute. */
  root: string;
  /** `@endo/ocapn`'s package folder, when it resolves. */
  ocapnDir?: string;
  /** `@endo/ocapn`'s package version. */
  version?: string;
  /** The endo commit: `git rev-parse HEAD` in the checkout, else the COMMIT_FILE, else unknown. */
  commit?: string;
  /** Whether this endo speaks the receiver-initiated op:flush (flushEndoFeature). */
  flush?: boolean;
  /** Why the checkout cannot be used (absent when it can). */
  problem?: string;
}

/**
 * Whether the checkout's @endo/ocapn speaks the receiver-initiated op:flush: its operation codecs
 * know `op:flush-done` and its session offers `flushExport` (the importer's side, reachable only
 * through the debug object). Read from the package's sources because the decision is needed
 * before any worker runs; the adapter checks again at run time and refuses when it is absent.
 */
export function detectEndoFlush(ocapnDir: string): boolean {
  const read = (path: string) => {
    const file = join(ocapnDir, path);
    return existsSync(file) ? readFileSync(file, 'utf8') : '';
  };
  return read('src/codecs/operations.js').includes("'op:flush-done'") && read('src/client/ocapn.js').includes('flushExport');
}

function gitCommit(dir: string): string | undefined {
  try {
    return execFileSync('git', ['-C', dir, 'rev-parse', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() || undefined;
  } catch {
    return undefined;
  }
}

function commitOf(root: string, ocapnDir: string | undefined): string | undefined {
  const file = join(root, COMMIT_FILE);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim() || undefined;
  return gitCommit(root) ?? (ocapnDir ? gitCommit(ocapnDir) : undefined);
}

/** The checkout named by the environment, or undefined when the variable is unset. */
export function findEndoCheckout(env: NodeJS.ProcessEnv = process.env): EndoCheckout | undefined {
  const named = env[ENDO_PATH_VARIABLE];
  if (!named) return undefined;
  const root = resolve(named);
  if (!existsSync(root)) return { root, problem: `${ENDO_PATH_VARIABLE}=${named}: no such folder` };
  let ocapnDir: string | undefined;
  try {
    // Resolved as if imported from a module in the folder: works for a monorepo after its install
    // (node_modules/@endo/ocapn links to packages/ocapn) and for a plain node_modules layout.
    ocapnDir = dirname(createRequire(join(root, 'package.json')).resolve('@endo/ocapn/package.json'));
  } catch {
    return { root, commit: commitOf(root, undefined), problem: `${ENDO_PATH_VARIABLE}=${named}: @endo/ocapn does not resolve from there (run the checkout's install)` };
  }
  const version = (JSON.parse(readFileSync(join(ocapnDir, 'package.json'), 'utf8')) as { version?: string }).version;
  return { root, ocapnDir, ...(version ? { version } : {}), commit: commitOf(root, ocapnDir), flush: detectEndoFlush(ocapnDir) };
}

/** The endo driver as this machine's checkout makes it: op:flush is listed only when the
 * checkout speaks it (otherwise it stays a gap with the stated reason). */
export function endoDriverHere(env: NodeJS.ProcessEnv = process.env): Driver {
  if (!findEndoCheckout(env)?.flush) return endoDriverInfo;
  const featureGaps = { ...ENDO_FEATURE_GAPS };
  for (const f of ENDO_FLUSH_FEATURES) delete featureGaps[f];
  return { ...endoDriverInfo, features: [...ENDO_FEATURES, ...ENDO_FLUSH_FEATURES], featureGaps };
}

/** Why endo cases cannot run here, or undefined when they can. */
export function endoSkipReason(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const checkout = findEndoCheckout(env);
  if (!checkout) return ENDO_UNSET_REASON;
  return checkout.problem ? `endo driver: ${checkout.problem}` : undefined;
}

/** Whether endo's client loads from the checkout: a child Node process imports `@endo/init`
 * (lockdown, as endo runs itself) then `@endo/ocapn` from there and looks for `makeClient`. */
export function probeEndoLoads(checkout: EndoCheckout): { loads: boolean; detail: string } {
  if (checkout.problem) return { loads: false, detail: checkout.problem };
  const script = [
    "import { createRequire } from 'node:module';",
    "import { pathToFileURL } from 'node:url';",
    'const require = createRequire(process.argv[1]);',
    "await import(pathToFileURL(require.resolve('@endo/init')).href);",
    "const ocapn = await import(pathToFileURL(require.resolve('@endo/ocapn')).href);",
    "if (typeof ocapn.makeClient !== 'function') throw new Error('@endo/ocapn has no makeClient');",
    "process.stdout.write('ok');",
  ].join('\n');
  try {
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script, join(checkout.root, 'package.json')], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 60_000,
    });
    return out === 'ok' ? { loads: true, detail: 'makeClient found after @endo/init' } : { loads: false, detail: `unexpected output: ${out.slice(0, 200)}` };
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? String(error);
    // Node prints the source line first; the thrown error is the line that starts `XxxError: `.
    const line = stderr.split('\n').find((l) => /^[A-Za-z]*Error( \[[A-Z_]+\])?: /.test(l)) ?? stderr.split('\n')[0];
    return { loads: false, detail: line.trim() };
  }
}
