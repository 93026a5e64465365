// Goal: forwarderOrder holds when a forwarder passes calls on in arrival order and catches the
// `forwarder-reorders` defect (two consecutive calls swapped).
import { test, expect } from '@playwright/test';
import { runChecker } from '../../../harness/checks/verdict.js';
import { forwarderOrder } from '../../../harness/checks/forwarder-order.js';
import { TranscriptBuilder, tag } from './_transcript-builder.js';

function forwarder(forwardOrder: number[]) {
  const b = new TranscriptBuilder();
  for (const n of [1, 2]) b.dispatch('b', tag('a', 'p1', n));
  for (const n of forwardOrder) b.forwarded('b', tag('a', 'p1', n));
  return b.build();
}

test('holds when calls are forwarded in the order received', () => {
  expect(runChecker(forwarderOrder, forwarder([1, 2]))).toMatchObject({ verdict: 'holds', exercised: 1 });
});

test('violated when the forwarder swaps two calls', () => {
  const v = runChecker(forwarderOrder, forwarder([2, 1]));
  expect(v.verdict).toBe('violated');
  expect(v.explanation).toBe("forwarderOrder violated: b forwarded a's #1 on p1 after #2 though it received #1 first");
});

test('unknown when nothing was forwarded', () => {
  expect(runChecker(forwarderOrder, new TranscriptBuilder().build()).verdict).toBe('unknown');
});
