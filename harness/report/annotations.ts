/**
 * Test annotations that carry a conformance case's identity from the test to the matrix
 * reporter (Playwright `testInfo.annotations`, type → description). The runner calls
 * `annotateCase(testInfo, …)` at the start of each case; the reporter reads them back with
 * `readCaseAnnotations`. A test without `ocapn.scenario` is not a conformance case.
 *
 * | type                   | description                                                 |
 * |------------------------|-------------------------------------------------------------|
 * | `ocapn.scenario`       | scenario id, e.g. `flush/chain-3`                           |
 * | `ocapn.title`          | the scenario's one-line title (shown under its id)          |
 * | `ocapn.driver`         | driver name, e.g. `reference`, `mutant:flush-resets-refcount` |
 * | `ocapn.seed`           | seed (decimal)                                              |
 * | `ocapn.features`       | comma-separated scenario features, e.g. `flush,forwarding`  |
 * | `ocapn.level`          | requirement level: `MUST`, `SHOULD` or `MAY`                |
 * | `ocapn.conforming`     | the driver's `conforming` metadata: `true`, or `false` for a mutant |
 * | `ocapn.driver-rank`    | the driver's place in the harness's driver list (column order) |
 * | `ocapn.expected-failure` | present for mutant runs: the defect expected to be caught |
 * | `ocapn.caught-by`      | mutant runs: comma-separated named checks that caught it    |
 * | `ocapn.verdict`        | overall check verdict: `holds`, `violated`, `unknown`       |
 * | `ocapn.violated`       | comma-separated names of violated checks                    |
 * | `ocapn.operations`     | conforming cases: comma-separated op labels the run sent    |
 * | `ocapn.descriptors`    | conforming cases: comma-separated descriptors those carried |
 * | `ocapn.judged-by`      | conforming cases: checks that could judge the run           |
 * | `ocapn.vocabulary`     | the inventory test: JSON `{operations, descriptors, checks}`, every name coverage counts |
 */
import type { TestInfo } from '@playwright/test';

export const ANNOTATION = {
  scenario: 'ocapn.scenario',
  title: 'ocapn.title',
  driver: 'ocapn.driver',
  seed: 'ocapn.seed',
  features: 'ocapn.features',
  level: 'ocapn.level',
  conforming: 'ocapn.conforming',
  driverRank: 'ocapn.driver-rank',
  expectedFailure: 'ocapn.expected-failure',
  caughtBy: 'ocapn.caught-by',
  verdict: 'ocapn.verdict',
  violated: 'ocapn.violated',
  operations: 'ocapn.operations',
  descriptors: 'ocapn.descriptors',
  judgedBy: 'ocapn.judged-by',
  vocabulary: 'ocapn.vocabulary',
} as const;

export type RequirementLevel = 'MUST' | 'SHOULD' | 'MAY';

export interface CaseIdentity {
  scenario: string;
  /** The scenario's `title` (what it shows), for the matrix row under the id. */
  scenarioTitle?: string;
  driver: string;
  /** The driver's `conforming` metadata; absent (older runs): a case without `expectedFailure` is. */
  conforming?: boolean;
  /** The driver's index in the harness's driver list. */
  driverRank?: number;
  seed: number;
  features: string[];
  level: RequirementLevel;
  /** For mutant runs: the planted defect the checks must catch. */
  expectedFailure?: string;
}

export interface CaseAnnotations extends CaseIdentity {
  verdict?: 'holds' | 'violated' | 'unknown';
  violated: string[];
  /** Mutant runs: the named checks that caught it. */
  caughtBy?: string[];
}

type Annotation = { type: string; description?: string };

export function annotateCase(testInfo: Pick<TestInfo, 'annotations'>, c: CaseIdentity): void {
  const a = testInfo.annotations;
  a.push({ type: ANNOTATION.scenario, description: c.scenario });
  if (c.scenarioTitle) a.push({ type: ANNOTATION.title, description: c.scenarioTitle });
  a.push({ type: ANNOTATION.driver, description: c.driver });
  if (c.conforming !== undefined) a.push({ type: ANNOTATION.conforming, description: String(c.conforming) });
  if (c.driverRank !== undefined) a.push({ type: ANNOTATION.driverRank, description: String(c.driverRank) });
  a.push({ type: ANNOTATION.seed, description: String(c.seed) });
  a.push({ type: ANNOTATION.features, description: c.features.join(',') });
  a.push({ type: ANNOTATION.level, description: c.level });
  if (c.expectedFailure) a.push({ type: ANNOTATION.expectedFailure, description: c.expectedFailure });
}

export function annotateVerdict(testInfo: Pick<TestInfo, 'annotations'>, verdict: CaseAnnotations['verdict'], violated: string[]): void {
  testInfo.annotations.push({ type: ANNOTATION.verdict, description: verdict });
  if (violated.length > 0) testInfo.annotations.push({ type: ANNOTATION.violated, description: violated.join(',') });
}

/** What a conforming case exercised, for CI's coverage line (harness/tools/ci-summary.mjs), which
 * reads only Playwright's JSON report. */
export function annotateCoverage(testInfo: Pick<TestInfo, 'annotations'>, facts: { operations: string[]; descriptors: string[]; judgedBy: string[] }): void {
  testInfo.annotations.push({ type: ANNOTATION.operations, description: facts.operations.join(',') });
  testInfo.annotations.push({ type: ANNOTATION.descriptors, description: facts.descriptors.join(',') });
  testInfo.annotations.push({ type: ANNOTATION.judgedBy, description: facts.judgedBy.join(',') });
}

/** The case identity of a test, or undefined when it is not a conformance case. */
export function readCaseAnnotations(annotations: readonly Annotation[]): CaseAnnotations | undefined {
  const get = (type: string): string | undefined => annotations.find((x) => x.type === type)?.description;
  const scenario = get(ANNOTATION.scenario);
  if (!scenario) return undefined;
  const level = get(ANNOTATION.level);
  const verdict = get(ANNOTATION.verdict);
  const out: CaseAnnotations = {
    scenario,
    driver: get(ANNOTATION.driver) ?? '?',
    seed: Number(get(ANNOTATION.seed) ?? 0),
    features: (get(ANNOTATION.features) ?? '').split(',').filter(Boolean),
    level: level === 'SHOULD' || level === 'MAY' ? level : 'MUST',
    violated: (get(ANNOTATION.violated) ?? '').split(',').filter(Boolean),
  };
  const title = get(ANNOTATION.title);
  if (title) out.scenarioTitle = title;
  const expected = get(ANNOTATION.expectedFailure);
  if (expected) out.expectedFailure = expected;
  const conforming = get(ANNOTATION.conforming);
  out.conforming = conforming === undefined ? !expected : conforming === 'true';
  const rank = get(ANNOTATION.driverRank);
  if (rank !== undefined && Number.isInteger(Number(rank))) out.driverRank = Number(rank);
  const caught = get(ANNOTATION.caughtBy);
  if (caught && caught !== '(none)') out.caughtBy = caught.split(',').filter(Boolean);
  if (verdict === 'holds' || verdict === 'violated' || verdict === 'unknown') out.verdict = verdict;
  return out;
}
