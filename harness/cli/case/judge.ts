/**
 * Judging one case after the page has run it: recording → transcript → schema validation →
 * checks → plan expectations → golden. The one composition both the Playwright runner and the
 * CLI (`run`, `explore`) use, so a case means the same thing everywhere.
 * Spec anchor: README.md "Running scenarios" (the order a case is judged in); docs/architecture.md.
 * Guarantees: never throws for a bad run (a crash, a schema failure, a throwing checker are all
 * failures with a message); `failures` is ordered the way a reader should read them: crash,
 * schema, first violated check, first unmet expectation, golden.
 */
import { judgeExpectations, sometimesHits } from '../../checks/expectations.js';
import { checkerNames, runChecks, type CheckReport, type Verdict, type VerdictKind, mergeVerdicts } from '../../checks/index.js';
import { replayCommand } from '../../report/replay.js';
import type { Plan } from '../../scenario/plan.js';
import type { Recording } from '../../sim/recording.js';
import { makeTranscript } from '../../transcript/from-recording.js';
import { goldenPath, matchGolden, type GoldenMode, type GoldenResult } from '../../transcript/golden.js';
import type { Transcript } from '../../transcript/types.js';
import { validateTranscript, type ValidationResult } from '../../transcript/validate.js';

export interface JudgeOptions {
  /** Compare with (or write) the golden in this mode; undefined: no golden comparison. */
  goldenMode?: GoldenMode;
  goldenRoot?: string;
  /** Checks to run besides the plan's (a mutant case adds the ones that must catch it). */
  extraChecks?: readonly string[];
}

export interface CaseJudgement {
  transcript: Transcript;
  schema: ValidationResult;
  checks: CheckReport;
  /** The case's verdict over its checks: violated > unknown > holds, where with `checks: all`
   * a check that could not apply (unknown) does not make the case unknown. */
  overall: VerdictKind;
  expectations: Verdict[];
  golden?: GoldenResult;
  /** `kind:name` of the plan's `sometimes` entries this case hit. */
  sometimes: string[];
  /** The crash message when the run crashed. */
  crashed?: string;
  /** Lead lines, most important first; empty when the case passes. */
  failures: string[];
  replay: string;
}

/** The checks a plan asks for: the named ones, or every registered checker. */
export function checksFor(plan: Plan): string[] {
  return plan.expect.checks === 'all' ? [...checkerNames] : plan.expect.checks;
}

/** Break messages the scenario's own apps produce, so expectations can tell `app-error`. */
export function appMessages(plan: Plan): string[] {
  const out: string[] = [];
  for (const n of plan.topology.nodes) {
    for (const a of n.apps) {
      if (a.app === 'thrower') out.push(a.message);
      if (a.app === 'holder' && a.breakWith !== null) out.push(a.breakWith);
    }
  }
  return out;
}

/**
 * The break reasons the scenario allows after a fault, for brokenWithReason: every category its
 * expected results name (final and at `expect` steps), plus its apps' own messages when
 * `app-error` is among them. Undefined when it names none (any non-empty reason is accepted).
 */
export function allowedBreakReasons(plan: Plan): string[] | undefined {
  const results = [...plan.expect.results, ...plan.steps.flatMap((s) => (s.kind === 'expect' ? s.results : []))];
  const categories = [...new Set(results.flatMap((r) => (r.kind === 'broken' ? r.reasons : [])))].sort();
  if (categories.length === 0) return undefined;
  return categories.includes('app-error') ? [...categories, ...appMessages(plan)] : categories;
}

export function judgeCase(plan: Plan, recording: Recording, options: JudgeOptions = {}): CaseJudgement {
  const allowed = allowedBreakReasons(plan);
  const transcript = makeTranscript(recording, allowed ? { allowedBreakReasons: allowed } : {});
  const schema = validateTranscript(transcript);
  const names = [...new Set([...checksFor(plan), ...(options.extraChecks ?? [])])];
  const checks = runChecks(transcript, names);
  const applied = plan.expect.checks === 'all' ? checks.verdicts.filter((v) => v.verdict !== 'unknown') : checks.verdicts;
  const overall = plan.expect.checks === 'all' && applied.length === 0 ? 'unknown' : mergeVerdicts(applied.map((v) => v.verdict));
  const expectations = judgeExpectations(plan, transcript, { appMessages: appMessages(plan) });
  const replay = replayCommand(transcript.header);
  const failures: string[] = [];
  const error = recording.outcome.error;
  const crashed = recording.outcome.end === 'crashed' || error ? (error?.message ?? 'the run crashed') : undefined;
  if (crashed) failures.push(`run crashed${error?.node ? ` in ${error.node}` : ''}: ${crashed}`);
  if (!schema.ok) failures.push(`transcript fails its schema at ${schema.text}`);
  for (const v of checks.verdicts) if (v.verdict === 'violated') failures.push(v.explanation);
  for (const v of expectations) if (v.verdict === 'violated') failures.push(`expectation ${v.explanation}`);
  let golden: GoldenResult | undefined;
  if (options.goldenMode && plan.expect.golden && !crashed) {
    golden = matchGolden(transcript, goldenPath(plan.id, recording.header.driver, recording.header.seed, options.goldenRoot), options.goldenMode);
    if (!golden.pass) failures.push(golden.message);
  }
  return {
    transcript,
    schema,
    checks,
    overall,
    expectations,
    ...(golden ? { golden } : {}),
    sometimes: sometimesHits(plan.expect, transcript),
    ...(crashed ? { crashed } : {}),
    failures,
    replay,
  };
}

/** The failure message of a case: the lead lines, then the replay command. */
export function failureMessage(j: CaseJudgement, maxLines = 80): string {
  const lines = j.failures.join('\n').split('\n');
  const text = lines.length > maxLines ? [...lines.slice(0, maxLines), `… (${lines.length - maxLines} more lines)`] : lines;
  return [...text, '', `replay: ${j.replay}`].join('\n');
}

/** Verdicts of the named checks that a mutant must trip (violated ones only). */
export function caughtBy(j: CaseJudgement, names: readonly string[]): Verdict[] {
  return j.checks.verdicts.filter((v) => names.includes(v.name) && v.verdict === 'violated');
}

/**
 * What a mutant run proves. `invalid`: the run cannot count either way (it crashed, or its
 * transcript is malformed) — no checker caught anything, so the mutant test must NOT pass as
 * "caught". Otherwise `caught` lists the named checks that are violated (empty: not caught).
 */
export function mutantVerdict(j: Pick<CaseJudgement, 'crashed' | 'schema' | 'checks'>, names: readonly string[]): { invalid: string } | { caught: Verdict[] } {
  if (j.crashed) return { invalid: `the run crashed (${j.crashed}): a crash is not a catch` };
  if (!j.schema.ok) return { invalid: `the transcript fails its schema (${j.schema.text}): not a catch` };
  return { caught: j.checks.verdicts.filter((v) => names.includes(v.name) && v.verdict === 'violated') };
}
