// Goal: sessionFirst holds when each direction opens with op:start-session and names the first
// offending frame otherwise, including an undecodable one.
import { test, expect } from '@playwright/test';
import { runChecker } from '../../../harness/checks/verdict.js';
import { sessionFirst } from '../../../harness/checks/session-first.js';
import { TranscriptBuilder, exp, op, sym } from './_transcript-builder.js';

test('holds when both directions start with op:start-session', () => {
  const b = new TranscriptBuilder();
  const c = b.session('a', 'b');
  b.exchange(c, 'a', op.deliver(exp(0), [sym('fetch')]));
  const v = runChecker(sessionFirst, b.build());
  expect(v).toMatchObject({ verdict: 'holds', exercised: 2 });
});

test('violated when the responder speaks an op before its hello', () => {
  const b = new TranscriptBuilder();
  const c = b.connect('a', 'b');
  b.exchange(c, 'a', op.hello());
  const bad = b.exchange(c, 'b', op.deliver(exp(0), [sym('fetch')]));
  const v = runChecker(sessionFirst, b.build());
  expect(v.verdict).toBe('violated');
  expect(v.explanation).toBe(`sessionFirst violated: b→a on c1: first frame is op:deliver, not op:start-session (frame ${bad})`);
});

test('violated when the first frame does not decode', () => {
  const b = new TranscriptBuilder();
  const c = b.connect('a', 'b');
  const bad = b.exchange(c, 'a', 'garbage!');
  const v = runChecker(sessionFirst, b.build());
  expect(v.verdict).toBe('violated');
  expect(v.explanation).toContain('first frame is an undecodable frame');
  expect(v.witness?.frames).toEqual([bad]);
});
