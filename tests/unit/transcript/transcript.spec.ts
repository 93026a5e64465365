// Goal: a Recording becomes a transcript whose frames carry the wire layer's operation view and
// a SHA-256 of the exact bytes; undecodable frames are kept as evidence; the header says what
// ran; the harness version matches package.json. Method: real Syrup bytes (_wire-frames.ts).
import { test, expect } from '@playwright/test';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { makeTranscript } from '../../../harness/transcript/from-recording.js';
import { HARNESS_VERSION } from '../../../harness/transcript/version.js';
import { OP_FRAMES, ascii, recordingWithFrames } from './_wire-frames.js';

test('frames decode into operation views with the hash of their bytes', () => {
  const hexes = [ascii(OP_FRAMES['op:deliver pipelined']), ascii(OP_FRAMES['op:gc-exports'])];
  const t = makeTranscript(recordingWithFrames(hexes));
  const sent = t.events.filter((e) => e.kind === 'frame' && e.phase === 'sent');
  expect(sent[0]).toMatchObject({
    frame: 1,
    op: { op: 'op:deliver', to: { export: 5 }, args: [{ symbol: 'make-car-factory' }], answer: 3, resolveMe: { importObject: 15 } },
  });
  // sha256 of the ASCII bytes of `<13'op:gc-exports[1+][2+]>`, computed independently with node:crypto.
  const digest = createHash('sha256').update(Buffer.from(hexes[1], 'hex')).digest('hex');
  expect(sent[1]).toMatchObject({ op: { op: 'op:gc-exports', exportPositions: [1], wireDeltas: [2] }, sha256: digest });
  const delivered = t.events.filter((e) => e.kind === 'frame' && e.phase === 'delivered');
  expect(delivered.map((e) => (e as { label?: string }).label)).toEqual(['op:deliver', 'op:gc-exports']);
  expect(JSON.stringify(t)).not.toContain('bytesHex');
});

test('an undecodable frame is kept with its error and hex, and the run goes on', () => {
  const bad = ascii("<10'op:deliver<11'desc:export5+>>");
  const t = makeTranscript(recordingWithFrames([bad, ascii(OP_FRAMES['op:abort'])]));
  const sent = t.events.filter((e) => e.kind === 'frame' && e.phase === 'sent') as unknown as Array<Record<string, unknown>>;
  expect(sent[0].op).toBeUndefined();
  expect(sent[0].hex).toBe(bad);
  expect(String(sent[0].decodeError)).toMatch(/op:deliver/);
  expect(sent[1].op).toEqual({ op: 'op:abort', reason: 'explode' });
});

test('the header names scenario, seed, driver, options, versions', () => {
  // The header is the network's record: nothing of the plan's expectations is written into it.
  const t = makeTranscript(recordingWithFrames([]));
  expect(t.header).toEqual({
    transcriptVersion: 1,
    harnessVersion: HARNESS_VERSION,
    recordingVersion: 1,
    scenarioId: 'unit/hand-made',
    seed: 1,
    driver: 'reference',
    options: { dialect: 'spec', flush: 'receiver-initiated' },
    mode: 'lock-step',
  });
});

test('HARNESS_VERSION equals package.json version', () => {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
  expect(HARNESS_VERSION).toBe(pkg.version);
});
