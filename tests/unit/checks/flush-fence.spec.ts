// Goal: flushFence holds for the receiver-initiated handshake and catches a send to the flushed
// export after op:flush, a gift before op:flush-done, and a flush-done that overtakes earlier
// frames (what a "flush that does not fence" mutant produces).
import { test, expect } from '@playwright/test';
import { runChecker } from '../../../harness/checks/verdict.js';
import { flushFence } from '../../../harness/checks/flush-fence.js';
import { TranscriptBuilder, exp, imo, imp, op, sym } from './_transcript-builder.js';

/** b imported promise 3 from a; b pipelines one call on it, then flushes it. */
function flushed() {
  const b = new TranscriptBuilder();
  const c = b.session('a', 'b');
  b.exchange(c, 'a', op.deliver(exp(0), [sym('here'), imp(3)]));
  const call = b.send(c, 'b', op.deliver(exp(3), [sym('z')]));
  const flush = b.send(c, 'b', op.flush(3));
  return { b, c, call, flush };
}

test('holds: flush-done after every earlier frame, nothing more to export 3', () => {
  const { b, c, call, flush } = flushed();
  b.deliver(call);
  b.deliver(flush);
  const done = b.exchange(c, 'a', op.flushDone(3));
  void done;
  b.exchange(c, 'b', op.deliver(exp(0), [sym('deposit-gift'), { bytes: '01' }, exp(3)]));
  expect(runChecker(flushFence, b.build())).toMatchObject({ verdict: 'holds', exercised: 1 });
});

test('violated: the flusher still addresses export 3 after op:flush', () => {
  const { b, c, flush } = flushed();
  const late = b.send(c, 'b', op.deliver(exp(3), [sym('w')]));
  const v = runChecker(flushFence, b.build());
  expect(v.explanation).toBe(`flushFence violated: b sent op:deliver to export 3 on c1 after op:flush 3 (frames ${flush}, ${late})`);
});

test('violated: the gift goes out before op:flush-done arrived', () => {
  const { b, c, call, flush } = flushed();
  b.deliver(call);
  b.deliver(flush);
  const gift = b.exchange(c, 'b', op.deliver(exp(0), [sym('deposit-gift'), { bytes: '01' }, exp(3)]));
  b.exchange(c, 'a', op.flushDone(3));
  const v = runChecker(flushFence, b.build());
  expect(v.explanation).toContain(`b gifted export 3 before op:flush-done 3 arrived (frames ${flush}, ${gift})`);
});

test('violated: op:flush-done before the flush was received', () => {
  const { b, c } = flushed();
  const done = b.send(c, 'a', op.flushDone(3));
  const v = runChecker(flushFence, b.build());
  expect(v.explanation).toBe(`flushFence violated: a sent op:flush-done 3 on c1 before receiving op:flush 3 (frame ${done})`);
});

test('shortener-initiated form: holds, and catches a send to the flushed resolver', () => {
  const b = new TranscriptBuilder();
  const c = b.session('a', 'b');
  // a (holder) asked b with resolver 2; b (shortener) flushes it with confirm resolver 9.
  b.exchange(c, 'a', op.deliver(exp(0), [sym('x')], 1, imo(2)));
  const flush = b.exchange(c, 'b', { op: 'op:flush', to: exp(2), confirm: imo(9) });
  b.exchange(c, 'a', op.fulfill(9, imo(5)));
  expect(runChecker(flushFence, b.build())).toMatchObject({ verdict: 'holds', exercised: 1 });
  const late = b.exchange(c, 'b', op.fulfill(2, 'late'));
  expect(runChecker(flushFence, b.build()).explanation).toBe(`flushFence violated: b sent op:deliver to export 2 on c1 after op:flush of it (frames ${flush}, ${late})`);
});
