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

test('a wait that ends unreached because the run went quiet says so, not "raise its timeoutMs"', async () => {
  // Nothing will ever send op:flush: the run is idle long before the 60 s timeout.
  const j = await judged(inlinePlan(scenario('wait: { frame: op:flush, timeoutMs: 60000 }'), 'scenarios/wait-test.yaml'));
  expect(j.failures).toHaveLength(1);
  expect(j.failures[0]).toMatch(/never happened: wait timed out at (\d+) ms; the run went quiet at \1 ms, before its timeout \(\d+ ms\)/);
  expect(j.failures[0]).not.toContain('raise its timeoutMs');
});

test('a free run stopped at its wall deadline is one failure naming what was still busy (not a crash)', async () => {
  const { wallDeadlines } = await import('../../../harness/case/judge.js');
  const { WALL_DEADLINE_NOTE } = await import('../../../harness/sim/recording.js');
  const note = `${WALL_DEADLINE_NOTE} wall deadline (60000 ms real time) passed at 60000 ms while waiting for {"kind":"quiescent"}; still busy: 1 host turn(s) not answered`;
  const events = [{ seq: 0, atMs: 5, kind: 'step', index: 2, step: note }] as never;
  const t = { header: {} as never, nodes: [], links: [], outcome: { end: 'deadline', results: {} }, events } as never;
  expect(wallDeadlines(t)).toEqual([`free run ${note}; the steps after it did not run`]);
  expect(wallDeadlines({ ...(t as object), events: [] } as never)).toEqual([]);
});
