// Goal: flushSwap holds when the exporter swaps export N keeping the wire refcount, and catches
// the "flush that resets the refcount" defect and a flush answered without a swap.
import { test, expect } from '@playwright/test';
import { runChecker } from '../../../harness/checks/verdict.js';
import { flushSwap } from '../../../harness/checks/flush-swap.js';
import { TranscriptBuilder, exp, imp, op, sym } from './_transcript-builder.js';
import { entry, session, snapshot } from './_tables.js';

/** a exports promise 3 to b twice (refcount 2); b flushes it. */
function flushed(swapRefcount: number | undefined, tableRefcount = 2) {
  const b = new TranscriptBuilder();
  const c = b.session('a', 'b');
  b.exchange(c, 'a', op.deliver(exp(0), [sym('here'), imp(3)]));
  b.exchange(c, 'a', op.deliver(exp(0), [sym('again'), imp(3)]));
  const flush = b.exchange(c, 'b', op.flush(3));
  b.nodeEvent('a', { type: 'session-open', peer: 'b', sessionId: 'ab'.repeat(32) });
  if (swapRefcount !== undefined) b.nodeEvent('a', { type: 'export-replaced', peer: 'b', position: 3, refcount: swapRefcount });
  const done = b.exchange(c, 'a', op.flushDone(3));
  b.tables('after-flush', snapshot('a', session('b', { exports: [entry(3, 'promise', tableRefcount, { resolved: false })] })));
  return { t: b.build(), flush, done };
}

test('holds when the swap keeps the refcount', () => {
  expect(runChecker(flushSwap, flushed(2).t)).toMatchObject({ verdict: 'holds', exercised: 1 });
});

test('violated when the swap resets the refcount', () => {
  const { t, flush } = flushed(1);
  const v = runChecker(flushSwap, t);
  expect(v.explanation).toMatch(new RegExp(`^flushSwap violated: a export 3: refcount 1 after the swap, wire balance 2 \\(frame ${flush}, event \\d+\\)$`));
});

test('violated when the table disagrees after a correct-looking swap', () => {
  expect(runChecker(flushSwap, flushed(2, 1).t).explanation).toContain('a export 3 at after-flush: promise with refcount 1, expected a promise with refcount 2');
});

test('violated when op:flush-done is sent without a swap', () => {
  const { t, flush, done } = flushed(undefined);
  expect(runChecker(flushSwap, t).explanation).toBe(`flushSwap violated: a answered op:flush 3 from b without swapping export 3 (frames ${flush}, ${done})`);
});

test('a swap reported in the same turn as op:flush-done (recorded after its frame) counts', () => {
  const b = new TranscriptBuilder();
  const c = b.session('a', 'b');
  b.exchange(c, 'a', op.deliver(exp(0), [sym('here'), imp(3)]));
  b.exchange(c, 'b', op.flush(3));
  b.nodeEvent('a', { type: 'session-open', peer: 'b', sessionId: 'ab'.repeat(32) });
  const done = b.send(c, 'a', op.flushDone(3));
  b.nodeEvent('a', { type: 'export-replaced', peer: 'b', position: 3, refcount: 1 });
  b.deliver(done);
  expect(runChecker(flushSwap, b.build())).toMatchObject({ verdict: 'holds', exercised: 1 });
});
