/**
 * `goblins setup <folder>`: puts Guile Goblins into a folder, never system-wide. Debian's own
 * binary packages of the pinned versions are downloaded with apt-get under a private APT
 * configuration (this machine's Debian mirror, the trixie and sid suites, lists and cache inside
 * the folder), unpacked with dpkg-deb -x under `<folder>/root`, and the versions written to
 * GOBLINS-VERSIONS.json. Guile itself (3.0) comes from the system (`apt-get install guile-3.0`).
 * Guarantees: every step that fails names what failed (a package version that is gone names the
 * package, the version and the suite); nothing outside the folder is written.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { VERSIONS_FILE } from './install.js';

export interface PinnedPackage {
  name: string;
  version: string;
  suite: 'trixie' | 'sid';
}

/** Goblins 0.18.0 and what it needs beyond bookworm's Guile 3.0.8: bookworm's guile-gnutls
 * (3.7.9) is too old for Goblins' crypto and bookworm has no guile-fibers. */
export const PINNED: readonly PinnedPackage[] = [
  { name: 'guile-goblins', version: '0.18.0-2', suite: 'sid' },
  { name: 'guile-fibers', version: '1.4.3-1', suite: 'sid' },
  { name: 'guile-websocket', version: '0.3.0-2', suite: 'sid' },
  { name: 'guile-gnutls', version: '4.0.1-2', suite: 'trixie' },
];

const KEYRING = '/usr/share/keyrings/debian-archive-keyring.gpg';
const EXTENSIONS = 'usr/lib/x86_64-linux-gnu/guile/3.0/extensions';

/**
 * The Debian mirror this machine's APT uses (deb822 `URIs:` or a one-line `deb URI suite`
 * entry whose suite is not a security suite), so setup names no host of its own.
 */
export function systemMirror(sources: { file: string; text: string }[]): string | undefined {
  for (const { file, text } of sources) {
    if (file.endsWith('.sources')) {
      for (const stanza of text.split(/\n\s*\n/)) {
        const uri = /^URIs:\s*(\S+)/im.exec(stanza)?.[1];
        const suites = /^Suites:\s*(.+)$/im.exec(stanza)?.[1] ?? '';
        if (uri && !/security/.test(suites) && !/security/.test(uri)) return uri;
      }
    } else {
      for (const line of text.split('\n')) {
        const m = /^deb\s+(?:\[[^\]]*\]\s+)?(\S+)\s+(\S+)/.exec(line.trim());
        if (m && !/security/.test(m[2]) && !/security/.test(m[1])) return m[1];
      }
    }
  }
  return undefined;
}

function readSystemSources(): { file: string; text: string }[] {
  const out: { file: string; text: string }[] = [];
  const add = (file: string) => {
    try {
      out.push({ file, text: readFileSync(file, 'utf8') });
    } catch {
      // Absent or unreadable: not a source.
    }
  };
  add('/etc/apt/sources.list');
  try {
    for (const f of readdirSync('/etc/apt/sources.list.d').sort()) if (f.endsWith('.sources') || f.endsWith('.list')) add(`/etc/apt/sources.list.d/${f}`);
  } catch {
    // No sources.list.d.
  }
  return out;
}

/** The private APT configuration: only trixie and sid, lists and cache inside `aptDir`. */
export function aptConfig(aptDir: string, mirror: string): { sourcesList: string; aptConf: string } {
  const signed = existsSync(KEYRING) ? `[signed-by=${KEYRING}] ` : '';
  const sourcesList = ['trixie', 'sid'].map((suite) => `deb ${signed}${mirror} ${suite} main`).join('\n') + '\n';
  const aptConf = [
    `Dir::Etc::sourcelist "${path.join(aptDir, 'sources.list')}";`,
    'Dir::Etc::sourceparts "-";',
    `Dir::State::lists "${path.join(aptDir, 'lists')}";`,
    `Dir::Cache "${path.join(aptDir, 'cache')}";`,
    'Dir::State::status "/var/lib/dpkg/status";',
    'APT::Get::List-Cleanup "0";',
    '',
  ].join('\n');
  return { sourcesList, aptConf };
}

export interface SetupLog {
  info(line: string): void;
  error(line: string): void;
}

function run(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv }): { ok: boolean; output: string } {
  const result = spawnSync(command, args, { ...options, encoding: 'utf8' });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? result.error.message : ''}`.trim();
  return { ok: result.status === 0, output };
}

/** Returns 0 when Goblins' packages are in place, 1 with the reason logged otherwise. */
export function setupGoblins(folder: string, log: SetupLog, mirrorOverride?: string): number {
  const root = path.resolve(folder);
  const mirror = mirrorOverride ?? systemMirror(readSystemSources());
  if (!mirror) {
    log.error('goblins setup: found no Debian mirror in /etc/apt/sources.list*; pass --mirror <URI of a Debian archive>');
    return 1;
  }
  const aptDir = path.join(root, 'apt');
  const debs = path.join(root, 'debs');
  for (const dir of [path.join(aptDir, 'lists', 'partial'), path.join(aptDir, 'cache', 'archives', 'partial'), debs]) mkdirSync(dir, { recursive: true });
  const { sourcesList, aptConf } = aptConfig(aptDir, mirror);
  writeFileSync(path.join(aptDir, 'sources.list'), sourcesList);
  writeFileSync(path.join(aptDir, 'apt.conf'), aptConf);
  const env = { ...process.env, APT_CONFIG: path.join(aptDir, 'apt.conf') };
  log.info(`goblins setup: package lists of trixie and sid from ${mirror} (private APT_CONFIG ${env.APT_CONFIG})`);
  const update = run('apt-get', ['update'], { env });
  if (!update.ok) {
    log.error(`goblins setup: apt-get update failed:\n${update.output}`);
    return 1;
  }
  for (const p of PINNED) {
    for (const old of readdirSync(debs).filter((f) => f.startsWith(`${p.name}_`))) rmSync(path.join(debs, old));
    const got = run('apt-get', ['download', `${p.name}=${p.version}`], { cwd: debs, env });
    if (!got.ok) {
      log.error(`goblins setup: ${p.name} ${p.version} (Debian ${p.suite}) could not be downloaded — is that version gone from ${p.suite}? (apt-cache policy ${p.name} with APT_CONFIG=${env.APT_CONFIG} lists what is there)\n${got.output}`);
      return 1;
    }
    const deb = readdirSync(debs).find((f) => f.startsWith(`${p.name}_`) && f.endsWith('.deb'));
    const unpacked = deb ? run('dpkg-deb', ['-x', path.join(debs, deb), path.join(root, 'root')], {}) : { ok: false, output: 'no .deb file after download' };
    if (!unpacked.ok) {
      log.error(`goblins setup: unpacking ${p.name} ${p.version} failed: ${unpacked.output}`);
      return 1;
    }
    log.info(`goblins setup: ${p.name} ${p.version} (${p.suite}) unpacked into ${path.join(root, 'root')}`);
  }
  // fibers loads its extension from $FIBERS_BUILD_DIR/.libs.
  const libs = path.join(root, 'fibers-build', '.libs');
  mkdirSync(path.dirname(libs), { recursive: true });
  rmSync(libs, { force: true });
  symlinkSync(path.join(root, 'root', EXTENSIONS), libs);
  writeFileSync(path.join(root, VERSIONS_FILE), JSON.stringify(Object.fromEntries(PINNED.map((p) => [p.name, p.version])), null, 2) + '\n');
  return 0;
}
