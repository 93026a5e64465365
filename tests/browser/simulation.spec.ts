/**
 * Goal: the simulation in the real page: one module Web Worker per node running the reference
 * driver, frames relayed by the page in lock-step under virtual time. Shows replay (same seed ⇒
 * byte-identical recording), seed sensitivity, speed under simulated latency, kill + restart, and
 * a flush in the middle of a chain. Method: `window.ocapnHarness` driven with code-built Plans.
 */
import { test, expect, type Page } from '@playwright/test';
import { HOP as hop, makeChainPlan, makePlan } from '../unit/sim/_plan-builder.js';
import type { Plan, PlanStep } from '../../harness/scenario/plan.js';
import type { Recording } from '../../harness/sim/recording.js';

const uniform = { kind: 'uniform', msMin: 50, msMax: 500 } as const;

function chainPlan(hops: number, count = 1, steps: PlanStep[] = []): Plan {
  return makeChainPlan({ id: 'browser-chain', hops, latency: uniform, count, steps });
}

async function open(page: Page): Promise<void> {
  await page.goto('/');
  await expect(page.locator('#status')).toHaveText('ready');
}

async function runPlan(page: Page, plan: Plan, seed: number, driver = 'reference'): Promise<Recording> {
  // Typed loosely across the evaluate boundary: Playwright's serialisable-type mapping of the
  // whole Recording type is too deep for tsc (TS2589).
  const input = JSON.stringify({ plan, seed, driver });
  const json: string = await page.evaluate(async (s) => JSON.stringify(await window.ocapnHarness.runPlan(JSON.parse(s))), input);
  return JSON.parse(json) as Recording;
}

/** Which node each tagged call was dispatched at, in dispatch order. */
function dispatchOrder(recording: Recording): string[] {
  return recording.events.flatMap((e) => (e.kind === 'app' && e.event === 'call-dispatched' ? [`${e.node}#${e.tag?.n}`] : []));
}

test('same plan and seed twice: byte-identical recordings from real workers', async ({ page }) => {
  await open(page);
  const one = await runPlan(page, chainPlan(6, 3), 21);
  const two = await runPlan(page, chainPlan(6, 3), 21);
  expect(one.outcome.error).toBeUndefined();
  expect(one.outcome.results.chain).toEqual({ outcome: 'fulfilled', value: 'done' });
  expect(JSON.stringify(two)).toBe(JSON.stringify(one));
  expect(one.events.filter((e) => e.kind === 'frame' && e.phase === 'sent').length).toBeGreaterThan(20);
});

test('a reset worker serves a node as a fresh one does: the same case after other cases in the page records the same bytes', async ({ page }) => {
  await open(page);
  const counts = () => page.evaluate(() => window.ocapnHarness.workerCounts());
  const fresh = await runPlan(page, chainPlan(5, 3), 4);
  const afterFresh = await counts();
  expect(afterFresh.reused).toBe(0);
  // Kill, restart and a flush leave the most behind in a node; each ends its workers' nodes.
  await runPlan(page, killRestartPlan(), 3);
  const again = await runPlan(page, chainPlan(5, 3), 4);
  const end = await counts();
  // Every node of the last two cases ran in a reset worker, none in a new one: four nodes and
  // carol's second incarnation, then four nodes.
  expect(end.started).toBe(afterFresh.started);
  expect(end.reused).toBe(5 + 4);
  expect(JSON.stringify(again)).toBe(JSON.stringify(fresh));
});

test('a different seed changes routes and interleaving', async ({ page }) => {
  await open(page);
  const orders = new Set<string>();
  for (const seed of [1, 2, 3]) orders.add(dispatchOrder(await runPlan(page, chainPlan(5, 3), seed)).join(' '));
  expect(orders.size).toBeGreaterThan(1);
});

// Wall time is a performance figure: `npm run bench -- sim` reports it; a timed assertion here
// would fail on a loaded machine and prove nothing about correctness.
test('a 4-node forward(8) chain over 50..500 ms links runs on virtual time and answers', async ({ page }) => {
  await open(page);
  const recording = await runPlan(page, chainPlan(8), 7);
  expect(recording.outcome.results.chain).toEqual({ outcome: 'fulfilled', value: 'done' });
  const lastAt = recording.events[recording.events.length - 1].atMs;
  // Eight hops of 50..500 ms each way: seconds of simulated time, whatever the wall clock did.
  expect(lastAt).toBeGreaterThan(800);
  await expect(page.locator('#status')).toContainText('quiescent');
});

function killRestartPlan(): Plan {
  return makePlan({
    id: 'kill-restart',
    nodes: { alice: [], bob: [hop], carol: [hop], dave: [hop] },
    latency: { kind: 'uniform', msMin: 10, msMax: 30 },
    kickoffs: [
      { name: 'doomed', from: 'alice', target: { kind: 'sturdyref', node: 'bob', object: 'hop', swiss: 'hop' }, targetNode: 'bob', method: 'forward', args: ['lost'], route: { kind: 'fixed', nodes: ['bob', 'carol', 'dave'] }, count: 3 },
      { name: 'again', from: 'alice', target: { kind: 'sturdyref', node: 'bob', object: 'hop', swiss: 'hop' }, targetNode: 'bob', method: 'forward', args: ['back'], route: { kind: 'fixed', nodes: ['bob', 'carol', 'dave'] }, at: 'step' },
    ],
    steps: [
      { index: 0, where: 't', kind: 'wait', until: { kind: 'time', untilMs: 45 }, timeoutMs: 1e9 },
      { index: 1, where: 't', kind: 'kill', node: 'carol' },
      { index: 2, where: 't', kind: 'wait', until: { kind: 'quiescent' }, timeoutMs: 10_000 },
      { index: 3, where: 't', kind: 'restart', node: 'carol', mode: 'fresh' },
      { index: 4, where: 't', kind: 'kickoff', kickoff: 'again' },
      { index: 5, where: 't', kind: 'wait', until: { kind: 'settled', name: 'again' }, timeoutMs: 10_000 },
    ],
  });
}

test('kill a mid-chain node, restart it fresh, and a new chain through it answers', async ({ page }) => {
  await open(page);
  const plan = killRestartPlan();
  const recording = await runPlan(page, plan, 3);
  expect(recording.outcome.error).toBeUndefined();
  expect(recording.outcome.results.again).toEqual({ outcome: 'fulfilled', value: 'back' });
  expect(recording.outcome.results.doomed.outcome).toBe('broken');
  const faults = recording.events.filter((e) => e.kind === 'fault').map((e) => e.kind === 'fault' && e.fault);
  expect(faults).toEqual(['kill', 'restart-fresh']);
  const killSeq = recording.events.find((e) => e.kind === 'fault')!.seq;
  const restartSeq = recording.events.find((e) => e.kind === 'fault' && e.fault === 'restart-fresh')!.seq;
  // Nothing reaches carol between her death and her new incarnation.
  const toDeadCarol = recording.events.filter((e) => e.seq > killSeq && e.seq < restartSeq && e.kind === 'frame' && e.phase === 'delivered' && e.target === 'carol');
  expect(toDeadCarol).toEqual([]);
});

test('a flush in the middle of a chain is carried out and the chain still answers', async ({ page }) => {
  await open(page);
  const plan = makePlan({
    id: 'flush-mid-chain',
    nodes: { alice: [], bob: [hop], carol: [hop], dave: [hop] },
    latency: { kind: 'uniform', msMin: 20, msMax: 60 },
    kickoffs: [
      { name: 'chain', from: 'alice', target: { kind: 'sturdyref', node: 'bob', object: 'hop', swiss: 'hop' }, targetNode: 'bob', method: 'forward', args: ['done'], route: { kind: 'fixed', nodes: ['bob', 'carol', 'dave', 'bob', 'carol'] } },
    ],
    steps: [
      { index: 0, where: 't', kind: 'wait', until: { kind: 'time', untilMs: 150 }, timeoutMs: 1e9 },
      { index: 1, where: 't', kind: 'flush', node: 'alice', peer: 'bob', ref: { kind: 'kickoff', kickoff: 'chain' }, name: 'flushed' },
      { index: 2, where: 't', kind: 'wait', until: { kind: 'quiescent' }, timeoutMs: 60_000 },
    ],
  });
  const recording = await runPlan(page, plan, 5);
  expect(recording.outcome.error).toBeUndefined();
  expect(recording.outcome.results.chain).toEqual({ outcome: 'fulfilled', value: 'done' });
  expect(recording.outcome.results.flushed).toBeDefined();
  const stepEvents = recording.events.filter((e) => e.kind === 'step');
  expect(stepEvents.map((e) => e.kind === 'step' && e.step.split(' ')[0])).toEqual(['wait', 'flush', 'wait']);
  expect(recording.events.find((e) => e.kind === 'step' && e.step.startsWith('flush'))!.atMs).toBe(150);
});

test('a worker that cannot make its node fails the run with node, virtual time, seed and replay', async ({ page }) => {
  await open(page);
  const recording = await runPlan(page, chainPlan(2), 8, 'no-such-driver');
  expect(recording.outcome.end).toBe('crashed');
  expect(recording.outcome.error?.message).toContain('crashed at 0 ms virtual (seed 8)');
  expect(recording.outcome.error?.replay).toBe('npx ocapn-conformance run browser-chain --seed 8 --driver no-such-driver');
  await expect(page.locator('#status')).toContainText('crashed');
});
