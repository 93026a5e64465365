/**
 * `explore <scenario> --seeds 1..200 [--driver D]`: a seed sweep in one headless browser (one
 * page, one run after another). Each seed is judged like a test case (schema, checks,
 * expectations; no golden — most seeds have none); every failing seed is printed with its first
 * failure and its replay command, `expect.sometimes` is judged across the seeds swept (as the
 * runner's `sometimes` test does), and a closing line counts both. Exit 1 if any seed fails or a
 * sometimes entry is never hit, 2 on a usage error (bad scenario, bad range), before any browser starts.
 */
import { openBrowserSession } from '../browser-session.js';
import { parseOptions, parseSeeds, resolveDriver, resolveScenario, UsageError } from '../cli-args.js';
import { judgeCase } from '../../case/judge.js';
import { runInPage, waitForHarness } from '../../case/page-run.js';
import { judgeSometimes, sometimesFailures } from '../../case/sometimes.js';
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
  const hits = new Map<number, string[]>();
  try {
    await waitForHarness(session.page);
    for (const seed of seeds) {
      const j = judgeCase(plan, await runInPage(session.page, plan, seed, driver));
      hits.set(seed, j.sometimes);
      if (j.failures.length === 0) continue;
      failing.push(seed);
      io.stdout(`seed ${seed}: ${j.failures[0].split('\n')[0]}\n  replay: ${j.replay}`);
    }
  } finally {
    await session.close();
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  // The same aggregation as the runner's `sometimes` test: an entry no seed hit fails the sweep.
  const lines = judgeSometimes(plan, hits);
  for (const l of lines) io.stdout(`sometimes ${l.key}: hit in ${l.seeds.length} of ${seeds.length} seeds${l.problem ? ` — ${l.problem}` : ''}`);
  const missed = sometimesFailures(lines).length;
  io.stdout(`${plan.id} [${driver}]: ${failing.length} of ${seeds.length} seeds failed${missed ? `; ${missed} sometimes entr${missed === 1 ? 'y' : 'ies'} never hit` : ''} (${seconds} s)`);
  return failing.length === 0 && missed === 0 ? 0 : 1;
}
