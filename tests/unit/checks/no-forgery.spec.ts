// Goal: noForgery accepts references to introduced exports and own answers, and catches a
// desc:export never introduced, one used after release, and a desc:answer never allocated.
import { test, expect } from '@playwright/test';
import { runChecker } from '../../../harness/checks/verdict.js';
import { noForgery } from '../../../harness/checks/no-forgery.js';
import { TranscriptBuilder, ans, exp, imo, op, sym } from './_transcript-builder.js';

test('holds for an introduced export, a pipelined answer and the bootstrap', () => {
  const b = new TranscriptBuilder();
  const c = b.session('a', 'b');
  b.exchange(c, 'a', op.deliver(exp(0), [sym('fetch')], 1, imo(1)));
  b.exchange(c, 'a', op.deliver(ans(1), [sym('go')]));
  b.exchange(c, 'b', op.fulfill(1, imo(3)));
  b.exchange(c, 'a', op.deliver(exp(3), [sym('use')]));
  expect(runChecker(noForgery, b.build())).toMatchObject({ verdict: 'holds', exercised: 3 });
});

test('violated for a desc:export the peer never introduced', () => {
  const b = new TranscriptBuilder();
  const c = b.session('a', 'b');
  const f = b.exchange(c, 'a', op.deliver(exp(9), [sym('steal')]));
  const v = runChecker(noForgery, b.build());
  expect(v.explanation).toBe(`noForgery violated: a→b on c1: desc:export 9 never introduced by b (frame ${f})`);
});

test('violated for a desc:export used after the writer released it', () => {
  const b = new TranscriptBuilder();
  const c = b.session('a', 'b');
  const intro = b.exchange(c, 'b', op.deliver(exp(0), [sym('here'), imo(4)]));
  b.exchange(c, 'a', op.gcExports([4], [1]));
  const f = b.exchange(c, 'a', op.deliver(exp(4), [sym('late')]));
  const v = runChecker(noForgery, b.build());
  expect(v.verdict).toBe('violated');
  expect(v.explanation).toContain('desc:export 4 released by b');
  expect(v.witness?.frames).toEqual([intro, f]);
});

test('violated for a desc:answer the writer never allocated', () => {
  const b = new TranscriptBuilder();
  const c = b.session('a', 'b');
  b.exchange(c, 'b', op.deliver(exp(0), [sym('q')], 5, imo(1)));
  // a tries to pipeline on b's question 5: answers belong to the asker.
  b.exchange(c, 'a', op.deliver(ans(5), [sym('hijack')]));
  expect(runChecker(noForgery, b.build()).explanation).toContain('desc:answer 5 was never allocated by a');
});
