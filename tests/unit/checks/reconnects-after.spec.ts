// Goal: reconnectsAfter holds when traffic after a reset opens a new session, and catches writes
// on the reset connection and a reconnection that never establishes a session.
import { test, expect } from '@playwright/test';
import { runChecker } from '../../../harness/checks/verdict.js';
import { reconnectsAfter } from '../../../harness/checks/reconnects-after.js';
import { TranscriptBuilder, exp, op, sym } from './_transcript-builder.js';

function reset() {
  const b = new TranscriptBuilder();
  const c1 = b.session('a', 'b');
  b.fault('reset', ['a', 'b']);
  b.closeConnection(c1, 'reset', 'reset fault');
  return { b, c1 };
}

test('holds when the next call goes over a fresh session', () => {
  const { b } = reset();
  const c2 = b.session('a', 'b');
  b.exchange(c2, 'a', op.deliver(exp(0), [sym('m')]));
  expect(runChecker(reconnectsAfter, b.build())).toMatchObject({ verdict: 'holds', exercised: 1 });
});

test('violated when a node keeps writing on the reset connection', () => {
  const { b, c1 } = reset();
  const f = b.send(c1, 'a', op.deliver(exp(0), [sym('m')]));
  b.session('a', 'b');
  expect(runChecker(reconnectsAfter, b.build()).explanation).toBe(`reconnectsAfter violated: a wrote frame ${f} on c1 after reset ended it (event 6)`);
});

test('violated when the new connection never establishes a session', () => {
  const { b } = reset();
  const c2 = b.connect('a', 'b');
  b.exchange(c2, 'a', op.hello());
  expect(runChecker(reconnectsAfter, b.build()).explanation).toContain('reconnected on c2 after reset');
});

test('holds when both sides dial at once and one of the two new connections carries the session (crossed hellos)', () => {
  const { b } = reset();
  const lost = b.connect('a', 'b');
  b.exchange(lost, 'a', op.hello());
  b.closeConnection(lost, 'close', 'crossed hellos');
  const c3 = b.session('b', 'a');
  b.exchange(c3, 'b', op.deliver(exp(0), [sym('m')]));
  expect(runChecker(reconnectsAfter, b.build())).toMatchObject({ verdict: 'holds', exercised: 1 });
});

test('violated when neither of the two new connections carries a session', () => {
  const { b } = reset();
  const one = b.connect('a', 'b');
  b.exchange(one, 'a', op.hello());
  const two = b.connect('b', 'a');
  b.exchange(two, 'b', op.hello());
  expect(runChecker(reconnectsAfter, b.build()).explanation).toContain(`reconnected on ${one}, ${two} after reset`);
});
