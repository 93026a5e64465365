/**
 * Whole-harness benchmarks (printed, not asserted), each through the real command in a child
 * process, as a user runs it:
 * - explore throughput: `explore scenarios/flush scenarios/forwarding --seeds 1..N --no-shrink`
 *   on 1 and on 2 workers (pages), in cases/s per worker as explore itself reports it (browser
 *   start-up and page build are outside its clock). N: OCAPN_BENCH_EXPLORE_SEEDS (default 10).
 * - the default suite's wall time: `conformance` (every scenario × conforming driver × seed, and
 *   every mutant), start to end including the page build, on the config's workers (every core).
 *   The unit and browser projects are left out: they test the harness itself, not scenarios, and
 *   add minutes without saying anything about simulation speed.
 * OCAPN_BENCH_EXPLORE=0 and OCAPN_BENCH_SUITE=0 skip either. The machine's load average is printed
 * with each figure: on a shared machine the numbers mean little without it.
 */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';

const cli = 'harness/cli/bin.mjs';

function load(): string {
  return `load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`;
}

function runCli(args: string[], env: Record<string, string> = {}): { out: string; status: number | null; wallS: number } {
  const t0 = performance.now();
  const child = spawnSync(process.execPath, [cli, ...args], {
    encoding: 'utf8',
    env: { ...process.env, PLAYWRIGHT_HTML_OPEN: 'never', ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { out: `${child.stdout}${child.stderr}`, status: child.status, wallS: (performance.now() - t0) / 1000 };
}

function benchExplore(workers: number, seeds: number, rebuild: boolean): string {
  const before = load();
  const { out, status, wallS } = runCli(
    ['explore', 'scenarios/flush', 'scenarios/forwarding', '--seeds', `1..${seeds}`, '--workers', String(workers), '--no-shrink', '--out', 'reports/bench-explore'],
    rebuild ? {} : { OCAPN_NO_REBUILD: '1' },
  );
  const line = out.split('\n').find((l) => l.startsWith('explored '));
  if (!line) return `explore, ${workers} worker(s): no summary (exit ${status}):\n${out.slice(-2000)}`;
  return `explore, ${workers} worker${workers === 1 ? '' : 's'}: ${line} [${wallS.toFixed(1)} s with browser start-up; ${before}]`;
}

function benchSuite(): string {
  const before = load();
  const { out, status, wallS } = runCli(['conformance']);
  const using = out.match(/Running (\d+) tests? using (\d+) workers?/);
  const summary = out
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => /^\d+ (passed|failed|skipped|flaky|expected to fail)/.test(l) || l.startsWith('conformance: '))
    .join('; ');
  return (
    `default suite (conformance command: every scenario × conforming driver × seed + mutants): ${wallS.toFixed(1)} s wall, exit ${status}` +
    `${using ? `, ${using[1]} tests on ${using[2]} Playwright worker(s)` : ''} [${before}]\n    ${summary}`
  );
}

export async function run(): Promise<void> {
  if (process.env.OCAPN_BENCH_EXPLORE !== '0') {
    const seeds = Number(process.env.OCAPN_BENCH_EXPLORE_SEEDS ?? 10);
    console.log(benchExplore(1, seeds, true));
    console.log(benchExplore(2, seeds, false));
  }
  if (process.env.OCAPN_BENCH_SUITE !== '0') console.log(benchSuite());
}
