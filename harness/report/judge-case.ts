/**
 * The one call a conformance test makes after its run: Recording → transcript → schema →
 * checks → golden, with every piece of evidence attached and the verdict annotated, returning
 * the failures in the order a reader needs them (schema, then violated checks with witnesses,
 * then golden drift). The test asserts `failures` is empty (or uses `test.fail()` for mutants).
 * Spec anchor: issue 7 (verdict = well-formed transcript + golden + properties).
 * Guarantees: evidence is attached even when the transcript is invalid or a check throws.
 */
import type { TestInfo } from '@playwright/test';
import { checkerNames, formatVerdicts, runChecks, type CheckReport } from '../checks/index.js';
import { makeTranscript } from '../transcript/from-recording.js';
import { goldenModeFrom, goldenPath, matchGolden, type GoldenResult } from '../transcript/golden.js';
import type { Recording, Transcript } from '../transcript/types.js';
import { validateTranscript, type ValidationResult } from '../transcript/validate.js';
import { annotateVerdict } from './annotations.js';
import { attachCaseEvidence } from './attach.js';

export interface JudgeOptions {
  /** Check names, or 'all' (the scenario's `expect.checks`). */
  checks?: 'all' | readonly string[];
  allowedBreakReasons?: string[];
  /** Compare with (and in update modes write) the golden; default true. */
  golden?: boolean;
  goldenRoot?: string;
}

export interface CaseJudgement {
  transcript: Transcript;
  validation: ValidationResult;
  checks: CheckReport;
  golden?: GoldenResult;
  failures: string[];
  /** Everything a failing test should print: failures first, then every verdict line. */
  summary: string;
}

export async function judgeCase(
  testInfo: Pick<TestInfo, 'attach' | 'annotations' | 'config'>,
  recording: Recording,
  options: JudgeOptions = {},
): Promise<CaseJudgement> {
  const transcript = makeTranscript(recording, options.allowedBreakReasons ? { allowedBreakReasons: options.allowedBreakReasons } : {});
  const validation = validateTranscript(transcript);
  const names = !options.checks || options.checks === 'all' ? checkerNames : options.checks;
  const checks = runChecks(transcript, names);
  const failures: string[] = [];
  if (!validation.ok) failures.push(`transcript schema: ${validation.text}`);
  if (recording.outcome.error) failures.push(`run crashed: ${recording.outcome.error.message}\nreplay: ${recording.outcome.error.replay}`);
  for (const v of checks.verdicts) if (v.verdict === 'violated') failures.push(v.explanation);
  let golden: GoldenResult | undefined;
  if (options.golden !== false && validation.ok) {
    const h = transcript.header;
    const path = goldenPath(h.scenarioId, h.driver, h.seed, options.goldenRoot);
    golden = matchGolden(transcript, path, goldenModeFrom(testInfo.config.updateSnapshots));
    if (!golden.pass) failures.push(golden.message);
  }
  await attachCaseEvidence(testInfo, transcript, checks);
  annotateVerdict(testInfo, checks.overall, checks.verdicts.filter((v) => v.verdict === 'violated').map((v) => v.name));
  const summary = [...failures, '', formatVerdicts(checks)].join('\n').trim();
  return { transcript, validation, checks, ...(golden ? { golden } : {}), failures, summary };
}
