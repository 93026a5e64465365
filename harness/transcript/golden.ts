/**
 * Golden transcripts: `fixtures/golden/<scenario-id>/<driver>-seed-<n>.json`, compared with our
 * own matcher (first divergent event, then a diff), written in update mode, and pruned when no
 * scenario produces them any more.
 * Spec anchor: README.md "Goldens"; Playwright's update modes all|changed|missing|none.
 * Guarantees: under CI a missing golden FAILS and nothing is written; locally a missing golden
 * is written AND the test fails ("writing actual"), as Playwright snapshots do, so a new golden
 * is always a reviewed, committed file; free-run transcripts have no golden (checks only).
 * Node only (file system).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { canonicalStringify, transcriptToText } from './canonical-json.js';
import { diffTranscriptTexts } from './golden-diff.js';
import type { Transcript } from './types.js';

export const GOLDEN_ROOT = 'fixtures/golden';
/** The evidence file a golden mismatch leaves its full diff in. */
export const GOLDEN_DIFF_EVIDENCE = 'golden-diff.txt';

/** all: rewrite every golden; changed: rewrite mismatching ones; missing: write absent ones
 * (and fail); none: compare only (CI). Same names as Playwright's `updateSnapshots`. */
export type GoldenMode = 'all' | 'changed' | 'missing' | 'none';

export interface GoldenResult {
  pass: boolean;
  action: 'matched' | 'written' | 'updated' | 'missing' | 'mismatch' | 'skipped';
  path: string;
  message: string;
  /** On a mismatch: the whole account with the full line diff (the case's `golden-diff.txt`). */
  diff?: string;
  /** On a mismatch: events that differ only in timing (0 when something else differs). */
  timingOnly?: number;
}

/**
 * The command that rewrites just this case's golden: the conformance test titled
 * `<id> [<driver>] seed <n>` under `npm run goldens:update`, its title as an anchored regex.
 */
export function acceptGoldenCommand(header: Pick<Transcript['header'], 'scenarioId' | 'driver' | 'seed'>): string {
  const title = `${header.scenarioId} [${header.driver}] seed ${header.seed}`.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return `npm run goldens:update -- --grep "${title}\\b"`;
}

export function goldenPath(scenarioId: string, driver: string, seed: number, root = GOLDEN_ROOT): string {
  return join(root, scenarioId, `${driver}-seed-${seed}.json`);
}

/**
 * The mode for this run: `OCAPN_GOLDENS=all|changed|missing|none` wins, then Playwright's
 * `testInfo.config.updateSnapshots`; under CI, `missing` becomes `none` (never write in CI).
 */
export function goldenModeFrom(updateSnapshots: string | undefined, env: Record<string, string | undefined> = process.env): GoldenMode {
  const chosen = (env.OCAPN_GOLDENS ?? updateSnapshots ?? 'missing') as GoldenMode;
  const mode: GoldenMode = ['all', 'changed', 'missing', 'none'].includes(chosen) ? chosen : 'missing';
  return env.CI && mode === 'missing' ? 'none' : mode;
}

function write(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

export function matchGolden(transcript: Transcript, path: string, mode: GoldenMode): GoldenResult {
  if (transcript.header.mode === 'free-run') {
    return { pass: true, action: 'skipped', path, message: `${path}: free-run transcripts have no golden (judged by checks only)` };
  }
  const actual = transcriptToText(transcript);
  if (!existsSync(path)) {
    if (mode === 'none') {
      return { pass: false, action: 'missing', path, message: `${path}: golden is missing (not written under CI; run \`npm run goldens:update\` and commit it)` };
    }
    write(path, actual);
    // Written in every other mode; only an explicit update (all/changed) counts as a pass.
    const pass = mode === 'all' || mode === 'changed';
    return { pass, action: 'written', path, message: `${path}: golden did not exist, writing actual${pass ? '' : ' (review and commit it; the next run compares)'}` };
  }
  const expected = readFileSync(path, 'utf8');
  const diff = diffTranscriptTexts(expected, actual, { acceptCommand: acceptGoldenCommand(transcript.header) });
  if (diff.equal) return { pass: true, action: 'matched', path, message: `${path}: matches` };
  const found = { diff: `${path}\n${diff.full}`, timingOnly: diff.timingOnly };
  if (mode === 'all' || mode === 'changed') {
    write(path, actual);
    return { pass: true, action: 'updated', path, message: `${path}: does not match, writing actual\n${diff.text}`, ...found };
  }
  const where = `(full diff: ${GOLDEN_DIFF_EVIDENCE} in the case's evidence)`;
  const recordedWith = implementationChange(expected, transcript);
  if (recordedWith) {
    return { pass: false, action: 'mismatch', path, message: `${path}: recorded with other implementation versions: ${recordedWith}; re-record it for these (\`${acceptGoldenCommand(transcript.header)}\`) ${where}\n${diff.text}`, ...found };
  }
  return { pass: false, action: 'mismatch', path, message: `${path}: does not match the golden ${where}\n${diff.text}`, ...found };
}

type Implementations = NonNullable<Transcript['header']['implementations']>;

function describeImplementations(list: Implementations | undefined): string {
  if (!list || list.length === 0) return 'no outside implementation';
  return list
    .map((i) => `${i.driver} (${[`${i.package}${i.version ? ` ${i.version}` : ''}`, ...(i.commit ? [`commit ${i.commit.slice(0, 12)}`] : []), ...Object.entries(i.thirdParty).map(([n, v]) => `${n} ${v}`)].join(', ')})`)
    .join('; ');
}

/**
 * When a golden was recorded with other outside implementations than this run used (another
 * endo commit, other @noble versions), what differs — a mismatch then says that, not only "does
 * not match". Undefined when they are the same (or the golden's header cannot be read).
 */
export function implementationChange(goldenText: string, transcript: Transcript): string | undefined {
  let recorded: Implementations | undefined;
  try {
    recorded = (JSON.parse(goldenText) as Transcript).header?.implementations;
  } catch {
    return undefined;
  }
  const now = transcript.header.implementations;
  // Canonically: a golden's header is written with sorted keys, a run's in insertion order.
  if (canonicalStringify(recorded ?? []) === canonicalStringify(now ?? [])) return undefined;
  return `golden: ${describeImplementations(recorded)}; this run: ${describeImplementations(now)}`;
}

/** Every golden file under `root` (paths as `root/...`, sorted). */
export function listGoldens(root = GOLDEN_ROOT): string[] {
  if (!existsSync(root)) return [];
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/-seed-\d+\.json$/.test(name)) out.push(p);
    }
  };
  walk(root);
  return out;
}

/** Goldens no case produces any more: `produced` lists the paths the current pack would write. */
export function staleGoldens(produced: Iterable<string>, root = GOLDEN_ROOT): string[] {
  const keep = new Set([...produced].map((p) => resolve(p)));
  return listGoldens(root).filter((p) => !keep.has(resolve(p)));
}

/** Deletes stale goldens (and directories left empty); returns what it removed (or would). */
export function pruneGoldens(produced: Iterable<string>, options: { root?: string; dryRun?: boolean } = {}): string[] {
  const root = options.root ?? GOLDEN_ROOT;
  const stale = staleGoldens(produced, root);
  if (options.dryRun) return stale;
  for (const p of stale) {
    unlinkSync(p);
    for (let dir = dirname(p); relative(root, dir) !== '' && !relative(root, dir).startsWith('..'); dir = dirname(dir)) {
      if (readdirSync(dir).length > 0) break;
      rmdirSync(dir);
    }
  }
  return stale;
}
