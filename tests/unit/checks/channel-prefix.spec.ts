// Goal: channelPrefix holds for in-order reads and catches reordering, reads after reset and
// reads after op:abort; method: hand-built transcripts.
import { test, expect } from '@playwright/test';
import { runChecker } from '../../../harness/checks/verdict.js';
import { channelPrefix } from '../../../harness/checks/channel-prefix.js';
import { TranscriptBuilder, exp, op, sym } from './_transcript-builder.js';

const call = (n: number) => op.deliver(exp(0), [sym('m'), n]);

test('holds when every direction reads its frames in write order', () => {
  const b = new TranscriptBuilder();
  const c = b.session('a', 'b');
  const f1 = b.send(c, 'a', call(1));
  const f2 = b.send(c, 'a', call(2));
  b.deliver(f1);
  b.deliver(f2);
  const v = runChecker(channelPrefix, b.build());
  expect(v.verdict).toBe('holds');
  expect(v.exercised).toBe(4);
});

test('violated when a later frame is read first', () => {
  const b = new TranscriptBuilder();
  const c = b.session('a', 'b');
  const f1 = b.send(c, 'a', call(1));
  const f2 = b.send(c, 'a', call(2));
  b.deliver(f2);
  b.deliver(f1);
  const v = runChecker(channelPrefix, b.build());
  expect(v.verdict).toBe('violated');
  expect(v.explanation).toBe(`channelPrefix violated: a→b on c1: read #1 is frame ${f2}, written #1 was frame ${f1} (frames ${f1}, ${f2})`);
  expect(v.witness?.frames).toEqual([f1, f2]);
});

test('violated when a frame is read after the connection reset', () => {
  const b = new TranscriptBuilder();
  const c = b.session('a', 'b');
  const f = b.send(c, 'a', call(1));
  b.closeConnection(c, 'reset', 'reset fault');
  b.deliver(f);
  const v = runChecker(channelPrefix, b.build());
  expect(v.verdict).toBe('violated');
  expect(v.explanation).toContain(`frame ${f} read after reset`);
});

test('violated when a frame is read after op:abort arrived on the same direction', () => {
  const b = new TranscriptBuilder();
  const c = b.session('a', 'b');
  const abort = b.send(c, 'a', op.abort());
  const late = b.send(c, 'a', call(1));
  b.deliver(abort);
  b.deliver(late);
  const v = runChecker(channelPrefix, b.build());
  expect(v.verdict).toBe('violated');
  expect(v.witness?.frames).toEqual([abort, late]);
});
