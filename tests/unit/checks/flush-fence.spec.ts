// Goal: flushFence holds for the receiver-initiated handshake and catches a send to the flushed
// export after op:flush, a gift before op:flush-done, and a flush-done that overtakes earlier
// frames (what a "flush that does not fence" mutant produces).
import { test, expect } from '@playwright/test';
import { runChecker } from '../../../harness/checks/verdict.js';
import { flushFence } from '../../../harness/checks/flush-fence.js';
import { TranscriptBuilder, exp, imp, op, sym } from './_transcript-builder.js';

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
