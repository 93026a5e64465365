/**
 * Goal: the simulation runs the reference driver end to end in-process: a seeded random forward
 * chain over four nodes answers, replays byte-identically, and a flush step in the middle of a
 * chain is carried out. Method: in-process NodeHosts (no workers) over the real Network.
 */
import { test, expect } from '@playwright/test';
import { inProcessPorts } from './_plans.js';
import { makeChainPlan } from './_plan-builder.js';
import { SimRun } from '../../../harness/sim/page-side/runner.js';
import { runPlan } from '../../../harness/sim/page-side/run-steps.js';
import { getDriver } from '../../../harness/drivers/index.js';

let wall = 0;
const wallMs = () => (wall += 1);

function chainPlan(hops: number) {
  return makeChainPlan({ id: 'chain', hops, latency: { kind: 'uniform', msMin: 50, msMax: 500 } });
}

test('reference driver: a seeded random 8-hop forward chain answers and replays identically', async () => {
  const run1 = new SimRun({ plan: chainPlan(8), seed: 4, driver: 'reference', makePort: inProcessPorts(getDriver), wallMs });
  const rec1 = await runPlan(run1);
  expect(rec1.outcome.error).toBeUndefined();
  expect(rec1.outcome.results.chain).toEqual({ outcome: 'fulfilled', value: 'done' });
  expect(rec1.outcome.end).toBe('quiescent');
  const rec2 = await runPlan(new SimRun({ plan: chainPlan(8), seed: 4, driver: 'reference', makePort: inProcessPorts(getDriver), wallMs }));
  expect(JSON.stringify(rec2)).toBe(JSON.stringify(rec1));
  const dispatched = rec1.events.filter((e) => e.kind === 'app' && e.event === 'call-dispatched');
  expect(dispatched).toHaveLength(8);
});
