// Goal: abortTerminal holds when both ends fall silent after op:abort (and the asker breaks its
// pending question), and catches a frame written after the abort or a question left pending.
import { test, expect } from '@playwright/test';
import { runChecker } from '../../../harness/checks/verdict.js';
import { abortTerminal } from '../../../harness/checks/abort-terminal.js';
import { TranscriptBuilder, exp, imo, op, sym } from './_transcript-builder.js';

function askedThenAborted() {
  const b = new TranscriptBuilder();
  const c = b.session('a', 'b');
  const q = b.exchange(c, 'a', op.deliver(exp(0), [sym('slow')], 1, imo(1)));
  const abort = b.exchange(c, 'b', op.abort('internal error'));
  return { b, c, q, abort };
}

test('holds when nothing follows the abort and the asker breaks its question', () => {
  const { b } = askedThenAborted();
  b.nodeEvent('a', { type: 'settled', peer: 'b', position: 1, table: 'question', outcome: 'broken' });
  expect(runChecker(abortTerminal, b.build())).toMatchObject({ verdict: 'holds', exercised: 1 });
});

test('violated when the peer writes after receiving op:abort', () => {
  const { b, c, abort } = askedThenAborted();
  const late = b.send(c, 'a', op.deliver(exp(0), [sym('again')]));
  const v = runChecker(abortTerminal, b.build());
  expect(v.verdict).toBe('violated');
  expect(v.explanation).toBe(`abortTerminal violated: a (its peer) wrote op:deliver on c1 after op:abort (frames ${abort}, ${late})`);
});

test('violated when a question stays pending at a node that reports settlements', () => {
  const { b, q, abort } = askedThenAborted();
  b.nodeEvent('a', { type: 'settled', peer: 'b', position: 7, table: 'question', outcome: 'broken' });
  const v = runChecker(abortTerminal, b.build());
  expect(v.verdict).toBe('violated');
  expect(v.explanation).toContain(`a: question 1 to b still pending after op:abort on c1 (frames ${q}, ${abort})`);
});

test('unknown without an abort', () => {
  const b = new TranscriptBuilder();
  b.session('a', 'b');
  expect(runChecker(abortTerminal, b.build()).verdict).toBe('unknown');
});
