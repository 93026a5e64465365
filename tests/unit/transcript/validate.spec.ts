// Goal: the transcript schema accepts every operation form the wire layer produces and rejects
// malformed ones with the JSON pointer of the bad field; a 6-node chain of 200+ frames validates
// in milliseconds (printed, not asserted).
import { test, expect } from '@playwright/test';
import { makeTranscript } from '../../../harness/transcript/from-recording.js';
import { readFileSync } from 'node:fs';
import { TRANSCRIPT_SCHEMA_URL, validateTranscript } from '../../../harness/transcript/validate.js';
import { BREAK_CATEGORIES } from '../../../harness/ocapn/break-reason.js';
import { TranscriptBuilder, exp, imo, op, sym } from '../checks/_transcript-builder.js';
import { HELLO_HEX, OP_FRAMES, ascii, chainRecording, recordingWithFrames } from './_wire-frames.js';

test('every operation form of the wire-frame table validates', () => {
  const t = makeTranscript(recordingWithFrames([HELLO_HEX, ...Object.values(OP_FRAMES).map(ascii)]));
  const undecoded = t.events.filter((e) => e.kind === 'frame' && e.phase === 'sent' && !e.op);
  expect(undecoded).toEqual([]);
  const result = validateTranscript(t);
  expect(result.text).toBe('');
  expect(result.ok).toBe(true);
});

test('an undecodable frame is valid transcript data (evidence, not a schema failure)', () => {
  const t = makeTranscript(recordingWithFrames([ascii('garbage')]));
  expect(validateTranscript(t).ok).toBe(true);
});

test('a deliver whose answer is neither a position nor false fails with its pointer', () => {
  const b = new TranscriptBuilder();
  const c = b.connect('a', 'b');
  b.exchange(c, 'a', op.hello());
  b.exchange(c, 'a', op.deliver(exp(0), [sym('fetch')], 'three' as never, imo(2)));
  const result = validateTranscript(b.build());
  expect(result.ok).toBe(false);
  expect(result.text).toMatch(/^\/events\/4\/op\/answer: must be integer; .*must be equal to constant.* \(frame 2, op:deliver\)$/);
});

test('shape errors name the field: a deliver to an import, an unknown op, a missing header field', () => {
  const b = new TranscriptBuilder();
  const c = b.connect('a', 'b');
  b.exchange(c, 'a', op.deliver(imo(1), []));
  expect(validateTranscript(b.build()).text).toMatch(/^\/events\/2\/op\/to: /);

  const u = new TranscriptBuilder();
  u.exchange(u.connect('a', 'b'), 'a', { op: 'op:bootstrap' });
  expect(validateTranscript(u.build()).text).toContain('/events/2/op/op: must be equal to one of the allowed values');

  const t = new TranscriptBuilder().build() as unknown as { header: Record<string, unknown> };
  delete t.header.seed;
  expect(validateTranscript(t).text).toBe("/header: must have required property 'seed'");
});

test('a 6-node chain with 200+ frames validates in milliseconds', () => {
  const t = makeTranscript(chainRecording(20));
  const frames = t.events.filter((e) => e.kind === 'frame' && e.phase === 'sent').length;
  expect(frames).toBeGreaterThanOrEqual(200);
  validateTranscript(t); // compile once
  const runs = 20;
  const start = performance.now();
  for (let i = 0; i < runs; i++) expect(validateTranscript(t).ok).toBe(true);
  const ms = (performance.now() - start) / runs;
  console.log(`transcript validation: ${frames} frames, ${t.events.length} events, ${ms.toFixed(2)} ms per validation`);
});

test('a broken result may carry the category its node gave: one of BREAK_CATEGORIES, nothing else', () => {
  const schema = JSON.parse(readFileSync(TRANSCRIPT_SCHEMA_URL, 'utf8')) as { $defs: Record<string, { enum: string[] }> };
  expect(schema.$defs['break-category'].enum).toEqual(Object.keys(BREAK_CATEGORIES));
  const withCategory = (category: string) => {
    const b = new TranscriptBuilder();
    b.app('a', 'settled', { kickoff: 'k', outcome: 'broken', reason: 'session with b ended: connection reset: killed: b', category } as never);
    b.results = { k: { outcome: 'broken', reason: 'session with b ended: connection reset: killed: b', category } as never };
    return validateTranscript(b.build());
  };
  expect(withCategory('reset').ok).toBe(true);
  const bad = withCategory('bad-luck');
  expect(bad.ok).toBe(false);
  expect(bad.text).toContain('category');
});
