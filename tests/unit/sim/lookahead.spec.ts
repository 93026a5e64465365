/**
 * Goal: lock-step lookahead (harness/sim/page-side/lookahead.ts) saves round trips without changing a byte
 * of any recording: frames a node is certain to receive next ride with the delivery before them,
 * the node stops taking them at the first unsafe answer, and a prediction that does not hold
 * crashes the case instead of recording something plain lock-step would not. Method: in-process
 * hosts (bench-echo and the reference node), each run with lookahead on and off; the planner and
 * the safety test on hand-built inputs.
 */
import { test, expect } from '@playwright/test';
import { inProcessPorts, makePlan } from './_plans.js';
import { loadPlan } from './_scenario-recordings.js';
import { bytes, makeNet } from './_fake-nodes.js';
import { getDriver } from '../../../harness/drivers/index.js';
import { makeEchoPlan } from '../../../harness/page/bench-plans.js';
import type { LatencyModel, Plan } from '../../../harness/scenario/plan.js';
import { isSafeAnswer } from '../../../harness/sim/answer-safety.js';
import { planAhead } from '../../../harness/sim/page-side/lookahead.js';
import { runPlan } from '../../../harness/sim/page-side/run-steps.js';
import { SimRun, type HostPortFactory } from '../../../harness/sim/page-side/runner.js';
import type { HostEvent, NetAhead } from '../../../harness/sim/protocol.js';

const noDrivers = () => undefined;
let fakeWall = 0;
const wallMs = () => (fakeWall += 1);

async function record(plan: Plan, seed: number, driver: string, lookahead: boolean, makePort?: HostPortFactory) {
  const log: string[] = [];
  const run = new SimRun({ plan, seed, driver, lookahead, makePort: makePort ?? inProcessPorts(driver === 'reference' ? getDriver : noDrivers, log), wallMs });
  const recording = await runPlan(run);
  return { json: JSON.stringify(recording), run, requests: log.filter((l) => l.endsWith(':net')).length, recording };
}

test('bench-echo: most deliveries ride ahead in fewer requests, and the recording is byte-identical', async () => {
  const plan = makeEchoPlan(8, 30);
  const on = await record(plan, 1, 'bench-echo', true);
  const off = await record(plan, 1, 'bench-echo', false);
  expect(on.recording.outcome.end).not.toBe('crashed');
  expect(on.json).toBe(off.json);
  expect(on.run.deliveries).toBe(off.run.deliveries);
  expect(off.run.deliveredAhead).toBe(0);
  expect(off.requests).toBe(off.run.deliveries);
  // 8 frames bounce together: each instant, one request carries the whole burst.
  expect(on.run.deliveredAhead).toBeGreaterThan(on.run.deliveries * 0.8);
  expect(on.requests).toBe(on.run.deliveries - on.run.deliveredAhead);
});

for (const file of ['scenarios/values/values-echo.yaml', 'scenarios/forwarding/fixed-route-four-hops.yaml', 'scenarios/flush/interleaved-slots.yaml']) {
  test(`reference node, ${file}: same recording with and without lookahead, some frames taken ahead`, async () => {
    test.setTimeout(60_000);
    const plan = loadPlan(file);
    let ahead = 0;
    for (const seed of [1, 2, 3]) {
      const on = await record(plan, seed, 'reference', true);
      const off = await record(plan, seed, 'reference', false);
      expect(on.json, `seed ${seed}`).toBe(off.json);
      ahead += on.run.deliveredAhead;
    }
    expect(ahead).toBeGreaterThan(0);
  });
}

test('a frame wait counts labels per delivery: it runs without lookahead', async () => {
  const plan = makeEchoPlan(8, 30);
  plan.steps = [{ index: 0, where: 't', kind: 'wait', until: { kind: 'frame', label: 'none', source: null, target: null, since: 'step', count: 1 }, timeoutMs: 1e6 }];
  const { run } = await record(plan, 1, 'bench-echo', true);
  expect(run.deliveries).toBeGreaterThan(100);
  expect(run.deliveredAhead).toBe(0);
});

test('a host that answers frames nobody sent ahead crashes the case with a lookahead message', async () => {
  const plan = makeEchoPlan(4, 10);
  const honest = inProcessPorts(noDrivers);
  // Claims one answer more than the frames it was sent ahead (none, or a burst).
  const liar: HostPortFactory = (node, incarnation, driver) => {
    const port = honest(node, incarnation, driver);
    return {
      async request(command, nowMs) {
        const reply = await port.request(command, nowMs);
        return command.type === 'net' ? { ...reply, ahead: [...(reply.ahead ?? []), { outputs: [], events: [] }] } : reply;
      },
      terminate: () => port.terminate(),
    };
  };
  const { recording } = await record(plan, 1, 'bench-echo', true, liar);
  expect(recording.outcome.end).toBe('crashed');
  expect(recording.outcome.error?.message).toMatch(/lookahead/);
});

function burst(latency: LatencyModel) {
  const net = makeNet(1, ['a', 'b'], latency);
  net.apply('a', [{ type: 'connect', conn: 'a1', target: 'b' }]);
  for (let i = 0; i < 5; i++) net.apply('a', [{ type: 'write', conn: 'a1', bytes: bytes(i) }]);
  return net;
}

test('planner: a burst on one connection is predicted whole; a link that can take 0 ms, a send due first, or a bound stops it', () => {
  const fixed = burst({ kind: 'fixed', ms: 10 });
  expect(fixed.next()?.input.type).toBe('accept');
  const plan = planAhead(fixed, 'b', Infinity, Infinity)!;
  expect(plan.request.inputs.map((i) => (i.input.type === 'message' ? i.input.bytes[0] : -1))).toEqual([0, 1, 2, 3, 4]);
  expect(plan.request.horizonMs).toBe(10);
  expect(plan.request.safeConns).toEqual(['c1']);
  // Not the next receiver, a kickoff send due at the same instant, or a wait ending sooner.
  expect(planAhead(fixed, 'a', Infinity, Infinity)).toBeUndefined();
  expect(planAhead(fixed, 'b', Infinity, 10)).toBeUndefined();
  expect(planAhead(fixed, 'b', 9, Infinity)).toBeUndefined();
  // Normal latency is clamped at 0: an answer could land at this very instant, before the burst.
  const normal = burst({ kind: 'normal', msMean: 10, msStddev: 0 });
  normal.next();
  expect(planAhead(normal, 'b', Infinity, Infinity)).toBeUndefined();
});

test('planner: later frames only while each is queued strictly before every other event', () => {
  // A timer at b after the burst: the whole burst comes first whatever the tie-break keys.
  const later = burst({ kind: 'fixed', ms: 10 });
  later.apply('b', [{ type: 'timer-set', timer: 1, atMs: 20 }]);
  later.next();
  expect(planAhead(later, 'b', Infinity, Infinity)?.request.inputs).toHaveLength(5);
  // A timer at the burst's own instant: each later head gets a fresh key that may lose to it, so
  // only the head already queued ahead of the timer can be promised (a seed where it is).
  const seed = [1, 2, 3, 4, 5, 6, 7, 8].find((s) => {
    const net = makeNet(s, ['a', 'b'], { kind: 'fixed', ms: 10 });
    net.apply('a', [{ type: 'connect', conn: 'a1', target: 'b' }]);
    for (let i = 0; i < 5; i++) net.apply('a', [{ type: 'write', conn: 'a1', bytes: bytes(i) }]);
    net.next();
    net.apply('b', [{ type: 'timer-set', timer: 1, atMs: 10 }]);
    return net.queue.peek()?.value.kind === 'pipe' && planAhead(net, 'b', Infinity, Infinity)?.request.inputs.length === 1;
  });
  expect(seed).toBeDefined();
});

test('safety test: only writes on safe connections, timers after the horizon and events that no wait reads', () => {
  const ahead: NetAhead = { inputs: [], safeConns: ['c1'], horizonMs: 10 };
  const safe = new Set(ahead.safeConns);
  const write = (conn: string) => ({ type: 'write' as const, conn, bytes: bytes(1) });
  const nodeEvent: HostEvent = { kind: 'node', event: { type: 'session-open', peer: 'a', sessionId: 'x' } };
  expect(isSafeAnswer([write('c1'), { type: 'timer-set', timer: 1, atMs: 11 }, { type: 'timer-cancel', timer: 2 }], [nodeEvent], ahead, safe)).toBe(true);
  expect(isSafeAnswer([write('c2')], [], ahead, safe)).toBe(false);
  expect(isSafeAnswer([{ type: 'timer-set', timer: 1, atMs: 10 }], [], ahead, safe)).toBe(false);
  expect(isSafeAnswer([{ type: 'connect', conn: 'b1', target: 'a' }], [], ahead, safe)).toBe(false);
  expect(isSafeAnswer([{ type: 'close', conn: 'c1' }], [], ahead, safe)).toBe(false);
  expect(isSafeAnswer([], [{ kind: 'node', event: { type: 'mark', name: 'm' } }], ahead, safe)).toBe(false);
  expect(isSafeAnswer([], [{ kind: 'app', event: { event: 'settled', kickoff: 'k', outcome: 'fulfilled' } as never }], ahead, safe)).toBe(false);
});

test('two bursts into one node over 1..3 ms random links interleave the same with and without lookahead', async () => {
  const plan = makePlan({
    nodes: { a: [], b: [], c: [] },
    latency: { kind: 'uniform', msMin: 1, msMax: 3 },
    kickoffs: [
      { name: 'ab', from: 'a', args: [15], count: 4, everyMs: 0 },
      { name: 'cb', from: 'c', args: [15], count: 4, everyMs: 0 },
    ],
  });
  for (const seed of [1, 2, 3, 4]) {
    const on = await record(plan, seed, 'bench-echo', true);
    const off = await record(plan, seed, 'bench-echo', false);
    expect(on.json, `seed ${seed}`).toBe(off.json);
  }
});
