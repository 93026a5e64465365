/**
 * `run <scenario> [--seed N | --seeds A..B] [--driver D] [--out DIR]`: a scenario headless
 * (browser-session.ts), each seed judged exactly as the Playwright runner judges it
 * (case/judge.ts; the golden is compared when it exists, never written). Each seed's evidence
 * (transcript.json, verdicts.json, expectations.json, sequence.svg, sequence.md, tables.json,
 * replay.txt, and golden-diff.txt on a golden mismatch)
 * goes to DIR/seed-<n>/ (default reports/run/<id>/seed-<n>/), so one seed never overwrites
 * another's. `expect.sometimes` is judged across the seeds run when they are all of the
 * scenario's seeds or were asked for with --seeds (one seed of many proves nothing either way).
 * Prints a verdict line per seed naming what failed, the verdicts and the replay command; exit
 * 1 on any failure, 2 on a usage error, 3 when the case cannot run here (the runner would skip
 * it: a driver lacks a feature, or the endo checkout is missing) — never a silent pass.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { formatVerdicts } from '../../checks/index.js';
import { caseEvidence } from '../../report/attach.js';
import { goldenPath } from '../../transcript/golden.js';
import { openBrowserSession } from '../browser-session.js';
import { parseOptions, parseSeeds, resolveDriver, resolveScenario, UsageError } from '../cli-args.js';
import { driverSkipReason, nodeDriverProblems } from '../../case/driver-skips.js';
import { judgeCase, verdictLine } from '../../case/judge.js';
import { runInPage, waitForHarness } from '../../case/page-run.js';
import { judgeSometimes, sometimesFailures } from '../../case/sometimes.js';
import type { CommandIo } from '../io.js';

const USAGE = 'usage: ocapn-conformance run <scenario> [--seed N | --seeds A..B] [--driver D] [--out DIR]';

/** `1..20` for a contiguous run of seeds, else `1,5,9`. */
function seedsArg(seeds: readonly number[]): string {
  const contiguous = seeds.every((s, i) => i === 0 || s === seeds[i - 1] + 1);
  return contiguous && seeds.length > 2 ? `${seeds[0]}..${seeds[seeds.length - 1]}` : seeds.join(',');
}

export async function run(argv: string[], io: CommandIo): Promise<number> {
  let args;
  try {
    const { positionals, options } = parseOptions(argv, ['seed', 'seeds', 'driver', 'out']);
    if (positionals.length > 1) throw new UsageError(`one scenario at a time (got ${positionals.join(', ')})`);
    if (options.has('seed') && options.has('seeds')) throw new UsageError('give --seed or --seeds, not both');
    const entry = resolveScenario(positionals[0]);
    const plan = entry.plan!;
    const seeds = options.has('seeds') ? parseSeeds(options.get('seeds')!) : options.has('seed') ? parseSeeds(options.get('seed')!) : [plan.seeds[0]];
    if (options.has('seed') && seeds.length !== 1) throw new UsageError(`--seed takes one seed (use --seeds for a range)`);
    const driver = resolveDriver(entry, options.get('driver'));
    const nodeProblems = nodeDriverProblems(entry.file, plan);
    if (nodeProblems.length > 0) throw new UsageError(nodeProblems.join('; '));
    const out = options.get('out') ?? path.join('reports', 'run', plan.id);
    const judgeSometimesToo = plan.expect.sometimes.length > 0 && (options.has('seeds') || plan.seeds.every((s) => seeds.includes(s)));
    args = { plan, seeds, driver, out, judgeSometimesToo };
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`run: ${error.message}\n${USAGE}`);
    return 2;
  }
  const { plan, seeds, driver, out, judgeSometimesToo } = args;
  // The runner skips such a case with this reason; running it anyway would judge a node that
  // cannot do what the scenario asks, and a skip must never read as a pass.
  const skip = driverSkipReason(plan, driver);
  if (skip) {
    io.stderr(`${plan.id} [${driver}]: not run: ${skip}`);
    return 3;
  }
  // Rebuilt every time unless OCAPN_NO_REBUILD=1: a stale page bundle would judge old code.
  const session = await openBrowserSession({ rebuild: process.env.OCAPN_NO_REBUILD !== '1' });
  let failed = 0;
  const hits = new Map<number, string[]>();
  try {
    await waitForHarness(session.page);
    for (const seed of seeds) {
      const recording = await runInPage(session.page, plan, seed, driver);
      const golden = plan.expect.golden && existsSync(goldenPath(plan.id, driver, seed));
      const j = judgeCase(plan, recording, golden ? { goldenMode: 'none' } : {});
      hits.set(seed, j.sometimes);
      const dir = path.join(out, `seed-${seed}`);
      mkdirSync(dir, { recursive: true });
      const evidence = caseEvidence(j.transcript, j.checks, j.golden);
      for (const a of evidence) writeFileSync(path.join(dir, a.name), a.body);
      writeFileSync(path.join(dir, 'expectations.json'), JSON.stringify(j.expectations, null, 2) + '\n');
      if (j.failures.length > 0) failed++;
      const goldenText = golden ? `golden ${j.golden?.action}` : 'no golden compared';
      io.stdout(`${seeds.length > 1 ? '\n' : ''}${plan.id} [${driver}] seed ${seed}: ${verdictLine(j)}; ${goldenText}`);
      io.stdout(formatVerdicts(j.checks));
      for (const v of j.expectations) io.stdout(v.explanation);
      if (j.failures.length > 0) io.stdout(`\nfailures:\n${j.failures.join('\n')}`);
      io.stdout(`\nwrote ${dir}/ (${[...evidence.map((a) => a.name), 'expectations.json'].sort().join(', ')})`);
      io.stdout(`replay: ${j.replay}`);
    }
  } finally {
    await session.close();
  }
  let sometimesFailed = false;
  if (judgeSometimesToo) {
    const lines = judgeSometimes(plan, hits);
    for (const l of lines) io.stdout(`sometimes ${l.key}: hit in ${l.seeds.length} of ${seeds.length} seeds${l.problem ? ` — ${l.problem}` : ''}`);
    sometimesFailed = sometimesFailures(lines).length > 0;
  } else if (plan.expect.sometimes.length > 0) {
    io.stdout(`sometimes not judged: ${seeds.length} of the scenario's ${plan.seeds.length} seeds ran (use --seeds ${seedsArg(plan.seeds)})`);
  }
  if (seeds.length > 1) io.stdout(`${plan.id} [${driver}]: ${failed} of ${seeds.length} seeds failed${sometimesFailed ? '; a sometimes entry was never hit' : ''}`);
  return failed === 0 && !sometimesFailed ? 0 : 1;
}
