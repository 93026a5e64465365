// Goal: decidedOnce holds for one settlement per resolver and catches a second settlement (of
// either kind) and a kickoff settled twice.
import { test, expect } from '@playwright/test';
import { runChecker } from '../../../harness/checks/verdict.js';
import { decidedOnce } from '../../../harness/checks/decided-once.js';
import { TranscriptBuilder, exp, imo, op, sym } from './_transcript-builder.js';

function asked() {
  const b = new TranscriptBuilder();
  const c = b.session('a', 'b');
  b.exchange(c, 'a', op.deliver(exp(0), [sym('q')], 1, imo(2)));
  return { b, c };
}

test('holds when each resolver is settled once', () => {
  const { b, c } = asked();
  b.exchange(c, 'b', op.fulfill(2, 42));
  b.app('a', 'settled', { kickoff: 'k1', outcome: 'fulfilled', value: 42 });
  expect(runChecker(decidedOnce, b.build())).toMatchObject({ verdict: 'holds', exercised: 2 });
});

test('violated when a resolver is fulfilled and then broken', () => {
  const { b, c } = asked();
  const f1 = b.exchange(c, 'b', op.fulfill(2, 42));
  const f2 = b.exchange(c, 'b', op.break(2, 'late'));
  const v = runChecker(decidedOnce, b.build());
  expect(v.explanation).toBe(`decidedOnce violated: a resolver export 2 on c1 settled twice (fulfill then break) (frames ${f1}, ${f2})`);
});

test('violated when a kickoff settles twice', () => {
  const { b } = asked();
  b.app('a', 'settled', { kickoff: 'k1', outcome: 'fulfilled' });
  b.app('a', 'settled', { kickoff: 'k1', outcome: 'broken', reason: 'x' });
  expect(runChecker(decidedOnce, b.build()).explanation).toMatch(/kickoff k1 settled twice/);
});

test('a kickoff with several tagged calls settles once per call', () => {
  const { b } = asked();
  b.app('a', 'settled', { kickoff: 'k1', outcome: 'fulfilled', tag: { sender: 'a', ref: 'p', n: 1 } });
  b.app('a', 'settled', { kickoff: 'k1', outcome: 'fulfilled', tag: { sender: 'a', ref: 'p', n: 2 } });
  expect(runChecker(decidedOnce, b.build()).verdict).toBe('holds');
});
