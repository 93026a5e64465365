// Goal: flushFence holds for the receiver-initiated handshake (also when the flusher keeps calling
// the swapped slot, which queues there) and catches a gift before op:flush-done and a flush-done
// that overtakes earlier frames; for the shortener-initiated form it catches an early
// confirmation, a send to the resolver while the fence is open and a gift deposited before the
// confirmation arrived.
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

test('holds: the flusher keeps calling the swapped slot after op:flush (those calls queue there)', () => {
  const { b, c, call, flush } = flushed();
  const later = b.send(c, 'b', op.deliver(exp(3), [sym('w')]));
  b.deliver(call);
  b.deliver(flush);
  b.exchange(c, 'a', op.flushDone(3));
  b.deliver(later);
  expect(runChecker(flushFence, b.build())).toMatchObject({ verdict: 'holds', exercised: 1 });
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

/** a (holder) asked b with resolver 2; b (shortener) flushes it with confirm resolver 9. */
function shortening() {
  const b = new TranscriptBuilder();
  const c = b.session('a', 'b');
  const t = b.session('b', 't');
  b.exchange(c, 'a', op.deliver(exp(0), [sym('x')], 1, imo(2)));
  const flush = b.send(c, 'b', { op: 'op:flush', to: exp(2), confirm: imo(9) });
  return { b, c, t, flush };
}

const give = (giftId: string) => ({ sigEnvelope: { signed: { handoffGive: { receiverKey: 'aa', exporterLocation: { transport: 'sim', designator: 't', hints: false }, session: 'bb', gifterSide: 'cc', giftId: { bytes: giftId } } }, signature: { r: '1', s: '2' } } });

test('shortener-initiated form: holds with the handoff after the confirmation, also a later send to the resolver', () => {
  const { b, c, t, flush } = shortening();
  b.deliver(flush);
  b.exchange(c, 'a', op.fulfill(9, imo(5)));
  b.exchange(t, 'b', op.deliver(exp(0), [sym('deposit-gift'), { bytes: '0707' }, exp(4)]));
  b.exchange(c, 'b', op.fulfill(5, give('0707')));
  b.exchange(c, 'b', op.fulfill(2, 'after the fence'));
  expect(runChecker(flushFence, b.build())).toMatchObject({ verdict: 'holds', exercised: 1 });
});

test('shortener-initiated form: violated by a send to the resolver while the fence is open', () => {
  const { b, c, flush } = shortening();
  const late = b.send(c, 'b', op.fulfill(2, 'late'));
  b.deliver(flush);
  b.exchange(c, 'a', op.fulfill(9, imo(5)));
  b.deliver(late);
  expect(runChecker(flushFence, b.build()).explanation).toBe(`flushFence violated: b sent op:deliver to export 2 on c1 while its op:flush of it was unconfirmed (frames ${flush}, ${late})`);
});

test('shortener-initiated form: violated by a confirmation before the flush arrived', () => {
  const { b, c, flush } = shortening();
  const early = b.exchange(c, 'a', op.fulfill(9, imo(5)));
  b.deliver(flush);
  expect(runChecker(flushFence, b.build()).explanation).toBe(`flushFence violated: a confirmed op:flush before receiving it (frames ${flush}, ${early})`);
});

test('shortener-initiated form: violated by a gift deposited before the confirmation arrived', () => {
  const { b, c, t, flush } = shortening();
  const dep = b.exchange(t, 'b', op.deliver(exp(0), [sym('deposit-gift'), { bytes: '0707' }, exp(4)]));
  b.deliver(flush);
  const confirm = b.exchange(c, 'a', op.fulfill(9, imo(5)));
  b.exchange(c, 'b', op.fulfill(5, give('0707')));
  expect(runChecker(flushFence, b.build()).explanation).toBe(`flushFence violated: b deposited the gift it hands a before the op:flush confirmation arrived (frames ${flush}, ${dep}, ${confirm})`);
});

test('a FIFO marker (op:flush TO SHORTENER, no confirm) is no fence to judge: unknown, even with later sends to TO', () => {
  const b = new TranscriptBuilder();
  const c = b.session('a', 'b');
  b.exchange(c, 'a', { op: 'op:flush', to: exp(2), shortener: imo(4) });
  b.exchange(c, 'a', op.deliver(exp(2), [sym('w')]));
  expect(runChecker(flushFence, b.build())).toMatchObject({ verdict: 'unknown' });
});

test('shortener-initiated form: each flush is judged by its own gift (two flushes, two confirmations, two deposits)', () => {
  const { b, c, t, flush } = shortening();
  b.exchange(c, 'a', op.deliver(exp(0), [sym('y')], 2, imo(3)));
  const second = b.send(c, 'b', { op: 'op:flush', to: exp(3), confirm: imo(8) });
  b.deliver(flush);
  b.deliver(second);
  b.exchange(c, 'a', op.fulfill(9, imo(5)));
  const confirm2 = b.send(c, 'a', op.fulfill(8, imo(6)));
  b.exchange(t, 'b', op.deliver(exp(0), [sym('deposit-gift'), { bytes: '0707' }, exp(4)]));
  b.exchange(c, 'b', op.fulfill(5, give('0707')));
  b.deliver(confirm2);
  b.exchange(t, 'b', op.deliver(exp(0), [sym('deposit-gift'), { bytes: '0808' }, exp(4)]));
  b.exchange(c, 'b', op.fulfill(6, give('0808')));
  expect(runChecker(flushFence, b.build())).toMatchObject({ verdict: 'holds', exercised: 2 });
});

test('two-descriptor form: a second fence on the same reference while the first is open is not a message on it', () => {
  const { b, c, flush } = shortening();
  const relayed = b.send(c, 'b', { op: 'op:flush', to: exp(2), confirm: imo(10) });
  b.deliver(flush);
  b.deliver(relayed);
  b.exchange(c, 'a', op.fulfill(9, imo(5)));
  b.exchange(c, 'a', op.fulfill(10, imo(6)));
  expect(runChecker(flushFence, b.build())).toMatchObject({ verdict: 'holds', exercised: 2 });
});

test('shortener-initiated form: violated by a gift deposited even before the flush was sent', () => {
  const b = new TranscriptBuilder();
  const c = b.session('a', 'b');
  const t = b.session('b', 't');
  b.exchange(c, 'a', op.deliver(exp(0), [sym('x')], 1, imo(2)));
  const dep = b.exchange(t, 'b', op.deliver(exp(0), [sym('deposit-gift'), { bytes: '0909' }, exp(4)]));
  const flush = b.exchange(c, 'b', { op: 'op:flush', to: exp(2), confirm: imo(9) });
  const confirm = b.exchange(c, 'a', op.fulfill(9, imo(5)));
  b.exchange(c, 'b', op.fulfill(5, give('0909')));
  expect(runChecker(flushFence, b.build()).explanation).toBe(`flushFence violated: b deposited the gift it hands a before the op:flush confirmation arrived (frames ${flush}, ${dep}, ${confirm})`);
});
