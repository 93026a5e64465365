// Goal: perRefFifo holds when a target dispatches each sender's calls in order, reports
// "unknown" when no stream carried two calls, and catches an overtaking call with the frames
// the calls arrived on.
import { test, expect } from '@playwright/test';
import { runChecker } from '../../../harness/checks/verdict.js';
import { perRefFifo } from '../../../harness/checks/per-ref-fifo.js';
import { TranscriptBuilder, exp, op, sym, tag } from './_transcript-builder.js';

function chain(order: number[]) {
  const b = new TranscriptBuilder();
  const c = b.session('a', 'c');
  const frames: number[] = [];
  for (const n of [1, 2, 3]) b.originate('a', tag('a', 'p1', n));
  const sent = new Map<number, number>();
  for (const n of [1, 2, 3]) sent.set(n, b.send(c, 'a', op.deliver(exp(0), [sym('m'), n])));
  for (const n of order) {
    frames.push(b.deliver(sent.get(n)!));
    b.dispatch('c', tag('a', 'p1', n));
  }
  return { b, frames };
}

test('holds when calls are dispatched in order', () => {
  expect(runChecker(perRefFifo, chain([1, 2, 3]).b.build())).toMatchObject({ verdict: 'holds', exercised: 2 });
});

test('violated when #3 is dispatched before #2, with both arrival frames', () => {
  const { b, frames } = chain([1, 3, 2]);
  const v = runChecker(perRefFifo, b.build());
  expect(v.explanation).toBe(`perRefFifo violated: a on p1 at target at c: #3 dispatched before #2 (frames ${frames[1]}, ${frames[2]})`);
  expect(v.witness?.frames).toEqual([frames[1], frames[2]]);
});

test('unknown when each reference carries a single call', () => {
  const b = new TranscriptBuilder();
  b.dispatch('c', tag('a', 'p1', 1));
  b.dispatch('c', tag('a', 'p2', 1));
  expect(runChecker(perRefFifo, b.build()).verdict).toBe('unknown');
});

test('calls that reached the target along different routes are different streams', () => {
  const b = new TranscriptBuilder(['a', 'b', 'c', 'd', 'e']);
  // #1 goes b→c→e, #2 goes b→d→e: e may see #2 first without breaking FIFO on any reference.
  for (const [n, via] of [[1, 'c'], [2, 'd']] as const) {
    b.dispatch('b', tag('a', 'p1', n));
    b.app('b', 'call-forwarded', { tag: tag('a', 'p1', n), value: via });
  }
  b.dispatch('d', tag('a', 'p1', 2));
  b.app('d', 'call-forwarded', { tag: tag('a', 'p1', 2), value: 'e' });
  b.dispatch('e', tag('a', 'p1', 2));
  b.dispatch('c', tag('a', 'p1', 1));
  b.app('c', 'call-forwarded', { tag: tag('a', 'p1', 1), value: 'e' });
  b.dispatch('e', tag('a', 'p1', 1));
  const v = runChecker(perRefFifo, b.build());
  expect(v).toMatchObject({ verdict: 'holds', exercised: 1 });
});

test('tags repeated across kickoffs are ordered by origination (z#1..3 then w#1..3)', () => {
  const b = new TranscriptBuilder();
  for (const k of ['z', 'w']) for (const n of [1, 2, 3]) b.originate('a', tag('a', 'p', n), k);
  const order = [[1, 2, 3, 1, 2, 3], [1, 2, 1, 3, 2, 3]];
  b.end = 'quiescent';
  for (const n of order[0]) b.dispatch('c', tag('a', 'p', n));
  expect(runChecker(perRefFifo, b.build())).toMatchObject({ verdict: 'holds', exercised: 5 });
  const bad = new TranscriptBuilder();
  for (const k of ['z', 'w']) for (const n of [1, 2, 3]) bad.originate('a', tag('a', 'p', n), k);
  for (const n of order[1]) bad.dispatch('c', tag('a', 'p', n));
  expect(runChecker(perRefFifo, bad.build()).explanation).toBe('perRefFifo violated: a on p at target at c: w#1 dispatched before z#3');
});
