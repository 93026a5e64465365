// Goal: noLoss holds when every originated call reaches its final target once (forwarders do not
// count), catches a lost or doubled call, and abstains on faulty or unfinished runs.
import { test, expect } from '@playwright/test';
import { runChecker } from '../../../harness/checks/verdict.js';
import { noLoss } from '../../../harness/checks/no-loss.js';
import { TranscriptBuilder, tag } from './_transcript-builder.js';

function run(dispatchAtTarget: number[]) {
  const b = new TranscriptBuilder();
  for (const n of [1, 2]) b.originate('a', tag('a', 'p1', n));
  for (const n of [1, 2]) {
    b.dispatch('b', tag('a', 'p1', n));
    b.forwarded('b', tag('a', 'p1', n));
  }
  for (const n of dispatchAtTarget) b.dispatch('c', tag('a', 'p1', n));
  return b;
}

test('holds when each call is dispatched once at the final target', () => {
  expect(runChecker(noLoss, run([1, 2]).build())).toMatchObject({ verdict: 'holds', exercised: 2 });
});

test('violated when a call never reaches its target', () => {
  const v = runChecker(noLoss, run([1]).build());
  expect(v.explanation).toMatch(/^noLoss violated: a's #2 on p1 \(originated at event \d+\) was forwarded but never dispatched at a final target$/);
  const b = new TranscriptBuilder();
  b.originate('a', tag('a', 'p1', 1));
  expect(runChecker(noLoss, b.build()).explanation).toContain('was never dispatched');
});

test('a route that revisits a node still counts one final dispatch', () => {
  const b = new TranscriptBuilder();
  b.originate('a', tag('a', 'p1', 1));
  for (const node of ['b', 'c', 'b']) {
    b.dispatch(node, tag('a', 'p1', 1));
    b.app(node, 'call-forwarded', { tag: tag('a', 'p1', 1), value: node === 'b' ? 'c' : 'b' });
  }
  b.dispatch('c', tag('a', 'p1', 1));
  expect(runChecker(noLoss, b.build())).toMatchObject({ verdict: 'holds', exercised: 1 });
});

test('violated when a call is dispatched twice', () => {
  expect(runChecker(noLoss, run([1, 2, 2]).build()).explanation).toContain('was dispatched 2 times at a final target');
});

test('unknown after a fault or without quiescence', () => {
  const faulty = run([1]);
  faulty.fault('kill', ['c']);
  expect(runChecker(noLoss, faulty.build()).verdict).toBe('unknown');
  const late = run([1]);
  late.end = 'deadline';
  expect(runChecker(noLoss, late.build()).verdict).toBe('unknown');
});

test('a call whose promise broke may be undispatched; a fetch (no method) is not counted', () => {
  const b = new TranscriptBuilder();
  b.app('a', 'call-originated', { tag: tag('a', 'b.x', 1), kickoff: 'fetch' });
  b.originate('a', tag('a', 'p', 1), 'after');
  b.app('a', 'settled', { tag: tag('a', 'p', 1), kickoff: 'after', outcome: 'broken', reason: 'no such thing' });
  b.originate('a', tag('a', 'q', 1), 'ok');
  b.dispatch('b', tag('a', 'q', 1));
  expect(runChecker(noLoss, b.build())).toMatchObject({ verdict: 'holds', exercised: 2 });
});
