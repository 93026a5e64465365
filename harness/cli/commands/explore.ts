/**
 * `explore <scenarios or folders…> --seeds 1..N [--driver D] [--faults [kinds]] [--time 60] [--workers K]
 * [--jitter MS] [--out DIR] [--no-shrink]`: randomized schedules of several scenarios over K
 * pages of one headless Chromium (harness/explore/). Each seed is judged like a test case; every
 * failing seed is printed with its replay scenario (reports/explore/<id>-seed-<n>.yaml) and, when
 * a check (or else an expectation) was violated, its shrunk one (<id>-shrunk-seed-<n>.yaml); `expect.sometimes` is judged
 * per scenario across the seeds run. Exit 1 if any seed fails or a sometimes entry is never hit,
 * 2 on a usage error (bad scenario, range or option), before any browser starts.
 */
import { statSync } from 'node:fs';
import { openBrowserSession } from '../browser-session.js';
import { findScenarioFiles } from '../../case/scenario-files.js';
import { driverSkipReason } from '../../case/driver-skips.js';
import { parseOptions, parseSeeds, resolveDriver, resolveScenarioCases, UsageError } from '../cli-args.js';
import { explore, type Target } from '../../explore/explore.js';
import { allowedFaults, DEFAULT_EXPLORE, FAULT_KINDS, faultsDeclared, type FaultKind } from '../../explore/schedule.js';
import { waitForHarness } from '../../case/page-run.js';
import { sometimesFailures } from '../../case/sometimes.js';
import type { CommandIo } from '../io.js';

const USAGE = 'usage: ocapn-conformance explore <scenario…> [--seeds 1..200] [--driver D] [--faults [declared|all|partition,stall,restart]] [--time SECONDS] [--workers K] [--jitter MS] [--out DIR] [--no-shrink]';

const FAULT_VALUE = /^(declared|all|(partition|stall|restart)(,(partition|stall|restart))*)$/;

/** `--faults` may stand alone (the scenario's declared kinds) and `--no-shrink` is a flag. */
function normaliseFlags(argv: string[]): { argv: string[]; shrink: boolean } {
  const out: string[] = [];
  let shrink = true;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--no-shrink') shrink = false;
    else if (argv[i] === '--faults' && !FAULT_VALUE.test(argv[i + 1] ?? '')) out.push('--faults=declared');
    else out.push(argv[i]);
  }
  return { argv: out, shrink };
}

function positiveNumber(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const n = Number(text.replace(/s$/, ''));
  if (!Number.isFinite(n) || n < 0) throw new UsageError(`--${name} needs a non-negative number (got "${text}")`);
  return n;
}

export async function run(rawArgv: string[], io: CommandIo): Promise<number> {
  let args;
  try {
    const { argv, shrink } = normaliseFlags(rawArgv);
    const { positionals, options } = parseOptions(argv, ['seeds', 'driver', 'faults', 'time', 'workers', 'jitter', 'out']);
    if (positionals.length === 0) throw new UsageError('name at least one scenario (its id, e.g. refcount-preserved, or its file)');
    // A folder stands for every scenario below it (`explore scenarios/flush`).
    const names = positionals.flatMap((p) => (statSync(p, { throwIfNoEntry: false })?.isDirectory() ? findScenarioFiles([p]) : [p]));
    if (names.length === 0) throw new UsageError(`no scenario file under ${positionals.join(', ')}`);
    // A scenario run under several flush designs is explored under each of them.
    const entries = names.flatMap((p) => resolveScenarioCases(p));
    const faults = options.get('faults');
    if (faults !== undefined && !FAULT_VALUE.test(faults)) throw new UsageError(`--faults takes declared, all or kinds from ${FAULT_KINDS.join(', ')} (got "${faults}")`);
    const all: Target[] = entries.map((e) => ({ plan: e.plan!, driver: resolveDriver(e, options.get('driver')) }));
    // What the test runner skips (a feature the driver lacks, a checkout not set up) is skipped
    // here too, with the same reason: a seed of it would judge the gap, not the schedule.
    const skips = all.flatMap((t) => {
      const why = driverSkipReason(t.plan, t.driver);
      return why ? [`${t.plan.id} [${t.driver}]: skipped: ${why}`] : [];
    });
    const targets = all.filter((t) => driverSkipReason(t.plan, t.driver) === undefined);
    if (targets.length === 0) throw new UsageError(`every scenario named is skipped on its driver:\n${skips.join('\n')}`);
    const seeds = options.has('seeds') ? parseSeeds(options.get('seeds')!) : [...new Set(targets.flatMap((t) => t.plan.seeds))];
    const workers = positiveNumber('workers', options.get('workers'), 1);
    if (!Number.isInteger(workers) || workers < 1 || workers > 16) throw new UsageError(`--workers takes 1..16 (got ${workers})`);
    const time = options.has('time') ? positiveNumber('time', options.get('time'), 0) : undefined;
    const jitter = positiveNumber('jitter', options.get('jitter'), DEFAULT_EXPLORE.kickoffJitterMs);
    if (faults === 'declared' && targets.every((t) => faultsDeclared(t.plan).length === 0)) {
      const names = targets.map((t) => t.plan.id).join(', ');
      throw new UsageError(
        `--faults alone injects the fault kinds a scenario declares (its explore.faults, else the partition, stall, restart or kill steps it has), and ${names} declare${targets.length === 1 ? 's' : ''} none: ` +
          `name the kinds (--faults partition,stall) or add explore: { faults: [partition] } to the scenario`,
      );
    }
    args = { skips, targets, seeds, workers, time, jitter, faults, shrink, out: options.get('out') ?? 'reports/explore' };
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`explore: ${error.message}\n${USAGE}`);
    return 2;
  }
  for (const line of args.skips) io.stdout(line);
  const session = await openBrowserSession({ rebuild: process.env.OCAPN_NO_REBUILD !== '1' });
  let result;
  try {
    const pages = [session.page];
    while (pages.length < args.workers) pages.push(await session.newPage());
    await Promise.all(pages.map((p) => waitForHarness(p)));
    // Fault kinds are per scenario: `declared` is what each one's own steps use.
    const kindsFor = (t: Target): FaultKind[] => (args.faults === undefined ? [] : args.faults === 'declared' ? faultsDeclared(t.plan) : args.faults === 'all' ? [...FAULT_KINDS] : (args.faults.split(',') as FaultKind[]));
    const groups = new Map<string, Target[]>();
    for (const t of args.targets) {
      const key = kindsFor(t).join(',');
      if (args.faults !== undefined && allowedFaults(t.plan, kindsFor(t)).length === 0) {
        io.stdout(`${t.plan.id}: no injected faults (${t.plan.explore?.faults ? 'its explore.faults allows none of them' : 'it declares no fault kinds'})`);
      }
      groups.set(key, [...(groups.get(key) ?? []), t]);
    }
    type Explored = Awaited<ReturnType<typeof explore>>;
    result = { cases: 0, skipped: 0, seconds: 0, violations: [] as Explored['violations'], inconclusive: [] as Explored['inconclusive'], scenarios: [] as Explored['scenarios'] };
    const started = Date.now();
    for (const [key, targets] of groups) {
      const left = args.time === undefined ? undefined : Math.max(0, args.time - (Date.now() - started) / 1000);
      const r = await explore({
        targets,
        seeds: args.seeds,
        pages,
        options: { ...DEFAULT_EXPLORE, kickoffJitterMs: args.jitter, faults: key ? (key.split(',') as FaultKind[]) : [] },
        ...(left !== undefined ? { timeBudgetS: left } : {}),
        outDir: args.out,
        shrink: args.shrink,
        log: (l) => io.stdout(l),
      });
      result.cases += r.cases;
      result.skipped += r.skipped;
      result.violations.push(...r.violations);
      result.inconclusive.push(...r.inconclusive);
      result.scenarios.push(...r.scenarios);
    }
    result.seconds = (Date.now() - started) / 1000;
  } finally {
    await session.close();
  }
  for (const c of result.inconclusive) io.stdout(`${c.scenario} [${c.driver}] seed ${c.seed}: inconclusive (the injected faults left a named check nothing to judge): ${c.failure}\n  replay: ${c.replayFile}`);
  let missed = 0;
  for (const s of result.scenarios) {
    for (const l of s.sometimes) io.stdout(`${s.scenario} sometimes ${l.key}: hit in ${l.seeds.length} of ${s.seedsRun} seeds${l.problem ? ` — ${l.problem}` : ''}`);
    missed += sometimesFailures(s.sometimes).length;
    io.stdout(`${s.scenario} [${s.driver}]: ${s.failed} of ${s.seedsRun} seeds failed`);
  }
  const rate = result.cases / Math.max(result.seconds, 0.001);
  io.stdout(
    `explored ${result.cases} cases on ${args.workers} worker${args.workers === 1 ? '' : 's'} in ${result.seconds.toFixed(1)} s ` +
      `(${(rate / args.workers).toFixed(2)} cases/s per worker)` +
      `${result.skipped ? `; time budget left ${result.skipped} cases unrun` : ''}: ${result.violations.length} failed` +
      `${result.inconclusive.length ? `, ${result.inconclusive.length} inconclusive` : ''}${args.skips.length ? `; ${args.skips.length} scenario${args.skips.length === 1 ? '' : 's'} skipped on ${args.skips.length === 1 ? 'its' : 'their'} driver` : ''}` +
      `${missed ? `; ${missed} sometimes entr${missed === 1 ? 'y' : 'ies'} never hit` : ''}`,
  );
  return result.violations.length === 0 && missed === 0 ? 0 : 1;
}
