/**
 * Goal: the simulation runs the project's own scenario files end to end with the reference
 * driver and the outcomes match what each scenario's `expect.results` states (values exactly;
 * broken as broken; pending as pending), and replays byte-identically. Method: the scenario loader
 * (harness/scenario) → Plan → SimRun with in-process hosts. Flush scenarios are left to the
 * conformance project: they need the driver to flush a call's result promise.
 */
import { test, expect } from '@playwright/test';
import { inProcessPorts } from './_plans.js';
import { loadScenario } from '../../../harness/scenario/load.js';
import { getDriver } from '../../../harness/drivers/index.js';
import { SimRun } from '../../../harness/sim/page-side/runner.js';
import { runPlan } from '../../../harness/sim/page-side/run-steps.js';
import type { Plan } from '../../../harness/scenario/plan.js';

let wall = 0;
const wallMs = () => (wall += 1);

function load(file: string): Plan {
  const result = loadScenario(`scenarios/${file}`);
  if (!result.plan) throw new Error(`${file}: ${result.errors.map((e) => e.message).join('; ')}`);
  return result.plan;
}

async function run(plan: Plan, seed = plan.seeds[0]) {
  return runPlan(new SimRun({ plan, seed, driver: 'reference', makePort: inProcessPorts(getDriver), wallMs }));
}

for (const file of [
  'basics/deliver-echo.yaml',
  'basics/listen-holder.yaml',
  'basics/pipelining-counter.yaml',
  'basics/break-thrower.yaml',
  'basics/abort-bad-signature.yaml',
  'basics/gc-release-import.yaml',
  'basics/gc-refetch-after-release.yaml',
  'values/values-echo.yaml',
  'forwarding/random-route-two-to-six-hops.yaml',
  'flush/kill-node-mid-chain.yaml',
]) {
  test(`scenario ${file}: results as expected, same recording twice`, async () => {
    const plan = load(file);
    const recording = await run(plan);
    expect(recording.outcome.error).toBeUndefined();
    for (const want of plan.expect.results) {
      const got = recording.outcome.results[want.name];
      if (want.kind === 'fulfilled') expect(got, want.name).toEqual({ outcome: 'fulfilled', value: want.value });
      else expect(got?.outcome, want.name).toBe(want.kind);
    }
    expect(JSON.stringify(await run(plan))).toBe(JSON.stringify(recording));
  });
}

test('corrupt step: the signature of the start-session is altered on the wire and announced', async () => {
  const recording = await run(load('basics/abort-bad-signature.yaml'));
  const fault = recording.events.find((e) => e.kind === 'fault');
  expect(fault).toMatchObject({ fault: 'corrupt', nodes: ['alice', 'bob'] });
  expect(fault?.kind === 'fault' && fault.detail).toMatch(/^frame 1 \(op:start-session\): signature byte \d+ flipped$/);
  expect(recording.outcome.results.hello.reason).toContain('invalid location signature');
});

test('release step: the exporter’s slot for the released import is gone afterwards', async () => {
  const recording = await run(load('basics/gc-release-import.yaml'));
  const tables = recording.events.filter((e) => e.kind === 'tables');
  const exportsOf = (i: number) => (tables[i].kind === 'tables' ? tables[i].snapshot.sessions[0].exports.map((x) => x.position) : []);
  expect(exportsOf(0)).toContain(1);
  expect(exportsOf(tables.length - 1)).not.toContain(1);
});

test('forwarder-reorders mutant: the worker host plants the defect, so calls reach the end out of order', async () => {
  const plan = load('forwarding/fixed-route-four-hops.yaml');
  const orderAtErin = async (driver: string) => {
    const recording = await runPlan(new SimRun({ plan, seed: 1, driver, makePort: inProcessPorts(getDriver), wallMs }));
    return recording.events.flatMap((e) => (e.kind === 'app' && e.event === 'call-dispatched' && e.node === 'erin' ? [e.tag?.n] : []));
  };
  expect(await orderAtErin('reference')).toEqual([1, 2, 3, 4, 5]);
  const mutant = await orderAtErin('forwarder-reorders');
  expect([...mutant].sort()).toEqual([1, 2, 3, 4, 5]);
  expect(mutant).not.toEqual([1, 2, 3, 4, 5]);
});

test('stop then restart keep: the stopped node closes its connections gracefully and comes back', async () => {
  const plan = load('flush/kill-node-mid-chain.yaml');
  // Stop later than the scenario kills (carol has live connections by then), restart keeping state.
  plan.steps = plan.steps.map((s) =>
    s.kind === 'kill'
      ? { ...s, kind: 'stop' as const }
      : s.kind === 'restart'
        ? { ...s, mode: 'keep' as const }
        : s.kind === 'wait' && s.until.kind === 'time'
          ? { ...s, until: { kind: 'time' as const, untilMs: 130 } }
          : s,
  );
  const recording = await run(plan);
  expect(recording.outcome.error).toBeUndefined();
  const stop = recording.events.find((e) => e.kind === 'fault' && e.fault === 'stop')!;
  const closes = recording.events.filter((e) => e.seq > stop.seq && e.kind === 'connection' && e.event === 'close' && e.reason === 'closed by carol');
  expect(closes.length).toBeGreaterThan(0);
  // Graceful: nothing carol wrote before stopping was dropped.
  expect(recording.events.filter((e) => e.kind === 'frame' && e.phase === 'dropped' && e.source === 'carol')).toEqual([]);
  expect(recording.events.some((e) => e.kind === 'fault' && e.fault === 'restart-keep')).toBe(true);
  expect(recording.outcome.results.again).toEqual({ outcome: 'fulfilled', value: 'back' });
});
