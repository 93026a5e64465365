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
  /** Set instead of `problem` when the entry was hit by none of too few seeds to say so: the
   * column ran only some of the scenario's seeds (GOBLINS_MAX_SEEDS), so a miss is no verdict. */
  unjudged?: string;
}

/** Which seeds an aggregate judged: those the column ran, of how many the scenario has, and why
 * fewer (absent: all of them). */
export interface SeedsJudged {
  of: number;
  why: string;
}

function seedsText(seeds: readonly number[]): string {
  if (seeds.length <= 10) return `seeds ${seeds.join(', ')}`;
  return `${seeds.length} seeds (${seeds[0]} … ${seeds[seeds.length - 1]})`;
}

/** Judges the plan's `sometimes` entries over the hits of each seed (`kind:name` per case). */
export function judgeSometimes(plan: Pick<Plan, 'expect'>, perSeed: ReadonlyMap<number, readonly string[]>, capped?: SeedsJudged): SometimesLine[] {
  const seedsRun = [...perSeed.keys()];
  const partial = capped !== undefined && seedsRun.length < capped.of;
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
    // A miss over some of the seeds says nothing of the others: not a failure, and said so.
    if (problem && !impossible && partial) {
      return { key, description: s.description, seeds, unjudged: `sometimes not judged: ${what} was hit by none of ${seedsText(seedsRun)}, only ${seedsRun.length} of the scenario's ${capped.of} seeds (${capped.why})` };
    }
    return { key, description: s.description, seeds, ...(problem ? { problem } : {}) };
  });
}

/** The failure lines of a sometimes judgement (empty: every entry was hit). */
export function sometimesFailures(lines: readonly SometimesLine[]): string[] {
  return lines.flatMap((l) => (l.problem ? [l.problem] : []));
}

/** The entries a partial seed set could not judge (see SometimesLine.unjudged). */
export function sometimesUnjudged(lines: readonly SometimesLine[]): string[] {
  return lines.flatMap((l) => (l.unjudged ? [l.unjudged] : []));
}
