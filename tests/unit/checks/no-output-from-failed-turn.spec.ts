// Goal: noOutputFromFailedTurn is unknown without turn marks, holds when a failed turn wrote
// nothing and catches a frame written inside an aborted turn.
import { test, expect } from '@playwright/test';
import { runChecker } from '../../../harness/checks/verdict.js';
import { noOutputFromFailedTurn } from '../../../harness/checks/no-output-from-failed-turn.js';
import { TranscriptBuilder, exp, op, sym } from './_transcript-builder.js';

test('unknown, holds, violated', () => {
  expect(runChecker(noOutputFromFailedTurn, new TranscriptBuilder().build()).verdict).toBe('unknown');
  const b = new TranscriptBuilder();
  const c = b.session('a', 'b');
  b.nodeEvent('b', { type: 'mark', name: 'turn-begin' });
  b.nodeEvent('b', { type: 'mark', name: 'turn-abort' });
  b.nodeEvent('b', { type: 'mark', name: 'turn-begin' });
  b.send(c, 'b', op.deliver(exp(0), [sym('ok')]));
  b.nodeEvent('b', { type: 'mark', name: 'turn-commit' });
  expect(runChecker(noOutputFromFailedTurn, b.build())).toMatchObject({ verdict: 'holds', exercised: 2 });
  b.nodeEvent('b', { type: 'mark', name: 'turn-begin' });
  const f = b.send(c, 'b', op.deliver(exp(0), [sym('escaped')]));
  b.nodeEvent('b', { type: 'mark', name: 'turn-abort' });
  expect(runChecker(noOutputFromFailedTurn, b.build()).witness?.frames).toEqual([f]);
});

// Lock-step recordings list a node's frames of one reply before its marks of that reply, so the
// order witness cannot see a leak there; the turn-abort mark names the questions the turn held.
test('violated when a question the aborted turn held is on the wire, even recorded before the marks', () => {
  const b = new TranscriptBuilder();
  const c = b.session('b', 'c');
  b.send(c, 'b', op.deliver(exp(1), [sym('first')], 1));
  const leaked = b.send(c, 'b', op.deliver(exp(1), [sym('leak')], 2));
  b.nodeEvent('b', { type: 'mark', name: 'turn-begin' });
  b.nodeEvent('b', { type: 'mark', name: 'turn-abort', detail: 'held: c#2, c#3; reason: turn failed: boom (2 queued sends discarded)' });
  const verdict = runChecker(noOutputFromFailedTurn, b.build());
  expect(verdict.verdict).toBe('violated');
  expect(verdict.explanation).toContain(`held question 2 to c, and frame ${leaked} (op:deliver) asked it anyway`);
});

test('holds when the held questions never reach the wire (only an earlier question used a lower position)', () => {
  const b = new TranscriptBuilder();
  const c = b.session('b', 'c');
  b.send(c, 'b', op.deliver(exp(1), [sym('first')], 1));
  b.nodeEvent('b', { type: 'mark', name: 'turn-begin' });
  b.nodeEvent('b', { type: 'mark', name: 'turn-abort', detail: 'held: c#2, c#3; reason: turn failed: boom (2 queued sends discarded)' });
  expect(runChecker(noOutputFromFailedTurn, b.build())).toMatchObject({ verdict: 'holds', exercised: 1 });
});

test('the held list is read from the mark detail the reference node writes', async () => {
  const { abortDetail } = await import('../../../harness/ocapn/turns.js');
  const { heldQuestions } = await import('../../../harness/checks/no-output-from-failed-turn.js');
  const detail = abortDetail([{ session: { peerName: 'dave' }, question: 2n }, { session: { peerName: 'dave' } }, { session: { peerName: 'erin' }, question: 7n }], new Error('x'));
  expect(detail).toBe('held: dave#2, erin#7; reason: x');
  expect(heldQuestions(detail)).toEqual([{ peer: 'dave', answer: 2 }, { peer: 'erin', answer: 7 }]);
  expect(heldQuestions('held: ; reason: x')).toEqual([]);
});
