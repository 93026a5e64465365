// Goal: giftOnce holds when a gift is handed out once (a second withdraw breaks), is unknown with
// no withdraw to judge, and catches a gift handed out to two withdraws.
import { test, expect } from '@playwright/test';
import { runChecker } from '../../../harness/checks/verdict.js';
import { giftOnce } from '../../../harness/checks/gift-once.js';
import { TranscriptBuilder } from './_transcript-builder.js';
import { certificate, deposit, handoffWorld, imo, op, withdraw } from './_handoffs.js';

test('holds: one withdraw fulfilled, the replayed one broken', () => {
  const { b, ge, re } = handoffWorld();
  b.exchange(ge, 'g', deposit());
  b.exchange(re, 'r', withdraw(3));
  b.exchange(re, 'e', op.fulfill(3, imo(7)));
  b.exchange(re, 'r', withdraw(4, certificate(undefined, undefined, 0)));
  b.exchange(re, 'e', op.break(4, 'withdraw-gift: handoffCount 0 was already used'));
  expect(runChecker(giftOnce, b.build())).toMatchObject({ verdict: 'holds', exercised: 1 });
});

test('unknown: no withdraw-gift in the run', () => {
  const b = new TranscriptBuilder();
  b.session('a', 'b');
  expect(runChecker(giftOnce, b.build())).toMatchObject({ verdict: 'unknown', explanation: 'giftOnce unknown: no withdraw-gift in the run' });
});

test('unknown: a withdraw nobody answered', () => {
  const { b, re } = handoffWorld();
  b.exchange(re, 'r', withdraw(3));
  expect(runChecker(giftOnce, b.build()).verdict).toBe('unknown');
});

test('violated: the same gift handed out twice', () => {
  const { b, ge, re } = handoffWorld();
  b.exchange(ge, 'g', deposit());
  const w1 = b.exchange(re, 'r', withdraw(3));
  const a1 = b.exchange(re, 'e', op.fulfill(3, imo(7)));
  const w2 = b.exchange(re, 'r', withdraw(4, certificate(undefined, undefined, 1)));
  const a2 = b.exchange(re, 'e', op.fulfill(4, imo(7)));
  const v = runChecker(giftOnce, b.build());
  expect(v.verdict).toBe('violated');
  expect(v.explanation).toBe(`giftOnce violated: gift 0101010101010101… at e handed out 2 times (deposited 1): to r and again to r (frames ${w1}, ${a1}, ${w2}, ${a2})`);
});

test('a different gift id is a different gift', () => {
  const { b, ge, re } = handoffWorld();
  b.exchange(ge, 'g', deposit());
  b.exchange(ge, 'g', deposit('02'.repeat(16)));
  b.exchange(re, 'r', withdraw(3));
  b.exchange(re, 'e', op.fulfill(3, imo(7)));
  b.exchange(re, 'r', withdraw(4, certificate(undefined, '02'.repeat(16), 1)));
  b.exchange(re, 'e', op.fulfill(4, imo(8)));
  expect(runChecker(giftOnce, b.build())).toMatchObject({ verdict: 'holds', exercised: 2 });
});
