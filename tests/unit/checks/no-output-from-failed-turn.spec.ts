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
