/**
 * `explore <scenario> --seeds 1..200 [--driver D]`: a seed sweep in one headless browser (one
 * page, one run after another). Each seed is judged like a test case (schema, checks,
 * expectations; no golden — most seeds have none); every failing seed is printed with its first
 * failure and its replay command, and a closing line counts them. Exit 1 if any seed fails,
 * 2 on a usage error (bad scenario, bad range), before any browser starts.
 */
import { openBrowserSession } from '../browser-session.js';
import { parseOptions, parseSeeds, resolveDriver, resolveScenario, UsageError } from '../case/cli-args.js';
import { judgeCase } from '../case/judge.js';
import { runInPage, waitForHarness } from '../case/page-run.js';
import type { CommandIo } from '../io.js';

const USAGE = 'usage: ocapn-conformance explore <scenario> --seeds 1..200 [--driver D]';

export async function run(argv: string[], io: CommandIo): Promise<number> {
  let args;
  try {
    const { positionals, options } = parseOptions(argv, ['seeds', 'driver']);
    if (positionals.length > 1) throw new UsageError(`one scenario at a time (got ${positionals.join(', ')})`);
    const entry = resolveScenario(positionals[0]);
    const plan = entry.plan!;
    const seeds = options.has('seeds') ? parseSeeds(options.get('seeds')!) : plan.seeds;
    const driver = resolveDriver(entry, options.get('driver'));
    args = { plan, seeds, driver };
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`explore: ${error.message}\n${USAGE}`);
    return 2;
  }
  const { plan, seeds, driver } = args;
  const started = Date.now();
  const session = await openBrowserSession({ rebuild: process.env.OCAPN_NO_REBUILD !== '1' });
  const failing: number[] = [];
  const hits = new Map<string, number>();
  try {
    await waitForHarness(session.page);
    for (const seed of seeds) {
      const j = judgeCase(plan, await runInPage(session.page, plan, seed, driver));
      for (const h of j.sometimes) hits.set(h, (hits.get(h) ?? 0) + 1);
      if (j.failures.length === 0) continue;
      failing.push(seed);
      io.stdout(`seed ${seed}: ${j.failures[0].split('\n')[0]}\n  replay: ${j.replay}`);
    }
  } finally {
    await session.close();
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  for (const s of plan.expect.sometimes) io.stdout(`sometimes ${s.kind}:${s.name}: hit in ${hits.get(`${s.kind}:${s.name}`) ?? 0} of ${seeds.length} seeds`);
  io.stdout(`${plan.id} [${driver}]: ${failing.length} of ${seeds.length} seeds failed (${seconds} s)`);
  return failing.length === 0 ? 0 : 1;
}
