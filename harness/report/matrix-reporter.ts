/**
 * Playwright reporter for the run-level conformance matrix: collects every conformance case
 * (tests carrying `ocapn.*` annotations, see annotations.ts) in `onTestEnd`, copies its evidence
 * attachments under `<outputDir>/evidence/<scenario>/<driver>-seed-<n>/`, and in `onEnd` writes
 * `<outputDir>/conformance.json`, `<outputDir>/conformance.html` and a `README.md` saying which
 * artefact to open first (default outputDir `reports`).
 * Spec anchor: README.md "The matrix"; a Playwright reporter implements only the hooks it needs.
 * Use: `reporter: [['./harness/report/matrix-reporter.ts', { outputDir: 'reports' }]]`.
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Reporter, TestCase, TestResult } from '@playwright/test/reporter';
import { readCaseAnnotations } from './annotations.js';
import { buildMatrix, renderMatrixHtml, renderReportsReadme, type CaseRow, type CaseStatus } from './matrix.js';

export function caseStatus(expectedStatus: TestCase['expectedStatus'], result: Pick<TestResult, 'status'>, verdict?: string): CaseStatus {
  if (result.status === 'skipped') return 'skipped';
  const failed = result.status !== 'passed';
  if (expectedStatus === 'failed') return failed ? 'expected-failure' : 'unexpected-pass';
  if (failed) return 'fail';
  return verdict === 'unknown' ? 'unknown' : 'pass';
}

const safe = (s: string): string => s.replace(/[^A-Za-z0-9._/-]/g, '_').replace(/\.\.+/g, '_');

export default class MatrixReporter implements Reporter {
  private rows: CaseRow[] = [];
  private readonly outputDir: string;

  constructor(options: { outputDir?: string } = {}) {
    // OCAPN_REPORTS_DIR: a command-line reporter (`--reporter=…`, merge-reports) cannot take options.
    this.outputDir = options.outputDir ?? process.env.OCAPN_REPORTS_DIR ?? 'reports';
  }

  printsToStdio(): boolean {
    return false;
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    const id = readCaseAnnotations([...test.annotations, ...(result.annotations ?? [])]);
    if (!id) return;
    const dir = join('evidence', safe(id.scenario), safe(`${id.driver}-seed-${id.seed}`));
    const evidence: CaseRow['evidence'] = [];
    for (const a of result.attachments) {
      if (!a.body && !a.path) continue;
      const href = join(dir, safe(a.name));
      mkdirSync(join(this.outputDir, dir), { recursive: true });
      if (a.body) writeFileSync(join(this.outputDir, href), a.body);
      else if (a.path) copyFileSync(a.path, join(this.outputDir, href));
      evidence.push({ name: a.name, href });
    }
    // A skipped case has no error; its reason (test.skip's description) takes that place.
    const skipReason = result.status === 'skipped' ? [...test.annotations, ...(result.annotations ?? [])].find((a) => a.type === 'skip')?.description : undefined;
    const error = result.error?.message?.split('\n')[0] ?? skipReason;
    // Retries report each attempt; the last one decides, so replace an earlier row.
    this.rows = this.rows.filter((r) => !(r.scenario === id.scenario && r.driver === id.driver && r.seed === id.seed && r.title === test.title));
    this.rows.push({
      scenario: id.scenario,
      ...(id.scenarioTitle ? { scenarioTitle: id.scenarioTitle } : {}),
      driver: id.driver,
      seed: id.seed,
      features: id.features,
      level: id.level,
      status: caseStatus(test.expectedStatus, result, id.verdict),
      ...(id.verdict ? { verdict: id.verdict } : {}),
      violated: id.violated,
      title: test.title,
      ...(error ? { error } : {}),
      evidence,
    });
  }

  onEnd(): void {
    const matrix = buildMatrix(this.rows);
    mkdirSync(this.outputDir, { recursive: true });
    writeFileSync(join(this.outputDir, 'conformance.json'), JSON.stringify(matrix, null, 2) + '\n');
    writeFileSync(join(this.outputDir, 'conformance.html'), renderMatrixHtml(matrix));
    writeFileSync(join(this.outputDir, 'README.md'), renderReportsReadme());
  }
}
