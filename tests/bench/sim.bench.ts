/**
 * Simulation benchmarks in Node (printed, not asserted): the network core alone (fake nodes, no
 * hosts), the lock-step runner with in-process bench-echo hosts, and reference-driver forward
 * chains of 100 and 1,000 hops and over 8/32/64 nodes, all in-process (no workers). Then the
 * browser numbers (page relay vs lock-step with real workers, chains over real workers) from
 * tests/browser-bench/sim.bench.spec.ts, run through Playwright; OCAPN_BENCH_BROWSER=0 skips them.
 */
import { spawnSync } from 'node:child_process';
import '../../harness/ocapn/endo-setup.js';
import { getDriver } from '../../harness/drivers/index.js';
import { makeChainPlan, makeEchoPlan } from '../../harness/page/bench-plans.js';
import { drainStats } from '../../harness/sim/worker-side/quiescence.js';
import { Network } from '../../harness/sim/page-side/network.js';
import { runPlan } from '../../harness/sim/page-side/run-steps.js';
import { SimRun } from '../../harness/sim/page-side/runner.js';
import { inProcessPorts } from '../unit/sim/_plans.js';

const wallMs = () => performance.now();

function benchNetworkCore(frames: number): string {
  const net = new Network(1, ['a', 'b'], [
    { source: 'a', target: 'b', latency: { kind: 'uniform', msMin: 50, msMax: 500 }, jitterMs: 0 },
    { source: 'b', target: 'a', latency: { kind: 'uniform', msMin: 50, msMax: 500 }, jitterMs: 0 },
  ]);
  net.nodeStarted('a', 0);
  net.nodeStarted('b', 0);
  net.apply('a', [{ type: 'connect', conn: 'a1', target: 'b' }]);
  const bytes = new Uint8Array(64);
  const t0 = performance.now();
  for (let i = 0; i < frames; i++) net.apply('a', [{ type: 'write', conn: 'a1', bytes }]);
  let delivered = 0;
  for (let d = net.next(); d; d = net.next()) if (d.input.type === 'message') delivered++;
  const ms = performance.now() - t0;
  return `network core: ${delivered} frames written+delivered+recorded in ${ms.toFixed(0)} ms = ${Math.round((delivered / ms) * 1000)} frames/s`;
}

async function benchEchoInProcess(kicks: number, bounces: number): Promise<string> {
  const run = new SimRun({ plan: makeEchoPlan(kicks, bounces), seed: 1, driver: 'bench-echo', makePort: inProcessPorts(() => undefined), wallMs, wallMsMax: 1e9 });
  await run.startNodes(['a', 'b']);
  run.scheduleKickoff('ping', 0);
  const t0 = performance.now();
  await run.runUntil(() => run.isQuiescent(), Infinity);
  const ms = performance.now() - t0;
  return `lock-step, in-process bench-echo hosts: ${run.deliveries} deliveries in ${ms.toFixed(0)} ms = ${Math.round((run.deliveries / ms) * 1000)} deliveries/s`;
}

async function benchChain(nodes: number, hops: number): Promise<string> {
  const before = { ...drainStats };
  const plan = makeChainPlan(nodes, hops, { kind: 'uniform', msMin: 50, msMax: 500 });
  const run = new SimRun({ plan, seed: 1, driver: 'reference', makePort: inProcessPorts(getDriver), wallMs, wallMsMax: 1e9 });
  const t0 = performance.now();
  const recording = await runPlan(run);
  const ms = performance.now() - t0;
  const result = recording.outcome.results.chain;
  const rounds = (drainStats.rounds - before.rounds) / Math.max(1, drainStats.drains - before.drains);
  return (
    `reference chain, ${String(nodes).padStart(2)} nodes, ${String(hops).padStart(4)} forwards: ${ms.toFixed(0)} ms wall, ` +
    `${run.deliveries} deliveries, ${(run.net.nowMs / 1000).toFixed(1)} s virtual, ${rounds.toFixed(2)} macrotask rounds/turn, ` +
    `result ${JSON.stringify(result?.value ?? result?.reason ?? recording.outcome.error?.message)}`
  );
}

export async function run(): Promise<void> {
  console.log(benchNetworkCore(100_000));
  console.log(await benchEchoInProcess(40, 250));
  for (const [nodes, hops] of [
    [8, 20],
    [32, 20],
    [64, 20],
    [8, 100],
    [8, 1000],
  ] as const) {
    console.log(await benchChain(nodes, hops));
  }
  if (process.env.OCAPN_BENCH_BROWSER === '0') return;
  console.log('\nbrowser (real workers):');
  const browser = spawnSync('npx', ['playwright', 'test', '-c', 'tests/browser-bench/playwright.bench.config.ts'], {
    encoding: 'utf8',
    env: { ...process.env, PLAYWRIGHT_HTML_OPEN: 'never' },
  });
  const lines = `${browser.stdout}`.split('\n').filter((l) => /^(\(|\s{4}\S)/.test(l));
  console.log(lines.length > 0 ? lines.join('\n') : `browser bench failed (exit ${browser.status}):\n${browser.stdout}${browser.stderr}`);
}
