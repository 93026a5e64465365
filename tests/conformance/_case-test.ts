/**
 * Shared pieces of the conformance runner specs: how one case becomes a Playwright test body
 * (run in the page → judge → annotate → attach evidence → fail with the lead line), where a case
 * leaves its `sometimes` hits for the per-scenario aggregate, titles and tags.
 * The specs run from the repository root (every npm script does): scenarios/ and
 * fixtures/golden/ are resolved against the working directory.
 */
import { test as base, expect, type Page, type TestInfo } from '@playwright/test';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { caseLabel, type CaseSpec } from '../../harness/case/catalog.js';
import { failureMessage, judgeCase, mutantVerdict, type CaseJudgement } from '../../harness/case/judge.js';
import { runInPage, waitForHarness } from '../../harness/case/page-run.js';
import { judgeSometimes, sometimesFailures, sometimesUnjudged } from '../../harness/case/sometimes.js';
import { seedCapOf, seedsFor } from '../../harness/case/goblins-skips.js';
import { drivers } from '../../harness/drivers/index.js';
import { annotateCase, annotateCoverage, annotateVerdict } from '../../harness/report/annotations.js';
import { judgedBy } from '../../harness/report/coverage.js';
import { wireUse } from '../../harness/transcript/wire-vocabulary.js';
import { attachCaseEvidence } from '../../harness/report/attach.js';
import { caseReplayCommand } from '../../harness/case/replay-command.js';
import { goldenModeFrom } from '../../harness/transcript/golden.js';
import type { Plan } from '../../harness/scenario/plan.js';
import type { Recording } from '../../harness/sim/recording.js';

/** `refcount-preserved [reference] seed 1`: `--grep <scenario-id>` selects every case of it. */
export function caseTitle(c: Pick<CaseSpec, 'driver' | 'seed' | 'endoColumn'> & { plan: Pick<Plan, 'id' | 'topology'> }): string {
  return `${c.plan.id} [${caseLabel(c)}] seed ${c.seed}`;
}

/** Playwright tags: one per feature (`@op:flush`), the requirement level (`@MUST`). */
export function caseTags(plan: Plan): string[] {
  return [...plan.features.map((f) => `@${f}`), `@${plan.requirement}`];
}

async function openHarness(page: Page): Promise<void> {
  if (await page.evaluate(() => typeof (window as { ocapnHarness?: unknown }).ocapnHarness === 'object').catch(() => false)) return;
  await page.goto('/');
  await waitForHarness(page);
}

/**
 * `harnessPage`: ONE harness page per Playwright worker, reused by every case it runs. Why: a
 * fresh page per case pays the worker bundle's start-up (SES, Endo) again for every node of every
 * case — seconds per case on two cores. Reuse is safe because `runPlan` terminates the previous
 * run's node workers and builds a new network; a page that died is replaced (openHarness).
 */
export const test = base.extend<object, { harnessPage: Page }>({
  harnessPage: [
    async ({ browser }, use, workerInfo) => {
      const page = await browser.newPage({ baseURL: workerInfo.project.use.baseURL });
      await use(page);
      await page.close();
    },
    { scope: 'worker' },
  ],
});

/** Runs the case in the page; a page-level throw becomes an Error that names the replay. */
async function record(page: Page, c: CaseSpec): Promise<Recording> {
  await openHarness(page);
  try {
    return await runInPage(page, c.plan, c.seed, c.driver);
  } catch (error) {
    const replay = caseReplayCommand({ scenarioId: c.plan.id, seed: c.seed, driver: c.driver }, process.env, c.endoColumn);
    throw new Error(`the page could not run the case: ${(error as Error).message.split('\n')[0]}\n\nreplay: ${replay}`, { cause: error });
  }
}

function rank(driver: string): number {
  const i = drivers.findIndex((d) => d.name === driver);
  return i < 0 ? drivers.length : i;
}

/** `column`: the matrix column of a case variant whose nodes are not all the case driver's (endo
 * over TCP runs as a reference case whose external nodes are endo processes). */
function identity(c: CaseSpec, column?: string): Parameters<typeof annotateCase>[1] {
  return {
    scenario: c.plan.id,
    scenarioTitle: c.plan.title,
    driver: column ?? caseLabel(c),
    // The report's columns come from the driver's metadata: implementations first, in this order.
    conforming: drivers.find((d) => d.name === c.driver)?.conforming ?? !c.mutant,
    driverRank: rank(column ?? c.driver),
    seed: c.seed,
    features: c.plan.features,
    level: c.plan.requirement,
    ...(c.mutant ? { expectedFailure: c.mutant.defect } : {}),
  };
}

/** Which nodes a case moved to the reference node (substitute.ts), as an annotation the report
 * and the Playwright output show next to the case. */
function annotateRoles(testInfo: TestInfo, c: CaseSpec): void {
  if (!c.roles) return;
  const moved = Object.entries(c.roles).map(([node, missing]) => `${node} (lacks ${missing.join(', ')})`);
  testInfo.annotations.push({ type: 'ocapn.roles', description: `on the reference node: ${moved.join('; ')}; every other node on ${c.driver}` });
}

async function report(testInfo: TestInfo, j: CaseJudgement): Promise<void> {
  annotateVerdict(testInfo, j.overall, j.checks.verdicts.filter((v) => v.verdict === 'violated').map((v) => v.name));
  await attachCaseEvidence(testInfo, j.transcript, j.checks, j.golden, j.replay);
  await testInfo.attach('expectations.json', { body: JSON.stringify(j.expectations, null, 2) + '\n', contentType: 'application/json' });
}

/** Skips a case the drivers cannot run, with its reason, after naming the case: without the
 * ocapn.* annotations the matrix reporter cannot tell a skipped case from any other test, and the
 * skipped cell would be missing from the matrix and conformance.json. */
export function skipUnrunnable(testInfo: TestInfo, c: CaseSpec, column?: string): void {
  if (c.skip === undefined) return;
  annotateCase(testInfo, identity(c, column));
  test.skip(true, c.skip);
}

/** Annotation of an `unknown` case whose scenario allows it (`expect.allowUnknown`: the reason). */
export const ALLOW_UNKNOWN = 'ocapn.allow-unknown';

/** The body of a conforming case: every failure of the judgement fails the test, lead first. */
export async function runConformingCase(page: Page, testInfo: TestInfo, c: CaseSpec, column?: string): Promise<void> {
  annotateCase(testInfo, identity(c, column));
  annotateRoles(testInfo, c);
  const recording = await record(page, c);
  const j = judgeCase(c.plan, recording, { goldenMode: goldenModeFrom(testInfo.config.updateSnapshots) });
  await report(testInfo, j);
  annotateCoverage(testInfo, { ...wireUse(j.transcript), judgedBy: judgedBy(j.checks.verdicts) });
  // An unknown case fails `npm run conformance` unless the scenario says why it may be unknown.
  if (j.overall === 'unknown' && c.plan.expect.allowUnknown) testInfo.annotations.push({ type: ALLOW_UNKNOWN, description: c.plan.expect.allowUnknown });
  writeSometimes(testInfo, c, j.sometimes);
  if (j.failures.length > 0) throw new Error(failureMessage(j));
}

/**
 * The body of a mutant case, run under `test.fail()`. Caught means: the run completed, its
 * transcript is well-formed, and one of the named checks is violated — then the final assertion
 * fails, which is the expected failure. A crash, a page error or a schema failure returns
 * normally instead (an unexpected pass: CI red), because then no checker caught anything.
 */
export async function runMutantCase(page: Page, testInfo: TestInfo, c: CaseSpec): Promise<void> {
  const mutant = c.mutant!;
  annotateCase(testInfo, identity(c));
  let recording: Recording;
  try {
    recording = await record(page, c);
  } catch (error) {
    testInfo.annotations.push({ type: 'ocapn.not-caught', description: `page error: ${(error as Error).message.split('\n')[0]}` });
    return;
  }
  const j = judgeCase(c.plan, recording, { extraChecks: mutant.checks });
  await report(testInfo, j);
  const verdict = mutantVerdict(j, mutant.checks);
  if ('invalid' in verdict) {
    testInfo.annotations.push({ type: 'ocapn.not-caught', description: verdict.invalid });
    return;
  }
  const caught = verdict.caught;
  testInfo.annotations.push({ type: 'ocapn.caught-by', description: caught.map((v) => v.name).join(',') || '(none)' });
  expect(caught.map((v) => v.explanation), `mutant ${c.driver} (${mutant.defect}) must be caught by ${mutant.checks.join(' or ')}`).toEqual([]);
}

// --- sometimes: per-seed hits, aggregated per (scenario, driver) ---------------------------------

function sometimesFile(testInfo: TestInfo, c: Pick<CaseSpec, 'driver' | 'seed' | 'endoColumn'> & { plan: Pick<Plan, 'id' | 'topology'> }): string {
  return path.join(testInfo.project.outputDir, 'sometimes', c.plan.id, `${caseLabel(c)}-seed-${c.seed}.json`);
}

function writeSometimes(testInfo: TestInfo, c: CaseSpec, hits: string[]): void {
  if (c.plan.expect.sometimes.length === 0) return;
  const file = sometimesFile(testInfo, c);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(hits));
}

/**
 * The aggregate `sometimes` test of a (scenario, driver): every entry must be hit by at least one
 * seed. Seeds run earlier in this invocation left their hits on disk (the output directory is
 * emptied at the start of each run, so nothing stale is read); a seed without a file (filtered
 * out by --grep, or its test crashed before judging) is run here.
 */
export async function runSometimesAggregate(page: Page, testInfo: TestInfo, plan: Plan, driver: string, endoColumn?: string): Promise<void> {
  const perSeed = new Map<number, string[]>();
  let opened = false;
  // The seeds the column's cases run (a Goblins column: the first few), never the others: an
  // aggregate judges what its column ran, and says how much of the scenario that is.
  for (const seed of seedsFor(plan, driver)) {
    const file = sometimesFile(testInfo, { plan, driver, seed, ...(endoColumn ? { endoColumn } : {}) });
    if (existsSync(file)) {
      perSeed.set(seed, JSON.parse(readFileSync(file, 'utf8')) as string[]);
      continue;
    }
    if (!opened) await openHarness(page);
    opened = true;
    const recording = await runInPage(page, plan, seed, driver);
    perSeed.set(seed, judgeCase(plan, recording).sometimes);
  }
  const capped = seedCapOf(plan, driver);
  const lines = judgeSometimes(plan, perSeed, capped);
  const judgedSeeds = { seeds: [...perSeed.keys()], ofScenario: plan.seeds.length, ...(capped ? { why: capped.why } : {}) };
  await testInfo.attach('sometimes.json', { body: JSON.stringify({ judgedSeeds, lines }, null, 2) + '\n', contentType: 'application/json' });
  testInfo.annotations.push({ type: 'ocapn.sometimes-seeds', description: `judged over seeds ${judgedSeeds.seeds.join(', ')} of the scenario's ${judgedSeeds.ofScenario}` });
  const unjudged = sometimesUnjudged(lines);
  // Too few seeds to call a miss a failure (and no entry failed outright): a skip naming it.
  if (unjudged.length > 0 && sometimesFailures(lines).length === 0) test.skip(true, unjudged.join('; '));
  expect(sometimesFailures(lines), `${plan.id} [${caseLabel({ driver, endoColumn, plan })}]: every sometimes entry is hit by at least one seed`).toEqual([]);
}
