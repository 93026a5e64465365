/**
 * Goal: a `wait` that never happens fails the case (the schema promises it), naming the step's
 * `file:line:col`; the rest of the run is still judged. Method: a real two-node scenario written
 * inline, run in-process: a wait for a frame no one sends, with a short `timeoutMs`, against the
 * same scenario waiting for a frame that does come.
 */
import { test, expect } from '@playwright/test';
import { inlinePlan, judged } from './_run.js';
import { echoThenWait } from './_echo-wait.js';

const scenario = (wait: string) => echoThenWait({ id: 'wait-test', title: "alice calls bob's echo, then waits", wait });

test('a wait with timeoutMs that never matches fails the case with the step file:line:col', async () => {
  const j = await judged(inlinePlan(scenario('wait: { frame: op:flush, timeoutMs: 200 }'), 'scenarios/wait-test.yaml'));
  expect(j.failures).toHaveLength(1);
  expect(j.failures[0]).toMatch(/^scenarios\/wait-test\.yaml:19:5: wait for frame op:flush \(timeoutMs 200\) never happened: wait timed out at \d+ ms;/);
  // Everything else was still judged: the call itself came back.
  expect(j.expectations.map((v) => v.verdict)).toEqual(['holds']);
});

test('a wait that is reached does not fail the case', async () => {
  const j = await judged(inlinePlan(scenario('wait: { frame: op:deliver, timeoutMs: 200 }'), 'scenarios/wait-test.yaml'));
  expect(j.failures).toEqual([]);
});
