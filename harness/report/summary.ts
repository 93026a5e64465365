/**
 * The summary per implementation: how many of its cases pass, fail, are unknown or skipped, in
 * total, per feature and per requirement level (@MUST, @SHOULD, @MAY) — the row an implementer
 * reads first (Autobahn's one summary row per implementation; wpt.fyi's score per directory).
 */
import type { CaseRow } from './matrix-model.js';

export interface Counts {
  pass: number;
  fail: number;
  unknown: number;
  skipped: number;
}

export interface ImplementationSummary {
  driver: string;
  totals: Counts;
  byFeature: Record<string, Counts>;
  byLevel: Record<string, Counts>;
}

export const COUNT_KEYS: ReadonlyArray<keyof Counts> = ['pass', 'fail', 'unknown', 'skipped'];

const zero = (): Counts => ({ pass: 0, fail: 0, unknown: 0, skipped: 0 });

// An implementation's cases are never under test.fail(); were one, a planted failure that showed
// counts as passing and one that did not as failing, as for a mutant.
function bucket(c: CaseRow): keyof Counts {
  if (c.status === 'expected-failure') return 'pass';
  if (c.status === 'unexpected-pass') return 'fail';
  return c.status;
}

const sorted = (o: Record<string, Counts>): Record<string, Counts> => Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

export function summarise(driver: string, cases: readonly CaseRow[]): ImplementationSummary {
  const totals = zero();
  const byFeature: Record<string, Counts> = {};
  const byLevel: Record<string, Counts> = {};
  for (const c of cases) {
    const b = bucket(c);
    totals[b]++;
    for (const f of c.features.length ? c.features : ['(none)']) (byFeature[f] ??= zero())[b]++;
    (byLevel[c.level] ??= zero())[b]++;
  }
  return { driver, totals, byFeature: sorted(byFeature), byLevel: sorted(byLevel) };
}

/** Cases that ran (not skipped); the score's denominator. */
export const ran = (c: Counts): number => c.pass + c.fail + c.unknown;
