// Goal: depositBeforeWithdraw holds when the exporter fulfils a withdraw only after its deposit
// arrived (also when the withdraw came first and was answered with a promise meanwhile), is
// unknown with nothing fulfilled, and catches a withdraw fulfilled before (or without) its deposit.
import { test, expect } from '@playwright/test';
import { runChecker } from '../../../harness/checks/verdict.js';
import { depositBeforeWithdraw } from '../../../harness/checks/deposit-before-withdraw.js';
import { certificate, deposit, exp, handoffWorld, imo, imp, op, withdraw } from './_handoffs.js';

test('holds: the withdraw waits for its deposit (answered with a promise, settled after)', () => {
  const { b, ge, re } = handoffWorld();
  b.exchange(re, 'r', withdraw(3));
  b.exchange(re, 'e', op.fulfill(3, imp(5)));
  b.exchange(re, 'r', op.listen(exp(5), imo(6)));
  b.exchange(ge, 'g', deposit());
  b.exchange(re, 'e', op.fulfill(6, imo(7)));
  expect(runChecker(depositBeforeWithdraw, b.build())).toMatchObject({ verdict: 'holds', exercised: 1 });
});

test('unknown: nothing was fulfilled (a bad certificate breaks at once, which is fine)', () => {
  const { b, re } = handoffWorld();
  b.exchange(re, 'r', withdraw(3, certificate('ff'.repeat(32))));
  b.exchange(re, 'e', op.break(3, 'withdraw-gift: handoff-give.session is not a live session'));
  expect(runChecker(depositBeforeWithdraw, b.build())).toMatchObject({ verdict: 'unknown', explanation: 'depositBeforeWithdraw unknown: no withdraw-gift was fulfilled' });
});

test('violated: fulfilled while the deposit was still on its way', () => {
  const { b, ge, re } = handoffWorld();
  const dep = b.send(ge, 'g', deposit());
  const w = b.exchange(re, 'r', withdraw(3));
  const a = b.exchange(re, 'e', op.fulfill(3, imo(7)));
  b.deliver(dep);
  const v = runChecker(depositBeforeWithdraw, b.build());
  expect(v.explanation).toBe(`depositBeforeWithdraw violated: e fulfilled r's withdraw-gift of gift 0101010101010101… at e before its deposit (frame ${dep}) arrived (frames ${w}, ${a}, ${dep})`);
});

test('violated: a promise answer followed to a fulfilment before the deposit', () => {
  const { b, ge, re } = handoffWorld();
  b.exchange(re, 'r', withdraw(3));
  b.exchange(re, 'e', op.fulfill(3, imp(5)));
  b.exchange(re, 'r', op.listen(exp(5), imo(6)));
  const final = b.exchange(re, 'e', op.fulfill(6, imo(7)));
  b.exchange(ge, 'g', deposit());
  const v = runChecker(depositBeforeWithdraw, b.build());
  expect(v.verdict).toBe('violated');
  expect(v.witness?.frames).toContain(final);
});

test('violated: fulfilled with no deposit at all; a deposit on another session does not count', () => {
  const { b, re } = handoffWorld();
  const other = b.session('g', 'e');
  b.nodeEvent('e', { type: 'session-open', peer: 'g', sessionId: 'cc'.repeat(32) });
  b.exchange(other, 'g', deposit());
  b.exchange(re, 'r', withdraw(3));
  b.exchange(re, 'e', op.fulfill(3, imo(7)));
  expect(runChecker(depositBeforeWithdraw, b.build()).explanation).toContain('with no deposit-gift for it at all');
});
