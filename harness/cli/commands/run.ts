/**
 * `run <scenario> [--seed N] [--driver D] [--out DIR]`: one case headless (browser-session.ts),
 * judged exactly as the Playwright runner judges it (case/judge.ts; the golden is compared when
 * it exists, never written). Writes transcript.json, verdicts.json, expectations.json,
 * sequence.svg, sequence.md, tables.json, replay.txt (and golden-diff.txt on a golden mismatch)
 * to DIR (default reports/run/<id>/),
 * prints the verdicts and the replay command; exit 1 on any failure, 2 on a usage error.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { formatVerdicts } from '../../checks/index.js';
import { caseEvidence } from '../../report/attach.js';
import { goldenPath } from '../../transcript/golden.js';
import { openBrowserSession } from '../browser-session.js';
import { parseOptions, parseSeeds, resolveDriver, resolveScenario, UsageError } from '../case/cli-args.js';
import { judgeCase } from '../case/judge.js';
import { runInPage, waitForHarness } from '../case/page-run.js';
import type { CommandIo } from '../io.js';

const USAGE = 'usage: ocapn-conformance run <scenario> [--seed N] [--driver D] [--out DIR]';

export async function run(argv: string[], io: CommandIo): Promise<number> {
  let args;
  try {
    const { positionals, options } = parseOptions(argv, ['seed', 'driver', 'out']);
    if (positionals.length > 1) throw new UsageError(`one scenario at a time (got ${positionals.join(', ')})`);
    const entry = resolveScenario(positionals[0]);
    const plan = entry.plan!;
    const seeds = options.has('seed') ? parseSeeds(options.get('seed')!) : [plan.seeds[0]];
    if (seeds.length !== 1) throw new UsageError(`--seed takes one seed (use explore for a range)`);
    const driver = resolveDriver(entry, options.get('driver'));
    const out = options.get('out') ?? path.join('reports', 'run', plan.id);
    args = { plan, seed: seeds[0], driver, out };
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`run: ${error.message}\n${USAGE}`);
    return 2;
  }
  const { plan, seed, driver, out } = args;
  // Rebuilt every time unless OCAPN_NO_REBUILD=1: a stale page bundle would judge old code.
  const session = await openBrowserSession({ rebuild: process.env.OCAPN_NO_REBUILD !== '1' });
  let recording;
  try {
    await waitForHarness(session.page);
    recording = await runInPage(session.page, plan, seed, driver);
  } finally {
    await session.close();
  }
  const golden = plan.expect.golden && existsSync(goldenPath(plan.id, driver, seed));
  const j = judgeCase(plan, recording, golden ? { goldenMode: 'none' } : {});
  mkdirSync(out, { recursive: true });
  const evidence = caseEvidence(j.transcript, j.checks, j.golden);
  for (const a of evidence) writeFileSync(path.join(out, a.name), a.body);
  writeFileSync(path.join(out, 'expectations.json'), JSON.stringify(j.expectations, null, 2) + '\n');
  io.stdout(`${plan.id} [${driver}] seed ${seed}: ${j.failures.length === 0 ? 'PASS' : 'FAIL'} (checks ${j.overall}${golden ? `, golden ${j.golden?.action}` : ', no golden compared'})`);
  io.stdout(formatVerdicts(j.checks));
  for (const v of j.expectations) io.stdout(v.explanation);
  if (j.failures.length > 0) io.stdout(`\nfailures:\n${j.failures.join('\n')}`);
  io.stdout(`\nwrote ${out}/ (${[...evidence.map((a) => a.name), 'expectations.json'].sort().join(', ')})`);
  io.stdout(`replay: ${j.replay}`);
  return j.failures.length === 0 ? 0 : 1;
}
