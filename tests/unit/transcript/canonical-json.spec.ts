// Goal: canonical transcript text is independent of key insertion order (outside op views),
// keeps op views in wire field order, writes one event per line, and parses back equal.
import { test, expect } from '@playwright/test';
import { canonicalStringify, eventLines, transcriptFromText, transcriptToText } from '../../../harness/transcript/canonical-json.js';
import { makeTranscript } from '../../../harness/transcript/from-recording.js';
import { OP_FRAMES, ascii, recordingWithFrames } from './_wire-frames.js';

test('key order does not depend on insertion order; preferred keys lead', () => {
  const a = canonicalStringify({ zeta: 1, seq: 3, kind: 'x', alpha: [{ b: 1, a: 2 }] });
  const b = canonicalStringify({ alpha: [{ a: 2, b: 1 }], kind: 'x', zeta: 1, seq: 3 });
  expect(a).toBe(b);
  expect(a).toBe('{"seq":3,"kind":"x","alpha":[{"a":2,"b":1}],"zeta":1}');
  expect(canonicalStringify({ n: 12345678901234567890n, u: undefined })).toBe('{"n":"12345678901234567890"}');
});

test('op views keep wire field order, struct keys included', () => {
  const line = canonicalStringify({ seq: 1, op: { op: 'op:deliver', to: { export: 1 }, args: [{ struct: { b: 1, aa: 2 } }], answer: false, resolveMe: false } });
  expect(line).toBe('{"seq":1,"op":{"op":"op:deliver","to":{"export":1},"args":[{"struct":{"b":1,"aa":2}}],"answer":false,"resolveMe":false}}');
});

test('one event per line, and the text parses back to the same transcript', () => {
  const t = makeTranscript(recordingWithFrames([ascii(OP_FRAMES['op:listen 3 fields']), ascii(OP_FRAMES['op:flush'])]));
  const text = transcriptToText(t);
  const lines = eventLines(text);
  expect(lines).toHaveLength(t.events.length);
  lines.forEach((line, i) => expect(JSON.parse(line)).toEqual(JSON.parse(JSON.stringify(t.events[i]))));
  expect(transcriptFromText(text)).toEqual(JSON.parse(JSON.stringify(t)));
  expect(transcriptToText(transcriptFromText(text))).toBe(text);
});
