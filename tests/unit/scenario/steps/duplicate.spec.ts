/**
 * Goal: the `duplicate` fault, whole — the language accepts it and refuses a frame that goes
 * nowhere, the explore writer gives it back, and in a run the network puts the next matching frame
 * on the wire twice, announced, so the receiver gets it twice (and the reference node aborts on
 * the replayed question).
 * Method: a two-node echo scenario duplicating alice's op:deliver, run in-process with the
 * reference node (real Syrup bytes, real sessions); the recording is read frame by frame.
 */
import { expect, test } from '@playwright/test';
import { getDriver } from '../../../../harness/drivers/index.js';
import { planToScenarioYaml } from '../../../../harness/explore/to-scenario.js';
import { parseScenario } from '../../../../harness/scenario/load.js';
import type { Plan } from '../../../../harness/scenario/plan.js';
import { runPlan } from '../../../../harness/sim/page-side/run-steps.js';
import { SimRun } from '../../../../harness/sim/page-side/runner.js';
import { inProcessPorts } from '../../sim/_plans.js';

const scenario = (to: string) => `
id: duplicate-deliver
title: alice's op:deliver reaches bob twice
topology:
  nodes:
    alice: {}
    bob:
      apps:
        echo: { app: echo }
kickoffs:
  - { name: hello, from: alice, target: bob.echo, method: greet, args: [hi] }
steps:
  - duplicate: { source: alice, target: ${to}, frame: op:deliver }
  - wait: quiescent
`;

function plan(text: string): Plan {
  const result = parseScenario(text, 'duplicate.yaml', () => '');
  if (!result.plan) throw new Error(result.errors.map((e) => e.message).join('; '));
  return result.plan;
}

test('duplicate: the language takes it, refuses a frame to its own sender, and writes it back', () => {
  const p = plan(scenario('bob'));
  expect(p.steps[0]).toMatchObject({ kind: 'duplicate', source: 'alice', target: 'bob', frame: 'op:deliver' });
  const bad = parseScenario(scenario('alice'), 'duplicate.yaml', () => '');
  expect(bad.errors?.map((e) => e.message)).toEqual([expect.stringContaining('a frame travels between two different nodes (got alice twice)')]);
  const back = plan(planToScenarioYaml(p));
  expect(back.steps.map(({ where: _w, ...s }) => s)).toEqual(p.steps.map(({ where: _w, ...s }) => s));
});

test('duplicate: the next op:deliver alice sends bob is on the wire twice, announced, and bob gets both', async () => {
  let wall = 0;
  const p = plan(scenario('bob'));
  const recording = await runPlan(new SimRun({ plan: p, seed: 1, driver: 'reference', makePort: inProcessPorts(getDriver), wallMs: () => (wall += 1) }));
  const fault = recording.events.find((e) => e.kind === 'fault');
  expect(fault).toMatchObject({ fault: 'duplicate', nodes: ['alice', 'bob'] });
  const sent = recording.events.flatMap((e) => (e.kind === 'frame' && e.phase === 'sent' && e.source === 'alice' ? [e] : []));
  const twice = sent.filter((e) => e.bytesHex === sent.find((f) => fault?.kind === 'fault' && fault.detail?.startsWith(`frame ${f.frame} `))?.bytesHex);
  expect(twice).toHaveLength(2);
  expect(twice[1].frame).toBe(twice[0].frame + 1);
  expect(twice[1].index).toBe(twice[0].index + 1);
  expect(fault?.kind === 'fault' && fault.detail).toBe(`frame ${twice[0].frame} (op:deliver): sent twice`);
  const delivered = recording.events.filter((e) => e.kind === 'frame' && e.phase === 'delivered' && twice.some((t) => t.frame === e.frame));
  expect(delivered).toHaveLength(2);
  // The reference node refuses the replayed question (its answer position is taken) and aborts.
  expect(recording.outcome.results.hello).toMatchObject({ outcome: 'broken', reason: expect.stringContaining('answer 1 is already in use') });
  // Without the fault the same run sends each frame once.
  const clean = { ...p, steps: p.steps.filter((s) => s.kind !== 'duplicate').map((s, index) => ({ ...s, index })) };
  const plain = await runPlan(new SimRun({ plan: clean, seed: 1, driver: 'reference', makePort: inProcessPorts(getDriver), wallMs: () => (wall += 1) }));
  const bytes = plain.events.flatMap((e) => (e.kind === 'frame' && e.phase === 'sent' ? [e.bytesHex] : []));
  expect(new Set(bytes).size).toBe(bytes.length);
});
