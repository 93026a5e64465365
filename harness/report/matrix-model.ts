/**
 * The conformance report's data (reports/conformance.json, schema
 * fixtures/schemas/conformance.schema.json): every case with its status and evidence, which
 * drivers are implementations and which are the harness's own mutants (from the driver's
 * `conforming` metadata, carried by the case's annotations — never from its name), drivers this
 * machine is not configured for, a summary per implementation, and protocol coverage.
 * Spec anchor: README.md "The matrix"; wpt.fyi (implementations as columns, a score per
 * directory), the Autobahn testsuite report (one summary row per implementation).
 * Guarantees: output depends only on the cases given (sorted by scenario, driver, seed), so two
 * runs with the same results write the same report.
 */
import type { RequirementLevel } from './annotations.js';
import type { Witness } from '../checks/index.js';
import { buildCoverage, type Coverage } from './coverage.js';
import { summarise, type ImplementationSummary } from './summary.js';

/** `expected-failure`: a mutant run that failed as it must; `unexpected-pass`: one that did not
 * (counted as a failure: the checks stopped catching a planted defect). */
export type CaseStatus = 'pass' | 'fail' | 'unknown' | 'expected-failure' | 'unexpected-pass' | 'skipped';

/** Names the report's schema: `diff` refuses a file without it. */
export const REPORT_SCHEMA = 'ocapn-conformance-report';
/** Bump on any change of the report's shape (and in conformance.schema.json). */
export const REPORT_VERSION = 2;

export interface CaseRow {
  /** Scenario id; a design's case is `<scenario>@<design>`. */
  scenario: string;
  /** The scenario's one-line title, shown under its id. */
  scenarioTitle?: string;
  driver: string;
  /** From the driver's metadata: an implementation under test (true) or a mutant (false). */
  conforming: boolean;
  /** The driver's place in the harness's driver list (implementations are shown in this order). */
  driverRank?: number;
  /** For a mutant: the planted defect. */
  defect?: string;
  seed: number;
  features: string[];
  level: RequirementLevel;
  status: CaseStatus;
  verdict?: string;
  violated: string[];
  /** For a mutant case: the named checks that caught it. */
  caughtBy?: string[];
  /** Each violated check's witness (frames, events), from the case's verdicts. */
  witnesses?: Record<string, Witness>;
  /** What the run put on the wire and which checks could judge it (protocol coverage). */
  operations?: string[];
  descriptors?: string[];
  judgedBy?: string[];
  title: string;
  /** First line of the failure, if any; for a skipped case, why it was skipped. */
  error?: string;
  /** Evidence files, relative to the reports directory. */
  evidence: Array<{ name: string; href: string }>;
}

export interface Totals {
  pass: number;
  fail: number;
  unknown: number;
  'expected-failure': number;
  'unexpected-pass': number;
  skipped: number;
}

/** A driver every case of which was skipped because this machine lacks its set-up. */
export interface Unconfigured {
  driver: string;
  /** The set-up reason, e.g. `endo driver: set OCAPN_ENDO_PATH to an endo checkout`. */
  reason: string;
  cases: number;
}

export interface Matrix {
  schema: typeof REPORT_SCHEMA;
  version: typeof REPORT_VERSION;
  status: 'complete' | 'empty';
  /** Scenario ids as run (a design's id included). */
  scenarios: string[];
  drivers: string[];
  /** Conforming drivers, in the harness's driver order. */
  implementations: string[];
  mutants: string[];
  unconfigured: Unconfigured[];
  cases: CaseRow[];
  totals: Totals;
  byFeature: Record<string, Totals>;
  byLevel: Record<string, Totals>;
  summary: ImplementationSummary[];
  coverage: Coverage;
}

const WORST: CaseStatus[] = ['fail', 'unexpected-pass', 'unknown', 'skipped', 'expected-failure', 'pass'];
export const FAILING: readonly CaseStatus[] = ['fail', 'unexpected-pass'];

export const STATUS_STYLE: Record<CaseStatus, { colour: string; text: string }> = {
  pass: { colour: '#2da44e', text: 'pass' },
  fail: { colour: '#cf222e', text: 'FAIL' },
  unknown: { colour: '#bf8700', text: 'unknown' },
  'expected-failure': { colour: '#8250df', text: 'expected failure' },
  'unexpected-pass': { colour: '#a40e26', text: 'UNEXPECTED PASS' },
  skipped: { colour: '#8c959f', text: 'skipped' },
};

export const zeroTotals = (): Totals => ({ pass: 0, fail: 0, unknown: 0, 'expected-failure': 0, 'unexpected-pass': 0, skipped: 0 });
export const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function worstStatus(statuses: readonly CaseStatus[]): CaseStatus {
  for (const s of WORST) if (statuses.includes(s)) return s;
  return 'skipped';
}

/** `calls-across-the-fence@marker` → scenario `calls-across-the-fence`, design `marker`. */
export function splitDesign(id: string): { scenario: string; design?: string } {
  const at = id.indexOf('@');
  return at < 0 ? { scenario: id } : { scenario: id.slice(0, at), design: id.slice(at + 1) };
}

/** Counts per status, in total, per feature (a case without any under `(none)`) and per level. */
export function countCases(cases: readonly CaseRow[]): { totals: Totals; byFeature: Record<string, Totals>; byLevel: Record<string, Totals> } {
  const totals = zeroTotals();
  const byFeature: Record<string, Totals> = {};
  const byLevel: Record<string, Totals> = {};
  for (const c of cases) {
    totals[c.status]++;
    for (const f of c.features.length ? c.features : ['(none)']) (byFeature[f] ??= zeroTotals())[c.status]++;
    (byLevel[c.level] ??= zeroTotals())[c.status]++;
  }
  const sortKeys = <T>(o: Record<string, T>): Record<string, T> => Object.fromEntries(Object.entries(o).sort(([a], [b]) => cmp(a, b)));
  return { totals, byFeature: sortKeys(byFeature), byLevel: sortKeys(byLevel) };
}

// A set-up skip names the environment variable that would enable the driver (drivers/endo/info.ts).
const SETUP_REASON = /\bset OCAPN_[A-Z_]+\b/;

/** Drivers whose every case was skipped, at least one for want of this machine's set-up. */
function unconfiguredDrivers(cases: readonly CaseRow[], drivers: readonly string[]): Unconfigured[] {
  const out: Unconfigured[] = [];
  for (const driver of drivers) {
    const own = cases.filter((c) => c.driver === driver);
    if (own.some((c) => c.status !== 'skipped')) continue;
    const reason = own.map((c) => c.error ?? '').find((e) => SETUP_REASON.test(e));
    if (reason) out.push({ driver, reason, cases: own.length });
  }
  return out;
}

/** Implementations first by the harness's driver order, then by name. */
function orderedDrivers(cases: readonly CaseRow[], conforming: boolean): string[] {
  const rank = new Map<string, number>();
  for (const c of cases) if (c.conforming === conforming) rank.set(c.driver, Math.min(rank.get(c.driver) ?? Infinity, c.driverRank ?? Infinity));
  return [...rank.keys()].sort((a, b) => rank.get(a)! - rank.get(b)! || cmp(a, b));
}

export function buildMatrix(rows: readonly CaseRow[]): Matrix {
  const cases = [...rows].sort((a, b) => cmp(a.scenario, b.scenario) || cmp(a.driver, b.driver) || a.seed - b.seed);
  const implementations = orderedDrivers(cases, true);
  const mutants = orderedDrivers(cases, false).sort(cmp);
  const unconfigured = unconfiguredDrivers(cases, implementations);
  return {
    schema: REPORT_SCHEMA,
    version: REPORT_VERSION,
    status: cases.length ? 'complete' : 'empty',
    scenarios: [...new Set(cases.map((c) => c.scenario))].sort(cmp),
    drivers: [...implementations, ...mutants],
    implementations,
    mutants,
    unconfigured,
    cases,
    ...countCases(cases),
    summary: implementations.map((d) => summarise(d, cases.filter((c) => c.driver === d))),
    coverage: buildCoverage(cases, implementations.filter((d) => !unconfigured.some((u) => u.driver === d))),
  };
}
