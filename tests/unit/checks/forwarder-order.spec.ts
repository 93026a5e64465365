// Goal: forwarderOrder holds when a forwarder passes calls on in arrival order and catches the
// `forwarder-reorders` defect (two consecutive calls swapped).
import { test, expect } from '@playwright/test';
import { runChecker } from '../../../harness/checks/verdict.js';
import { forwarderOrder } from '../../../harness/checks/forwarder-order.js';
import { TranscriptBuilder, exp, imo, op, sym, tag } from './_transcript-builder.js';

function forwarder(forwardOrder: number[]) {
  const b = new TranscriptBuilder();
  for (const n of [1, 2]) b.dispatch('b', tag('a', 'p1', n));
  for (const n of forwardOrder) b.forwarded('b', tag('a', 'p1', n));
  return b.build();
}

test('holds when calls are forwarded in the order received', () => {
  expect(runChecker(forwarderOrder, forwarder([1, 2]))).toMatchObject({ verdict: 'holds', exercised: 1 });
});

test('violated when the forwarder swaps two calls', () => {
  const v = runChecker(forwarderOrder, forwarder([2, 1]));
  expect(v.verdict).toBe('violated');
  expect(v.explanation).toBe("forwarderOrder violated: b forwarded a's #1 on p1 after #2 though it received #1 first");
});

test('unknown when nothing was forwarded', () => {
  expect(runChecker(forwarderOrder, new TranscriptBuilder().build()).verdict).toBe('unknown');
});

/** b receives alice's tagged #1, #2 from a and writes them on to c in `order`. */
function wireForwarder(order: number[]) {
  const b = new TranscriptBuilder(['a', 'b', 'c']);
  const ab = b.session('a', 'b');
  const bc = b.session('b', 'c');
  const call = (n: number) => op.deliver(exp(1), [sym('forward'), { struct: { n: { float64: n }, ref: 'b.hop', sender: 'a' } }], n, imo(n));
  for (const n of [1, 2]) b.exchange(ab, 'a', call(n));
  const out = order.map((n) => b.exchange(bc, 'b', call(n)));
  return { t: b.build(), out };
}

test('wire: holds when tagged calls leave in arrival order', () => {
  expect(runChecker(forwarderOrder, wireForwarder([1, 2]).t)).toMatchObject({ verdict: 'holds', exercised: 1 });
});

test('wire: the reordering is caught on the frames even when the app reports nothing', () => {
  const { t, out } = wireForwarder([2, 1]);
  const v = runChecker(forwarderOrder, t);
  expect(v.explanation).toBe(`forwarderOrder violated: b forwarded a's #1 on b.hop to c after #2 though it received #1 first (frames ${out[0]}, ${out[1]})`);
});

test('two kickoffs of one sender on one target number their calls alike: each forward pairs with its own dispatch (found on kill-node-mid-chain)', () => {
  const b = new TranscriptBuilder();
  // First kickoff: #1, #2 received and forwarded in order; then a second kickoff's #1 arrives.
  for (const n of [1, 2]) b.originate('a', tag('a', 'p1', n), 'first');
  for (const n of [1, 2]) b.dispatch('b', tag('a', 'p1', n));
  for (const n of [1, 2]) b.forwarded('b', tag('a', 'p1', n));
  for (const n of [1, 2]) b.dispatch('c', tag('a', 'p1', n));
  b.originate('a', tag('a', 'p1', 1), 'second');
  b.dispatch('b', tag('a', 'p1', 1));
  b.forwarded('b', tag('a', 'p1', 1));
  expect(runChecker(forwarderOrder, b.build()).verdict).toBe('holds');
});
