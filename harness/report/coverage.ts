/**
 * Protocol coverage: for every operation label and descriptor of the wire model and every
 * property check, which scenarios exercise it on which implementation — and what the pack never
 * exercises. An operation or descriptor is exercised by a case that sent a frame carrying it; a
 * check by a case it could judge (holds or violated, with something to judge). Mutants do not
 * count: they run the harness's own defects, not an implementation.
 */
import { checkers, type Verdict } from '../checks/index.js';
import { WIRE_DESCRIPTORS, WIRE_OPERATIONS } from '../transcript/wire-vocabulary.js';
import { splitDesign, type CaseRow } from './matrix-model.js';

/** The checks that could judge a run: a verdict either way, with something to judge. */
export function judgedBy(verdicts: readonly Verdict[]): string[] {
  return verdicts.filter((v) => v.verdict !== 'unknown' && v.exercised > 0).map((v) => v.name).sort();
}

/** Every name coverage counts, in registry order (the inventory test hands it to CI's summary). */
export function coverageVocabulary(): Record<CoverageKind, string[]> {
  return { operations: Object.keys(WIRE_OPERATIONS), descriptors: Object.keys(WIRE_DESCRIPTORS), checks: checkers.map((c) => c.name) };
}

export interface CoverageRow {
  name: string;
  /** One line: what it is. */
  doc: string;
  /** Implementation → scenario ids (designs folded into their scenario) that exercise it. */
  by: Record<string, string[]>;
}

export type CoverageKind = 'operations' | 'descriptors' | 'checks';

export interface Coverage {
  /** The implementations counted (configured ones that ran). */
  implementations: string[];
  operations: CoverageRow[];
  descriptors: CoverageRow[];
  checks: CoverageRow[];
  /** Names no case of any implementation exercised, per kind. */
  never: Record<CoverageKind, string[]>;
}

const FIELD: Record<CoverageKind, 'operations' | 'descriptors' | 'judgedBy'> = { operations: 'operations', descriptors: 'descriptors', checks: 'judgedBy' };

function rows(kind: CoverageKind, registry: Readonly<Record<string, string>>, cases: readonly CaseRow[], implementations: readonly string[]): CoverageRow[] {
  const by = new Map<string, Record<string, Set<string>>>(Object.keys(registry).map((n) => [n, Object.fromEntries(implementations.map((d) => [d, new Set<string>()]))]));
  for (const c of cases) {
    if (!implementations.includes(c.driver)) continue;
    for (const name of c[FIELD[kind]] ?? []) by.get(name)?.[c.driver].add(splitDesign(c.scenario).scenario);
  }
  return Object.entries(registry).map(([name, doc]) => ({
    name,
    doc,
    by: Object.fromEntries(implementations.map((d) => [d, [...by.get(name)![d]].sort()])),
  }));
}

export function buildCoverage(cases: readonly CaseRow[], implementations: readonly string[]): Coverage {
  const checks = Object.fromEntries(checkers.map((c) => [c.name, c.describe]));
  const out = {
    implementations: [...implementations],
    operations: rows('operations', WIRE_OPERATIONS, cases, implementations),
    descriptors: rows('descriptors', WIRE_DESCRIPTORS, cases, implementations),
    checks: rows('checks', checks, cases, implementations),
  };
  const never = (list: CoverageRow[]): string[] => list.filter((r) => Object.values(r.by).every((s) => s.length === 0)).map((r) => r.name);
  return { ...out, never: { operations: never(out.operations), descriptors: never(out.descriptors), checks: never(out.checks) } };
}

/** One line for CI's summary: `coverage: 12/14 operations, 9/9 descriptors, 27/28 checks; never: op:x, …`. */
export function coverageLine(c: Coverage): string {
  const part = (kind: CoverageKind): string => `${c[kind].length - c.never[kind].length}/${c[kind].length} ${kind}`;
  const never = [...c.never.operations, ...c.never.descriptors, ...c.never.checks];
  return `coverage (${c.implementations.join(', ') || 'no implementation'}): ${part('operations')}, ${part('descriptors')}, ${part('checks')} exercised${never.length ? `; never: ${never.join(', ')}` : ''}`;
}
