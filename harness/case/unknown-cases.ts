/**
 * Which `unknown` cases make a conformance run fail: a case of a conforming driver that no check
 * could judge proves nothing, so it fails the run unless its scenario says why it may be unknown
 * (`expect.allowUnknown: "<reason>"`). Mutant cases are judged by their own rule (caught or not).
 */
import { conformingDrivers, type ScenarioEntry } from './catalog.js';

export interface CaseOutcome {
  scenario: string;
  driver: string;
  seed: number;
  status: string;
}

/** The unknown cases of conforming drivers whose scenario does not allow it, as readable lines. */
export function unknownNotAllowed(rows: readonly CaseOutcome[], entries: readonly ScenarioEntry[]): string[] {
  const conforming = new Set(conformingDrivers());
  const allowed = new Map(entries.flatMap((e) => (e.plan ? [[e.plan.id, e.plan.expect.allowUnknown] as const] : [])));
  return rows
    .filter((r) => r.status === 'unknown' && conforming.has(r.driver) && !allowed.get(r.scenario))
    .map((r) => `${r.scenario} [${r.driver}] seed ${r.seed} is unknown: no check could judge the run (name checks that apply, or add expect.allowUnknown: "<why>")`);
}
