/**
 * Where Guile Goblins is on this machine: the folder OCAPN_GOBLINS_PATH names, either one made
 * by `goblins setup` (Debian packages unpacked under `root/`, a private compile cache) or a
 * user's own install (a Guile load path holding `goblins.scm`). Gives the environment a Guile
 * process needs to load Goblins from there, the package versions, and a probe that loads it.
 * Guarantees: nothing here installs anything; `findGoblins` returns undefined only when the
 * variable is unset, and a folder without Goblins is reported with what is missing.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { GOBLINS_PATH_VARIABLE } from './info.js';

/** What `goblins setup` writes beside the unpacked packages: package → version. */
export const VERSIONS_FILE = 'GOBLINS-VERSIONS.json';
const SITE = 'usr/share/guile/site/3.0';
const EXTENSIONS = 'usr/lib/x86_64-linux-gnu/guile/3.0/extensions';

export interface GoblinsInstall {
  root: string;
  /** Guile's load path for Goblins and its dependencies. */
  loadPath: string;
  /** Package → version (from setup's versions file; empty for a user's own install). */
  versions: Record<string, string>;
  /** The environment a Guile process needs (on top of the caller's). */
  env: Record<string, string>;
  /** What is wrong with the folder, if anything (then nothing can load from it). */
  problem?: string;
}

/** The peer program kept beside this file. */
export function peerProgram(): string {
  return path.join(path.dirname(fileURLToPath(import.meta.url)), 'peer.scm');
}

export function goblinsInstallAt(folder: string): GoblinsInstall {
  const root = path.resolve(folder);
  const unpacked = path.join(root, 'root', SITE);
  const loadPath = existsSync(path.join(unpacked, 'goblins.scm')) ? unpacked : root;
  const extensions = path.join(root, 'root', EXTENSIONS);
  const env: Record<string, string> = { GUILE_LOAD_PATH: loadPath, XDG_CACHE_HOME: path.join(root, 'cache') };
  if (existsSync(extensions)) {
    // fibers looks for its extension in $FIBERS_BUILD_DIR/.libs; setup links that to the
    // unpacked extension folder.
    env.FIBERS_BUILD_DIR = path.join(root, 'fibers-build');
    env.GNUTLS_GUILE_EXTENSION_DIR = extensions;
  }
  let versions: Record<string, string> = {};
  try {
    versions = JSON.parse(readFileSync(path.join(root, VERSIONS_FILE), 'utf8')) as Record<string, string>;
  } catch {
    // A user's own install has no versions file.
  }
  const problem = existsSync(path.join(loadPath, 'goblins.scm'))
    ? undefined
    : `${GOBLINS_PATH_VARIABLE}=${folder}: no goblins.scm in ${loadPath} (run: npx ocapn-conformance goblins setup ${folder})`;
  return { root, loadPath, versions, env, ...(problem ? { problem } : {}) };
}

export function findGoblins(env: NodeJS.ProcessEnv = process.env): GoblinsInstall | undefined {
  const folder = env[GOBLINS_PATH_VARIABLE];
  return folder ? goblinsInstallAt(folder) : undefined;
}

/** The Guile on PATH and its version line, or undefined. */
export function guileVersion(): string | undefined {
  try {
    return execFileSync('guile', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).split('\n')[0];
  } catch {
    return undefined;
  }
}

/** The environment for a Guile process loading Goblins from `install`. */
export function guileEnv(install: GoblinsInstall, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  if (install.env.XDG_CACHE_HOME) mkdirSync(install.env.XDG_CACHE_HOME, { recursive: true });
  return { ...base, ...install.env };
}

/** Loads Goblins' CapTP in a Guile process (compiling it into the folder's cache the first time). */
export function probeGoblinsLoads(install: GoblinsInstall, timeoutMs = 300_000): { loads: boolean; detail: string } {
  if (install.problem) return { loads: false, detail: install.problem };
  const guile = guileVersion();
  if (!guile) return { loads: false, detail: 'no guile on PATH (Debian: apt-get install guile-3.0)' };
  const probe = spawnSync('guile', ['-c', '(use-modules (goblins) (goblins ocapn captp) (goblins ocapn netlayer base-port) (fibers io-wakeup)) (display "goblins-loaded")'], {
    env: guileEnv(install),
    encoding: 'utf8',
    timeout: timeoutMs,
  });
  if (probe.stdout?.includes('goblins-loaded')) return { loads: true, detail: `${guile}; (goblins ocapn captp) loaded` };
  const why = (probe.stderr ?? '').split('\n').filter((l) => l && !l.startsWith(';;;')).slice(-3).join(' | ');
  return { loads: false, detail: `${guile}; loading (goblins ocapn captp) failed: ${why || probe.error?.message || `exit ${probe.status}`}` };
}
