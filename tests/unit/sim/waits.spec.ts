/**
 * Goal: event waits count what they are told to — frames, marks and kickoff dispatches after the
 * wait starts (since: step, the default) or since the run started (since: start), up to the Nth
 * match (count) — and a kickoff wait follows one kickoff's sends only.
 * Method: stopFor over a SimRun's event logs (the only state it reads), appended to as a run would.
 */
import { test, expect } from '@playwright/test';
import { stopFor } from '../../../harness/sim/page-side/run-steps.js';
import type { SimRun } from '../../../harness/sim/page-side/runner.js';
import type { PlanWait } from '../../../harness/scenario/plan.js';

function logs() {
  return {
    deliveredLabels: [] as { label: string; source: string; target: string }[],
    markLog: [] as string[],
    dispatchLog: [] as { kickoff: string; n: number }[],
  };
}
const asRun = (l: ReturnType<typeof logs>) => l as unknown as SimRun;
const flush = { label: 'op:flush', source: 'alice', target: 'bob' };

test('a frame wait with since: step ignores frames delivered before it started', () => {
  const l = logs();
  l.deliveredLabels.push(flush);
  const until: PlanWait = { kind: 'frame', label: 'op:flush', source: null, target: null, since: 'step', count: 1 };
  const stop = stopFor(asRun(l), until);
  expect(stop()).toBe(false);
  l.deliveredLabels.push({ ...flush, label: 'op:deliver' });
  expect(stop()).toBe(false);
  l.deliveredLabels.push(flush);
  expect(stop()).toBe(true);
});

test('since: start counts frames from the start of the run; source and target narrow', () => {
  const l = logs();
  l.deliveredLabels.push(flush);
  expect(stopFor(asRun(l), { kind: 'frame', label: 'op:flush', source: null, target: null, since: 'start', count: 1 })()).toBe(true);
  expect(stopFor(asRun(l), { kind: 'frame', label: 'op:flush', source: 'bob', target: null, since: 'start', count: 1 })()).toBe(false);
});

test('count: N waits for the Nth match (marks)', () => {
  const l = logs();
  const stop = stopFor(asRun(l), { kind: 'mark', mark: 'm', since: 'step', count: 3 });
  l.markLog.push('m', 'other', 'm');
  expect(stop()).toBe(false);
  l.markLog.push('m');
  expect(stop()).toBe(true);
});

test('a kickoff wait counts that kickoff’s dispatched sends only', () => {
  const l = logs();
  const stop = stopFor(asRun(l), { kind: 'kickoff', kickoff: 'z', since: 'step', count: 2 });
  l.dispatchLog.push({ kickoff: 'z', n: 1 }, { kickoff: 'w', n: 1 });
  expect(stop()).toBe(false);
  l.dispatchLog.push({ kickoff: 'z', n: 2 });
  expect(stop()).toBe(true);
});
