// Goal: `sometimes: {violated: <check>}` (a weakness a design is expected to show) is hit by a
// seed where that check is violated, and that violation never fails the case; the same run
// without the entry fails on it. Method: the forwarder-reorders mutant on the four-hop route
// (perRefFifo violated), run in-process and judged by the runner's judge.
import { test, expect } from '@playwright/test';
import { inProcessPorts } from '../sim/_plans.js';
import { getDriver } from '../../../harness/drivers/index.js';
import { judgeCase } from '../../../harness/case/judge.js';
import { runPlan } from '../../../harness/sim/page-side/run-steps.js';
import { SimRun } from '../../../harness/sim/page-side/runner.js';
import type { Plan } from '../../../harness/scenario/plan.js';
import { packPlan, withExpect } from './_run.js';

async function reordered(plan: Plan) {
  let wall = 0;
  const run = new SimRun({ plan, seed: plan.seeds[0], driver: 'forwarder-reorders', makePort: inProcessPorts(getDriver), wallMs: () => (wall += 1) });
  return judgeCase(plan, await runPlan(run));
}

test('a violated check the plan expects sometimes is a hit, not a failure', async () => {
  const base = packPlan('scenarios/forwarding/fixed-route-four-hops.yaml');
  const plain = await reordered(withExpect(base, { checks: ['noLoss'] }));
  expect(plain.failures).toEqual([]);
  const strict = await reordered(withExpect(base, { checks: ['perRefFifo', 'noLoss'] }));
  expect(strict.failures[0]).toMatch(/^perRefFifo violated: /);
  const weak = await reordered(withExpect(base, { checks: ['noLoss'], sometimes: [{ kind: 'violated', name: 'perRefFifo', description: '' }] }));
  expect(weak.failures).toEqual([]);
  expect(weak.sometimes).toEqual(['violated:perRefFifo']);
  expect(weak.checks.verdicts.find((v) => v.name === 'perRefFifo')?.verdict).toBe('violated');
  expect(weak.overall).toBe('holds');
});
