// Goal: noDuplicates holds for distinct dispatches and catches a call dispatched twice at a node.
import { test, expect } from '@playwright/test';
import { runChecker } from '../../../harness/checks/verdict.js';
import { noDuplicates } from '../../../harness/checks/no-duplicates.js';
import { TranscriptBuilder, tag } from './_transcript-builder.js';

test('holds for distinct calls, and violated for a replayed one', () => {
  const b = new TranscriptBuilder();
  b.dispatch('c', tag('a', 'p1', 1));
  b.dispatch('c', tag('a', 'p1', 2));
  expect(runChecker(noDuplicates, b.build())).toMatchObject({ verdict: 'holds', exercised: 2 });
  b.fault('restart-keep', ['c']);
  b.dispatch('c', tag('a', 'p1', 2));
  expect(runChecker(noDuplicates, b.build()).explanation).toBe("noDuplicates violated: c dispatched a's #2 on p1 twice");
});

test('a route that brings a call back to a node is not a duplicate; a replay on it is', () => {
  const b = new TranscriptBuilder();
  const t1 = tag('a', 'p1', 1);
  b.dispatch('b', t1);
  b.app('b', 'call-forwarded', { tag: t1, value: 'c' });
  b.dispatch('c', t1);
  b.app('c', 'call-forwarded', { tag: t1, value: 'b' });
  b.dispatch('b', t1);
  expect(runChecker(noDuplicates, b.build()).verdict).toBe('holds');
  b.dispatch('b', t1);
  expect(runChecker(noDuplicates, b.build()).verdict).toBe('violated');
});

test('a forwarded hop spends its forward, not the first hop of a later kickoff with the same tag (found on kill-node-mid-chain)', () => {
  const b = new TranscriptBuilder();
  const t1 = tag('a', 'p1', 1);
  b.originate('a', t1, 'first');
  b.dispatch('b', t1);
  b.app('b', 'call-forwarded', { tag: t1, value: 'c' });
  b.dispatch('c', t1);
  b.originate('a', t1, 'second');
  b.dispatch('b', t1);
  expect(runChecker(noDuplicates, b.build()).verdict).toBe('holds');
  b.dispatch('b', t1);
  expect(runChecker(noDuplicates, b.build()).verdict).toBe('violated');
});
