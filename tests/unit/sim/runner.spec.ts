/**
 * Goal: the runner interleaves kickoff sends and deliveries by virtual time in lock-step, replays
 * exactly from a seed, applies fault steps, and turns a host failure into a `crashed` outcome
 * with node, virtual time, seed and replay command. Method: in-process NodeHosts running the
 * `bench-echo` pseudo-driver (no OCapN), driven by small code-built Plans.
 */
import { test, expect } from '@playwright/test';
import { inProcessPorts, makePlan } from './_plans.js';
import { SimRun } from '../../../harness/sim/page-side/runner.js';
import { runPlan } from '../../../harness/sim/page-side/run-steps.js';
import type { PlanStep } from '../../../harness/scenario/plan.js';

const noDrivers = () => undefined;
let fakeWall = 0;
const wallMs = () => (fakeWall += 1);

function benchPlan(steps: PlanStep[] = [], latency = { kind: 'uniform', msMin: 50, msMax: 500 } as const) {
  return makePlan({
    nodes: { a: [], b: [], c: [] },
    latency,
    kickoffs: [
      { name: 'ab', from: 'a', args: [20], count: 3, everyMs: 5 },
      { name: 'cb', from: 'c', args: [20], count: 3, everyMs: 5 },
    ],
    steps,
  });
}

async function runBench(seed: number, steps: PlanStep[] = []) {
  const log: string[] = [];
  const run = new SimRun({ plan: benchPlan(steps), seed, driver: 'bench-echo', makePort: inProcessPorts(noDrivers, log), wallMs });
  const recording = await runPlan(run);
  return { recording, log, run };
}

test('lock-step ping-pong: every bounce is delivered, the case ends quiescent', async () => {
  const { recording, run } = await runBench(1);
  expect(recording.outcome.end).toBe('quiescent');
  const delivered = recording.events.filter((e) => e.kind === 'frame' && e.phase === 'delivered');
  // 6 frames sent with budget 20: each bounces 20 more times → 6 × 21 deliveries.
  expect(delivered).toHaveLength(6 * 21);
  expect(run.deliveries).toBe(6 * 21 + 2);
  expect(recording.header).toMatchObject({ seed: 1, driver: 'bench-echo', mode: 'lock-step' });
  expect(recording.links).toHaveLength(6);
});

test('same plan and seed twice: byte-identical recordings; another seed: a different interleaving', async () => {
  const one = JSON.stringify((await runBench(5)).recording);
  const two = JSON.stringify((await runBench(5)).recording);
  const other = JSON.stringify((await runBench(6)).recording);
  expect(two).toBe(one);
  expect(other).not.toBe(one);
});

test('kill mid-run: the node gets nothing more, in-flight frames are dropped, the peer sees reset', async () => {
  const { recording, log } = await runBench(2, [
    { index: 0, where: 't', kind: 'wait', until: { kind: 'time', untilMs: 1000 }, timeoutMs: 1e9 },
    { index: 1, where: 't', kind: 'kill', node: 'b' },
  ]);
  const killAt = recording.events.find((e) => e.kind === 'fault')!;
  expect(killAt).toMatchObject({ fault: 'kill', nodes: ['b'], atMs: 1000 });
  const afterKill = recording.events.filter((e) => e.seq > killAt.seq);
  expect(afterKill.some((e) => e.kind === 'frame' && e.phase === 'dropped')).toBe(true);
  expect(afterKill.filter((e) => e.kind === 'frame' && e.phase === 'delivered' && e.target === 'b')).toEqual([]);
  expect(afterKill.filter((e) => e.kind === 'connection' && e.event === 'reset')).toHaveLength(2);
  const turnsOfB = log.filter((l) => l.startsWith('b:'));
  expect(turnsOfB.at(-1)).toBe('b:export-state');
  expect(recording.outcome.end).toBe('quiescent');
});

test('restart fresh after kill: a new incarnation answers new traffic', async () => {
  const { recording } = await runBench(3, [
    { index: 0, where: 't', kind: 'wait', until: { kind: 'time', untilMs: 1000 }, timeoutMs: 1e9 },
    { index: 1, where: 't', kind: 'kill', node: 'b' },
    { index: 2, where: 't', kind: 'restart', node: 'b', mode: 'fresh' },
    { index: 3, where: 't', kind: 'kickoff', kickoff: 'ab' },
    { index: 4, where: 't', kind: 'wait', until: { kind: 'quiescent' }, timeoutMs: 1e9 },
  ]);
  const restart = recording.events.find((e) => e.kind === 'fault' && e.fault === 'restart-fresh')!;
  expect(restart).toMatchObject({ detail: 'incarnation 1' });
  const laterToB = recording.events.filter((e) => e.seq > restart.seq && e.kind === 'frame' && e.phase === 'delivered' && e.target === 'b');
  expect(laterToB.length).toBeGreaterThan(0);
});

test('a host that throws ends the case as crashed, with node, virtual time, seed and replay', async () => {
  const run = new SimRun({ plan: benchPlan(), seed: 9, driver: 'no-such-driver', makePort: inProcessPorts(noDrivers), wallMs });
  const recording = await runPlan(run);
  expect(recording.outcome.end).toBe('crashed');
  expect(recording.outcome.error?.node).toBe('a');
  expect(recording.outcome.error?.message).toBe('node a crashed at 0 ms virtual (seed 9): node host: unknown driver "no-such-driver"');
  expect(recording.outcome.error?.replay).toBe('npx ocapn-conformance run test-plan --seed 9 --driver no-such-driver');
});

test('the plan deadline bounds the run: an endless ping-pong stops at the deadline', async () => {
  const plan = makePlan({
    nodes: { a: [], b: [] },
    kickoffs: [{ name: 'ab', from: 'a', args: [255] }],
    deadlineMs: 300,
  });
  const run = new SimRun({ plan, seed: 1, driver: 'bench-echo', makePort: inProcessPorts(noDrivers), wallMs });
  const recording = await runPlan(run);
  expect(recording.outcome.end).toBe('deadline');
  expect(run.net.nowMs).toBeLessThanOrEqual(300);
  expect(run.deliveries).toBeLessThan(40);
});

test("the end of a run records every live node's tables, though the plan asks about none", async () => {
  const { recording } = await runBench(1);
  const end = recording.events.filter((e) => e.kind === 'tables' && e.label === 'end');
  expect(end.map((e) => (e.kind === 'tables' ? e.snapshot.node : ''))).toEqual(['a', 'b', 'c']);
  // After the last frame: they are the final tables.
  const lastFrame = Math.max(...recording.events.filter((e) => e.kind === 'frame').map((e) => e.seq));
  expect(Math.min(...end.map((e) => e.seq))).toBeGreaterThan(lastFrame);
});
