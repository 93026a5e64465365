/**
 * `expect.sometimes` across seeds: each entry must be hit by at least one seed of a (scenario,
 * driver). One aggregation for the Playwright runner's per-scenario test and for `run`/`explore`,
 * so a miss fails the same way everywhere.
 * Guarantees: one line per entry in plan order; an entry naming a mark no node can emit is a
 * problem whatever the seeds did (it could never be hit).
 */
import { unknownMark } from '../checks/expectations.js';
import type { Plan } from '../scenario/plan.js';
import { KNOWN_MARKS } from './marks.js';

export interface SometimesLine {
  /** `mark:<name>` or `frame:<op label>`. */
  key: string;
  description: string;
  /** Seeds that hit the entry. */
  seeds: number[];
  /** Why the entry fails (never hit, or cannot be hit); absent when it holds. */
  problem?: string;
}

function seedsText(seeds: readonly number[]): string {
  if (seeds.length <= 10) return `seeds ${seeds.join(', ')}`;
  return `${seeds.length} seeds (${seeds[0]} … ${seeds[seeds.length - 1]})`;
}

/** Judges the plan's `sometimes` entries over the hits of each seed (`kind:name` per case). */
export function judgeSometimes(plan: Pick<Plan, 'expect'>, perSeed: ReadonlyMap<number, readonly string[]>): SometimesLine[] {
  const seedsRun = [...perSeed.keys()];
  return plan.expect.sometimes.map((s) => {
    const key = `${s.kind}:${s.name}`;
    const seeds = seedsRun.filter((seed) => perSeed.get(seed)!.includes(key));
    const what = `${key}${s.description ? ` (${s.description})` : ''}`;
    const impossible = s.kind === 'mark' && seeds.length === 0 ? unknownMark(s.name, KNOWN_MARKS) : undefined;
    const problem = impossible
      ? `sometimes cannot be judged: ${what}: ${impossible}`
      : seeds.length === 0
        ? `sometimes never hit: ${what} in ${seedsText(seedsRun)}`
        : undefined;
    return { key, description: s.description, seeds, ...(problem ? { problem } : {}) };
  });
}

/** The failure lines of a sometimes judgement (empty: every entry was hit). */
export function sometimesFailures(lines: readonly SometimesLine[]): string[] {
  return lines.flatMap((l) => (l.problem ? [l.problem] : []));
}
