/**
 * Judging one case after the page has run it: recording → transcript → schema validation →
 * checks → plan expectations → golden. The one composition both the Playwright runner and the
 * CLI (`run`, `explore`) use, so a case means the same thing everywhere.
 * Spec anchor: README.md "Running scenarios" (the order a case is judged in); docs/architecture.md.
 * Guarantees: never throws for a bad run (a crash, a schema failure, a throwing checker are all
 * failures with a message); `failures` is ordered the way a reader should read them: crash,
 * schema, violated checks, named checks that could not judge the run, waits that timed out,
 * unmet (or unjudgeable) expectations, golden.
 */
import { expectedViolations, judgeExpectations, sometimesHits } from '../checks/expectations.js';
import { checkerNames, runChecks, type CheckReport, type Verdict, type VerdictKind, mergeVerdicts } from '../checks/index.js';
import { caseReplayCommand } from './replay-command.js';
import type { Plan, PlanWait } from '../scenario/plan.js';
import { WALL_DEADLINE_NOTE, type Recording } from '../sim/recording.js';
import { makeTranscript } from '../transcript/from-recording.js';
import { goldenPath, matchGolden, type GoldenMode, type GoldenResult } from '../transcript/golden.js';
import type { Transcript } from '../transcript/types.js';
import { validateTranscript, type ValidationResult } from '../transcript/validate.js';
import { KNOWN_MARKS } from './marks.js';

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
      if (a.app === 'thrower' || a.app === 'failing') out.push(a.message);
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

/**
 * Checks the scenario names that found nothing to judge. Naming a check claims the property was
 * tested; with `checks: all` an inapplicable check is simply skipped.
 */
export function namedUnknowns(plan: Plan, checks: CheckReport): Verdict[] {
  const named = plan.expect.checks;
  if (named === 'all') return [];
  return checks.verdicts.filter((v) => v.verdict === 'unknown' && named.includes(v.name));
}

const nth = (count: number): string => (count > 1 ? ` (match ${count})` : '');

function describeWait(w: PlanWait): string {
  switch (w.kind) {
    case 'quiescent':
      return 'wait: quiescent';
    case 'time':
      return `wait until ${w.untilMs} ms`;
    case 'duration':
      return `wait for ${w.forMs} ms`;
    case 'settled':
      return `wait for ${w.name} to settle`;
    case 'frame':
      return `wait for frame ${w.label}${w.source ? ` from ${w.source}` : ''}${w.target ? ` to ${w.target}` : ''}${nth(w.count)}`;
    case 'mark':
      return `wait for mark ${w.mark}${nth(w.count)}`;
    case 'kickoff':
      return `wait for a call of kickoff ${w.kickoff}${nth(w.count)}`;
  }
}

/**
 * Waits of the plan that timed out (the simulation records `wait timed out at N ms` under the
 * step's index): each is a failure naming the step's `file:line:col`. The schema promises that a
 * wait which never happens fails the case; the run itself goes on so the rest is still judged.
 */
export function waitTimeouts(plan: Plan, transcript: Transcript): string[] {
  const out: string[] = [];
  const walled = transcript.events.some((e) => e.kind === 'step' && e.step.startsWith(WALL_DEADLINE_NOTE));
  for (const e of transcript.events) {
    if (e.kind !== 'step' || !e.step.startsWith('wait timed out')) continue;
    const step = plan.steps.find((s) => s.index === e.index);
    const what = step?.kind === 'wait' ? `${describeWait(step.until)} (timeoutMs ${step.timeoutMs})` : 'wait';
    // A wait also ends unreached when nothing more can happen (the run went quiet); its note then
    // comes before its own time was up, which says so instead of "raise its timeoutMs".
    const started = transcript.events.find((s) => s.kind === 'step' && s.index === e.index && s.seq < e.seq && !s.step.startsWith('wait timed out'));
    const due = step?.kind === 'wait' && started ? Math.min(started.atMs + step.timeoutMs, plan.options.deadlineMs) : undefined;
    const early = !walled && due !== undefined && e.atMs < due && !(step?.kind === 'wait' && (step.until.kind === 'time' || step.until.kind === 'duration'));
    const why = early
      ? `the run went quiet at ${e.atMs} ms, before its timeout (${due} ms): nothing was in flight or scheduled and no node or external process was busy, so the condition could no longer be met (look at what should have made it happen)`
      : 'a wait that times out fails the case (fix the wait, or raise its timeoutMs)';
    out.push(`${step?.where ?? `step ${e.index}`}: ${what} never happened: ${e.step}; ${why}`);
  }
  return out;
}

/** A free run that hit its wall deadline (WALL_DEADLINE_NOTE): one failure saying when, what it
 * waited for and what still kept it busy; the run is judged, not crashed. */
export function wallDeadlines(transcript: Transcript): string[] {
  return transcript.events.flatMap((e) => (e.kind === 'step' && e.step.startsWith(WALL_DEADLINE_NOTE) ? [`free run ${e.step}; the steps after it did not run`] : []));
}

export function judgeCase(plan: Plan, recording: Recording, options: JudgeOptions = {}): CaseJudgement {
  const allowed = allowedBreakReasons(plan);
  const transcript = makeTranscript(recording);
  const schema = validateTranscript(transcript);
  // Checks the plan expects violated in some seed run for the record (their `sometimes` hit) and
  // never fail the case; a mutant's own catching checks always count.
  const weak = expectedViolations(plan.expect).filter((n) => !(options.extraChecks ?? []).includes(n));
  const names = [...new Set([...checksFor(plan), ...weak, ...(options.extraChecks ?? [])])];
  // What the plan allows goes to the checks directly; the transcript stays the network's record.
  const run = runChecks(transcript, names, allowed ? { allowedBreakReasons: allowed } : {});
  const checks: CheckReport = { ...run, overall: mergeVerdicts(run.verdicts.filter((v) => !weak.includes(v.name)).map((v) => v.verdict)) };
  const judged = checks.verdicts.filter((v) => !weak.includes(v.name));
  const applied = plan.expect.checks === 'all' ? judged.filter((v) => v.verdict !== 'unknown') : judged;
  const overall = plan.expect.checks === 'all' && applied.length === 0 ? 'unknown' : mergeVerdicts(applied.map((v) => v.verdict));
  const expectations = judgeExpectations(plan, transcript, { appMessages: appMessages(plan), knownMarks: KNOWN_MARKS });
  const replay = caseReplayCommand(transcript.header);
  const failures: string[] = [];
  const error = recording.outcome.error;
  const crashed = recording.outcome.end === 'crashed' || error ? (error?.message ?? 'the run crashed') : undefined;
  if (crashed) failures.push(`run crashed${error?.node ? ` in ${error.node}` : ''}: ${crashed}`);
  if (!schema.ok) failures.push(`transcript fails its schema at ${schema.text}`);
  for (const v of judged) if (v.verdict === 'violated') failures.push(v.explanation);
  for (const v of namedUnknowns(plan, checks)) {
    failures.push(`${v.explanation}\n  expect.checks names ${v.name}, so it must judge this run: drop it from expect.checks, or change the scenario so it applies`);
  }
  failures.push(...wallDeadlines(transcript));
  failures.push(...waitTimeouts(plan, transcript));
  for (const v of expectations) {
    if (v.verdict === 'violated') failures.push(`expectation ${v.explanation}`);
    if (v.verdict === 'unknown') failures.push(`expectation ${v.explanation}; an expectation that cannot be judged fails the case`);
  }
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
    sometimes: sometimesHits(plan.expect, transcript, new Set(run.verdicts.filter((v) => v.verdict === 'violated').map((v) => v.name))),
    ...(crashed ? { crashed } : {}),
    failures,
    replay,
  };
}

/** The one-line verdict of a case: PASS, or FAIL with what failed first (and how much more). */
export function verdictLine(j: Pick<CaseJudgement, 'failures' | 'overall'>): string {
  if (j.failures.length === 0) return `PASS (checks ${j.overall})`;
  const more = j.failures.length > 1 ? ` (+${j.failures.length - 1} more)` : '';
  return `FAIL: ${j.failures[0].split('\n')[0]}${more}`;
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
