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
import { delimiter, dirname, join, resolve } from 'node:path';

import type { Driver } from '../driver.js';
import { endoDriverInfo } from '../index.js';
import { ENDO_DRIVER_NAME, ENDO_FEATURE_GAPS, ENDO_FEATURES, ENDO_FLUSH_FEATURES, ENDO_HANDOFF_FEATURES, ENDO_PATH_VARIABLE, ENDO_UNSET_REASON, endoColumnName, isEndoDriver } from './info.js';

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
  /** Whether this endo speaks the receiver-initiated op:flush (detectEndoFlush). */
  flush?: boolean;
  /** Whether this endo hands off third-party references (detectEndoHandoffs). */
  handoffs?: boolean;
  /** Why the checkout cannot be used (absent when it can). */
  problem?: string;
  /** Its column: `endo@<commit>` (`endo` when the commit is unknown). */
  driver: string;
  /** Versions of the third-party packages endo runs on, as installed in the checkout. */
  thirdParty: Record<string, string>;
}

/** The third-party packages whose versions a recording with endo names (they shape its bytes). */
export const ENDO_THIRD_PARTY = ['@noble/curves', '@noble/hashes', 'ws'] as const;

/** A package's version as Node would find it from `from`: the nearest node_modules/<name> up the
 * tree (read directly: some packages export no ./package.json). */
function installedVersion(from: string, name: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    const file = join(dir, 'node_modules', name, 'package.json');
    if (existsSync(file)) return (JSON.parse(readFileSync(file, 'utf8')) as { version?: string }).version;
    if (dirname(dir) === dir) return undefined;
  }
}

function thirdPartyVersions(root: string, ocapnDir: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of ENDO_THIRD_PARTY) {
    // Not installed where endo resolves it: left out (the header then names fewer versions).
    const version = installedVersion(ocapnDir ?? root, name) ?? installedVersion(root, name);
    if (version) out[name] = version;
  }
  return out;
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

/**
 * Whether the checkout's @endo/ocapn hands off third-party references: its descriptor codecs
 * write `desc:handoff-give` and its reference kit signs gives (`sendHandoff`). Such an endo never
 * proxies a reference another peer hosts — it always hands it off, which is what a scenario
 * with `handoffs: shorten` asks of a node.
 */
export function detectEndoHandoffs(ocapnDir: string): boolean {
  const read = (path: string) => {
    const file = join(ocapnDir, path);
    return existsSync(file) ? readFileSync(file, 'utf8') : '';
  };
  return read('src/codecs/descriptors.js').includes("'desc:handoff-give'") && read('src/client/ref-kit.js').includes('sendHandoff');
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

/** One folder of the variable's path list, as a checkout (or its problem). */
function checkoutAt(named: string): EndoCheckout {
  const root = resolve(named);
  if (!existsSync(root)) return { root, driver: ENDO_DRIVER_NAME, thirdParty: {}, problem: `${ENDO_PATH_VARIABLE}=${named}: no such folder` };
  let ocapnDir: string | undefined;
  try {
    // Resolved as if imported from a module in the folder: works for a monorepo after its install
    // (node_modules/@endo/ocapn links to packages/ocapn) and for a plain node_modules layout.
    ocapnDir = dirname(createRequire(join(root, 'package.json')).resolve('@endo/ocapn/package.json'));
  } catch {
    const commit = commitOf(root, undefined);
    return { root, commit, driver: endoColumnName(commit), thirdParty: {}, problem: `${ENDO_PATH_VARIABLE}=${named}: @endo/ocapn does not resolve from there (run the checkout's install)` };
  }
  const version = (JSON.parse(readFileSync(join(ocapnDir, 'package.json'), 'utf8')) as { version?: string }).version;
  const commit = commitOf(root, ocapnDir);
  return { root, ocapnDir, ...(version ? { version } : {}), commit, driver: endoColumnName(commit), thirdParty: thirdPartyVersions(root, ocapnDir), flush: detectEndoFlush(ocapnDir), handoffs: detectEndoHandoffs(ocapnDir) };
}

/**
 * Every checkout the variable names — a path list (`:` on POSIX), one endo column each, in the
 * order given; empty when unset. Two folders at one commit would be one column twice: the
 * second is reported as a problem instead.
 */
export function findEndoCheckouts(env: NodeJS.ProcessEnv = process.env): EndoCheckout[] {
  const named = env[ENDO_PATH_VARIABLE];
  if (!named) return [];
  const out: EndoCheckout[] = [];
  for (const folder of named.split(delimiter).filter((f) => f !== '')) {
    const checkout = checkoutAt(folder);
    const twin = out.find((c) => c.driver === checkout.driver);
    out.push(twin && !checkout.problem ? { ...checkout, problem: `${ENDO_PATH_VARIABLE}: ${folder} is a second checkout for column ${checkout.driver} (${twin.root} is the first)` } : checkout);
  }
  return out;
}

/** The first checkout named by the environment, or undefined when the variable is unset. */
export function findEndoCheckout(env: NodeJS.ProcessEnv = process.env): EndoCheckout | undefined {
  return findEndoCheckouts(env)[0];
}

/** The checkout behind an endo column (`endo` = the first), or undefined. */
export function checkoutForDriver(driver: string, env: NodeJS.ProcessEnv = process.env): EndoCheckout | undefined {
  const all = findEndoCheckouts(env);
  return driver === ENDO_DRIVER_NAME ? all[0] : all.find((c) => c.driver === driver);
}

/** The endo columns of this machine: one per usable checkout, else the bare `endo` (skipped). */
export function endoColumns(env: NodeJS.ProcessEnv = process.env): Driver[] {
  const usable = findEndoCheckouts(env).filter((c) => !c.problem);
  if (usable.length === 0) return [endoDriverHere(env)];
  return usable.map((c) => endoDriverOf(c));
}

/** The endo driver a checkout makes: op:flush and handoff are listed only when the checkout
 * speaks them (otherwise each stays a gap with the stated reason). */
function endoDriverOf(checkout: EndoCheckout | undefined): Driver {
  const name = checkout?.driver ?? ENDO_DRIVER_NAME;
  const extra = [...(checkout?.flush ? ENDO_FLUSH_FEATURES : []), ...(checkout?.handoffs ? ENDO_HANDOFF_FEATURES : [])];
  if (extra.length === 0) return { ...endoDriverInfo, name };
  const featureGaps = { ...ENDO_FEATURE_GAPS };
  for (const f of extra) delete featureGaps[f];
  return { ...endoDriverInfo, name, features: [...ENDO_FEATURES, ...extra], featureGaps };
}

/** The endo driver of a column (default: the first checkout's) as this machine's checkout makes it. */
export function endoDriverHere(env: NodeJS.ProcessEnv = process.env, driver: string = ENDO_DRIVER_NAME): Driver {
  const checkout = checkoutForDriver(driver, env);
  return driver === ENDO_DRIVER_NAME ? { ...endoDriverOf(checkout), name: ENDO_DRIVER_NAME } : endoDriverOf(checkout);
}

/** Why a column's endo cases cannot run here, or undefined when they can. */
export function endoSkipReason(env: NodeJS.ProcessEnv = process.env, driver: string = ENDO_DRIVER_NAME): string | undefined {
  if (findEndoCheckouts(env).length === 0) return ENDO_UNSET_REASON;
  const checkout = checkoutForDriver(driver, env);
  if (!checkout) return `endo driver: no checkout in ${ENDO_PATH_VARIABLE} is ${driver}`;
  return checkout.problem ? `endo driver: ${checkout.problem}` : undefined;
}

export { isEndoDriver };

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
