/**
 * Exploration: many seeds × scenarios, each seed a randomized schedule (schedule.ts) run in one of
 * K harness pages and judged exactly as a test case (case/judge.ts); `expect.sometimes` is
 * aggregated per scenario over the seeds that ran. Every failing run leaves a replay scenario
 * (its full schedule, standalone YAML) and, when a check was violated, a shrunk one.
 * Guarantees: a run's outcome depends only on (scenario, seed, driver, options), never on which
 * page ran it or in what order; files are named `<id>-seed-<n>.yaml` (replay) and
 * `<id>-shrunk-seed-<n>.yaml` (shrunk) under the output folder, a design's case `x@d` as `x-d`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { lookupDriver } from '../case/driver-skips.js';
import { judgeCase, namedUnknowns, type CaseJudgement } from '../case/judge.js';
import { runInPage, type EvaluatingPage } from '../case/page-run.js';
import { judgeSometimes, type SometimesLine } from '../case/sometimes.js';
import type { Plan } from '../scenario/plan.js';
import { runPool } from './pool.js';
import { DEFAULT_EXPLORE, describeSchedule, drawSchedule, faultsThatFit, materialize, type ExploreOptions } from './schedule.js';
import { shrink, type ShrinkResult, type TrialResult } from './shrink.js';
import { planToScenarioYaml, writtenBackId } from './to-scenario.js';

export interface Target {
  plan: Plan;
  driver: string;
}

export interface Violation {
  scenario: string;
  driver: string;
  seed: number;
  /** The first failure line. */
  failure: string;
  /** What the shrinker keeps violated: the first violated check, else `expectation <name>`
   * (absent when the run crashed, its transcript is malformed, or only a wait timed out). */
  check?: string;
  frames: number;
  replayFile: string;
  shrunk?: ShrinkResult & { file: string };
}

/** A seed whose only failures are named checks left with nothing to judge by the faults it
 * injected (a kill before the frames they judge): neither a pass nor a violation. */
export interface Inconclusive {
  scenario: string;
  driver: string;
  seed: number;
  failure: string;
  replayFile: string;
}

export interface ScenarioSummary {
  scenario: string;
  driver: string;
  seedsRun: number;
  failed: number;
  sometimes: SometimesLine[];
}

export interface ExploreResult {
  cases: number;
  /** Cases the budget left unrun. */
  skipped: number;
  violations: Violation[];
  inconclusive: Inconclusive[];
  scenarios: ScenarioSummary[];
  seconds: number;
}

export interface ExploreRun {
  targets: readonly Target[];
  seeds: readonly number[];
  pages: readonly EvaluatingPage[];
  options?: ExploreOptions;
  /** Stop handing out cases after this many wall seconds. */
  timeBudgetS?: number;
  outDir?: string;
  shrink?: boolean;
  maxShrinkTrials?: number;
  /** Progress lines (a violation as it is found). */
  log?: (line: string) => void;
}

export function frameCount(j: Pick<CaseJudgement, 'transcript'>): number {
  return j.transcript.events.filter((e) => e.kind === 'frame').length;
}

function violatedChecks(j: CaseJudgement): string[] {
  return j.checks.verdicts.filter((v) => v.verdict === 'violated').map((v) => v.name);
}

/** What a run violated, as shrink targets: check names, then `expectation <name>` entries. */
export function violatedKeys(j: CaseJudgement): string[] {
  if (j.crashed || !j.schema.ok) return [];
  return [...violatedChecks(j), ...j.expectations.filter((v) => v.verdict === 'violated').map((v) => `expectation ${v.name}`)];
}

async function judgeOn(page: EvaluatingPage, plan: Plan, seed: number, driver: string): Promise<CaseJudgement> {
  return judgeCase(plan, await runInPage(page, plan, seed, driver));
}

export function replayHeader(plan: Plan, driver: string, seed: number, lines: readonly string[], file: string): string[] {
  return [
    `Explored from ${plan.source.file} (${plan.id}), driver ${driver}, seed ${seed}; standalone (every default written out).`,
    ...lines,
    `replay: npx ocapn-conformance run ${file} --seed ${seed} --driver ${driver}`,
  ];
}

/** Nodes whose driver (the node's own, else the case's) can be killed and restarted fresh. */
function restartableOn(plan: Plan, driver: string): (node: string) => boolean {
  return (node) => lookupDriver(plan.topology.nodes.find((n) => n.name === node)?.driver ?? driver)?.features.includes('restart') ?? true;
}

/** True when the run injected faults and every failure is a named check with nothing to judge. */
export function onlyUnjudgedUnderFaults(replay: Plan, injected: number, j: CaseJudgement): boolean {
  return injected > 0 && !j.crashed && j.schema.ok && j.failures.length === namedUnknowns(replay, j.checks).length;
}

export async function explore(run: ExploreRun): Promise<ExploreResult> {
  const started = Date.now();
  const options = run.options ?? DEFAULT_EXPLORE;
  const outDir = run.outDir ?? 'reports/explore';
  // Seed-major, so a time budget cuts every scenario's sweep alike.
  const jobs = run.seeds.flatMap((seed) => run.targets.map((t) => ({ ...t, seed })));
  const violations: Violation[] = [];
  const inconclusive: Inconclusive[] = [];
  const deadline = run.timeBudgetS !== undefined ? started + run.timeBudgetS * 1000 : undefined;
  const pool = await runPool(run.pages, jobs, async (page, job) => {
    const schedule = drawSchedule(job.plan, job.seed, { ...options, canRestart: restartableOn(job.plan, job.driver) });
    const replay = materialize(job.plan, schedule);
    const j = await judgeOn(page, replay, job.seed, job.driver);
    if (j.failures.length === 0) return j.sometimes;
    mkdirSync(outDir, { recursive: true });
    const failure = j.failures[0].split('\n')[0];
    if (onlyUnjudgedUnderFaults(replay, faultsThatFit(job.plan, schedule.faults).length, j)) {
      const replayFile = path.join(outDir, `${writtenBackId(job.plan)}-inconclusive-seed-${job.seed}.yaml`);
      writeFileSync(replayFile, planToScenarioYaml({ ...replay, id: `${writtenBackId(job.plan)}-seed-${job.seed}` }, replayHeader(job.plan, job.driver, job.seed, [`inconclusive: ${failure}`, ...describeSchedule(job.plan, schedule)], replayFile)));
      inconclusive.push({ scenario: job.plan.id, driver: job.driver, seed: job.seed, failure, replayFile });
      return j.sometimes;
    }
    const check = violatedKeys(j)[0];
    const frames = frameCount(j);
    const replayFile = path.join(outDir, `${writtenBackId(job.plan)}-seed-${job.seed}.yaml`);
    writeFileSync(replayFile, planToScenarioYaml({ ...replay, id: `${writtenBackId(job.plan)}-seed-${job.seed}` }, replayHeader(job.plan, job.driver, job.seed, [`failed: ${failure}`, ...describeSchedule(job.plan, schedule)], replayFile)));
    const v: Violation = { scenario: job.plan.id, driver: job.driver, seed: job.seed, failure, ...(check ? { check } : {}), frames, replayFile };
    run.log?.(`${job.plan.id} [${job.driver}] seed ${job.seed}: ${failure}\n  replay: ${replayFile} (${frames} frames)`);
    if (check && run.shrink !== false) {
      const trial = async (p: Plan): Promise<TrialResult> => {
        const t = await judgeOn(page, p, job.seed, job.driver);
        return { violated: violatedKeys(t), frames: frameCount(t) };
      };
      const s = await shrink(replay, check, trial, frames, run.maxShrinkTrials);
      const id = `${writtenBackId(job.plan)}-shrunk-seed-${job.seed}`;
      const file = path.join(outDir, `${id}.yaml`);
      const header = [`shrunk in ${s.trials} runs from ${frames} to ${s.frames} frames; ${check} stays violated`, ...s.kept.map((k) => `- ${k}`)];
      writeFileSync(file, planToScenarioYaml({ ...s.plan, id, title: `shrunk: ${job.plan.title}` }, replayHeader(job.plan, job.driver, job.seed, header, file)));
      v.shrunk = { ...s, file };
      run.log?.(`  shrunk: ${file} (${s.frames} frames, ${s.trials} runs; ${check} still violated)`);
    }
    violations.push(v);
    return j.sometimes;
  }, deadline !== undefined ? { deadline } : {});
  const scenarios = run.targets.map((t, ti): ScenarioSummary => {
    const hits = new Map<number, string[]>();
    run.seeds.forEach((seed, si) => {
      const r = pool.results[si * run.targets.length + ti];
      if (r !== undefined) hits.set(seed, r);
    });
    const failed = violations.filter((v) => v.scenario === t.plan.id && v.driver === t.driver).length;
    return { scenario: t.plan.id, driver: t.driver, seedsRun: hits.size, failed, sometimes: judgeSometimes(t.plan, hits) };
  });
  violations.sort((a, b) => a.scenario.localeCompare(b.scenario) || a.seed - b.seed);
  inconclusive.sort((a, b) => a.scenario.localeCompare(b.scenario) || a.seed - b.seed);
  return { cases: pool.started, skipped: jobs.length - pool.started, violations, inconclusive, scenarios, seconds: (Date.now() - started) / 1000 };
}
