/**
 * Playwright reporter for the run-level conformance matrix: collects every conformance case
 * (tests carrying `ocapn.*` annotations, see annotations.ts) in `onTestEnd`, copies its evidence
 * attachments under `<outputDir>/evidence/<scenario>/<driver>-seed-<n>/` with the case's replay
 * viewer (`viewer.html`, self-contained) beside them, and in `onEnd` writes
 * `<outputDir>/conformance.json`, `<outputDir>/conformance.html` and a `README.md` saying which
 * artefact to open first (default outputDir `reports`).
 * Spec anchor: README.md "The matrix"; a Playwright reporter implements only the hooks it needs.
 * Use: `reporter: [['./harness/report/matrix-reporter.ts', { outputDir: 'reports' }]]`.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Reporter, TestCase, TestResult } from '@playwright/test/reporter';
import { readCaseAnnotations } from './annotations.js';
import { buildMatrix, renderMatrixHtml, renderReportsReadme, type CaseRow, type CaseStatus } from './matrix.js';
import type { CheckReport, Witness } from '../checks/index.js';
import type { Transcript } from '../transcript/types.js';
import { wireUse } from '../transcript/wire-vocabulary.js';
import { judgedBy } from './coverage.js';
import { readViewerBundle, renderViewerHtml, VIEWER_FILE } from './viewer/page.js';

export function caseStatus(expectedStatus: TestCase['expectedStatus'], result: Pick<TestResult, 'status'>, verdict?: string): CaseStatus {
  if (result.status === 'skipped') return 'skipped';
  const failed = result.status !== 'passed';
  if (expectedStatus === 'failed') return failed ? 'expected-failure' : 'unexpected-pass';
  if (failed) return 'fail';
  return verdict === 'unknown' ? 'unknown' : 'pass';
}

interface CaseEvidence {
  transcript?: Transcript;
  transcriptHref?: string;
  verdicts?: CheckReport;
}

/** What coverage and diff read of a case: what it put on the wire, which checks judged it, the
 * witnesses of those it violated. */
export function caseFacts(read: CaseEvidence): Pick<CaseRow, 'operations' | 'descriptors' | 'judgedBy' | 'witnesses'> {
  const out: Pick<CaseRow, 'operations' | 'descriptors' | 'judgedBy' | 'witnesses'> = {};
  if (read.transcript && Array.isArray(read.transcript.events)) Object.assign(out, wireUse(read.transcript));
  const verdicts = Array.isArray(read.verdicts?.verdicts) ? read.verdicts.verdicts : undefined;
  if (verdicts) {
    out.judgedBy = judgedBy(verdicts);
    const witnesses: Record<string, Witness> = {};
    for (const v of verdicts) if (v.verdict === 'violated' && v.witness) witnesses[v.name] = v.witness;
    if (Object.keys(witnesses).length > 0) out.witnesses = witnesses;
  }
  return out;
}

const safe = (s: string): string => s.replace(/[^A-Za-z0-9._/-]/g, '_').replace(/\.\.+/g, '_');

export default class MatrixReporter implements Reporter {
  private rows: CaseRow[] = [];
  /** The viewer script once read; null when it is not built (no viewer pages then). */
  private bundle: string | null | undefined;
  private readonly outputDir: string;

  private readonly viewerBundle: string | undefined;

  /** `viewerBundle`: the built viewer script to inline (default dist/viewer/viewer.js). */
  constructor(options: { outputDir?: string; viewerBundle?: string } = {}) {
    // OCAPN_REPORTS_DIR: a command-line reporter (`--reporter=…`, merge-reports) cannot take options.
    this.outputDir = options.outputDir ?? process.env.OCAPN_REPORTS_DIR ?? 'reports';
    this.viewerBundle = options.viewerBundle;
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
    const read = this.readEvidence(evidence);
    const viewer = this.writeViewer(dir, read);
    if (viewer) evidence.push(viewer);
    // A skipped case has no error; its reason (test.skip's description) takes that place.
    const skipReason = result.status === 'skipped' ? [...test.annotations, ...(result.annotations ?? [])].find((a) => a.type === 'skip')?.description : undefined;
    const error = result.error?.message?.split('\n')[0] ?? skipReason;
    // Retries report each attempt; the last one decides, so replace an earlier row.
    this.rows = this.rows.filter((r) => !(r.scenario === id.scenario && r.driver === id.driver && r.seed === id.seed && r.title === test.title));
    this.rows.push({
      scenario: id.scenario,
      ...(id.scenarioTitle ? { scenarioTitle: id.scenarioTitle } : {}),
      driver: id.driver,
      conforming: id.conforming ?? !id.expectedFailure,
      ...(id.driverRank !== undefined ? { driverRank: id.driverRank } : {}),
      ...(id.expectedFailure ? { defect: id.expectedFailure } : {}),
      seed: id.seed,
      features: id.features,
      level: id.level,
      status: caseStatus(test.expectedStatus, result, id.verdict),
      ...(id.verdict ? { verdict: id.verdict } : {}),
      violated: id.violated,
      ...(id.caughtBy ? { caughtBy: id.caughtBy } : {}),
      ...caseFacts(read),
      title: test.title,
      ...(error ? { error } : {}),
      evidence,
    });
  }

  /** The case's transcript and verdicts as attached, parsed; a file that is not JSON is left out
   * (it is already the case's failure) and the matrix still links the rest. */
  private readEvidence(evidence: CaseRow['evidence']): CaseEvidence {
    const read = <T>(name: string): { value: T; href: string } | undefined => {
      const href = evidence.find((e) => e.name === name)?.href;
      if (!href) return undefined;
      try {
        return { value: JSON.parse(readFileSync(join(this.outputDir, href), 'utf8')) as T, href };
      } catch {
        return undefined;
      }
    };
    const transcript = read<Transcript>('transcript.json');
    const verdicts = read<CheckReport>('verdicts.json');
    return { ...(transcript ? { transcript: transcript.value, transcriptHref: transcript.href } : {}), ...(verdicts ? { verdicts: verdicts.value } : {}) };
  }

  /** The case's replay viewer (viewer/page.ts) beside its evidence, when the viewer script is
   * built (the test runner's web server builds it) and the case left a transcript. */
  private writeViewer(dir: string, read: CaseEvidence): { name: string; href: string } | undefined {
    if (!read.transcript || !read.transcriptHref) return undefined;
    this.bundle ??= readViewerBundle(this.viewerBundle) ?? null;
    if (this.bundle === null) return undefined;
    const href = join(dir, VIEWER_FILE);
    try {
      writeFileSync(join(this.outputDir, href), renderViewerHtml({ transcript: read.transcript, ...(read.verdicts ? { verdicts: read.verdicts } : {}), source: read.transcriptHref }, this.bundle));
    } catch {
      // A transcript of the wrong shape cannot be drawn; the case's failure already says why.
      return undefined;
    }
    return { name: VIEWER_FILE, href };
  }

  onEnd(): void {
    const matrix = buildMatrix(this.rows);
    mkdirSync(this.outputDir, { recursive: true });
    writeFileSync(join(this.outputDir, 'conformance.json'), JSON.stringify(matrix, null, 2) + '\n');
    writeFileSync(join(this.outputDir, 'conformance.html'), renderMatrixHtml(matrix, existsSync(join(this.outputDir, 'flush-designs.html')) ? { flushDesigns: 'flush-designs.html' } : {}));
    writeFileSync(join(this.outputDir, 'README.md'), renderReportsReadme());
  }
}
