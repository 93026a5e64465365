// Goal: the golden matcher passes identical transcripts, reports the first divergent event
// (index, link, expected vs actual op) before a diff, writes in update modes, never writes (and
// fails) on a missing golden under CI, fails-but-writes locally, and prunes stale goldens.
import { test, expect } from '@playwright/test';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTranscript } from '../../../harness/transcript/from-recording.js';
import { goldenModeFrom, goldenPath, listGoldens, matchGolden, pruneGoldens, staleGoldens } from '../../../harness/transcript/golden.js';
import { transcriptToText } from '../../../harness/transcript/canonical-json.js';
import { diffTranscriptTexts } from '../../../harness/transcript/golden-diff.js';
import { OP_FRAMES, ascii, recordingWithFrames } from './_wire-frames.js';
import type { Transcript } from '../../../harness/transcript/types.js';

const frames = ['op:deliver pipelined', 'op:listen 3 fields', 'op:abort'].map((k) => ascii(OP_FRAMES[k]));
const transcript = () => makeTranscript(recordingWithFrames(frames));

test('mode: env beats Playwright, and CI never writes a missing golden', () => {
  expect(goldenModeFrom('missing', {})).toBe('missing');
  expect(goldenModeFrom('missing', { CI: '1' })).toBe('none');
  expect(goldenModeFrom('all', { CI: '1' })).toBe('all');
  expect(goldenModeFrom('none', { OCAPN_GOLDENS: 'changed' })).toBe('changed');
  expect(goldenPath('flush/chain', 'reference', 7)).toBe('fixtures/golden/flush/chain/reference-seed-7.json');
});

test('missing golden: CI fails without writing; locally writes and fails; update writes and passes', () => {
  const testInfo = test.info();
  const root = testInfo.outputPath('golden');
  const path = goldenPath('basic/hello', 'reference', 1, root);
  const ci = matchGolden(transcript(), path, 'none');
  expect(ci).toMatchObject({ pass: false, action: 'missing' });
  expect(existsSync(path)).toBe(false);
  const local = matchGolden(transcript(), path, 'missing');
  expect(local).toMatchObject({ pass: false, action: 'written' });
  expect(readFileSync(path, 'utf8')).toBe(transcriptToText(transcript()));
  expect(matchGolden(transcript(), path, 'none')).toMatchObject({ pass: true, action: 'matched' });
  const fresh = goldenPath('basic/other', 'reference', 1, root);
  expect(matchGolden(transcript(), fresh, 'all')).toMatchObject({ pass: true, action: 'written' });
});

test('a mismatch names the first divergent event with both op views, then diffs', () => {
  const testInfo = test.info();
  const path = join(testInfo.outputPath('golden'), 'x', 'reference-seed-1.json');
  mkdirSync(join(testInfo.outputPath('golden'), 'x'), { recursive: true });
  writeFileSync(path, transcriptToText(transcript()));
  const changed = makeTranscript(recordingWithFrames([frames[0], ascii(OP_FRAMES['op:get']), frames[2]]));
  const result = matchGolden(changed, path, 'none');
  expect(result.pass).toBe(false);
  const lines = result.message.split('\n');
  expect(lines[0]).toBe(`${path}: does not match the golden (full diff: golden-diff.txt in the case's evidence)`);
  expect(lines[1]).toBe('first divergent event: #4 on c1 a→b (expected 8 events, got 8)');
  expect(lines[2]).toBe('  expected: frame 2 sent c1 a→b: {"op":"op:listen","to":{"export":1},"resolveMe":{"importObject":2},"wantsPartial":false}');
  expect(lines[3]).toBe('  actual:   frame 2 sent c1 a→b: {"op":"op:get","receiver":{"answer":5},"fieldName":"someField","answer":10}');
  expect(lines[4]).toBe('diff (- expected, + actual):');
  expect(result.message).toContain('- {"seq":4');
  expect(result.message).toContain('+ {"seq":4');
  expect(matchGolden(changed, path, 'changed')).toMatchObject({ pass: true, action: 'updated' });
  expect(matchGolden(changed, path, 'none').pass).toBe(true);
});

test('a header difference is reported as a section', () => {
  const testInfo = test.info();
  const path = join(testInfo.outputPath('g'), 'reference-seed-1.json');
  matchGolden(transcript(), path, 'all');
  const t = transcript();
  t.header.seed = 2;
  const result = matchGolden(t, path, 'none');
  expect(result.message).toContain('section differs:');
  expect(result.message).toContain('"seed":2');
});

test('free-run transcripts are never goldened', () => {
  const testInfo = test.info();
  const t = transcript();
  t.header.mode = 'free-run';
  const path = join(testInfo.outputPath('g'), 'r-seed-1.json');
  expect(matchGolden(t, path, 'none')).toMatchObject({ pass: true, action: 'skipped' });
  expect(existsSync(path)).toBe(false);
});

test('prune lists and removes goldens no case produces, keeping produced ones', () => {
  const testInfo = test.info();
  const root = testInfo.outputPath('golden');
  const keep = goldenPath('a/one', 'reference', 1, root);
  const old = goldenPath('b/gone', 'reference', 3, root);
  for (const p of [keep, old]) matchGolden(transcript(), p, 'all');
  expect(listGoldens(root)).toEqual([keep, old]);
  expect(staleGoldens([keep], root)).toEqual([old]);
  expect(pruneGoldens([keep], { root, dryRun: true })).toEqual([old]);
  expect(existsSync(old)).toBe(true);
  expect(pruneGoldens([keep], { root })).toEqual([old]);
  expect(existsSync(old)).toBe(false);
  expect(existsSync(join(root, 'b'))).toBe(false);
  expect(existsSync(keep)).toBe(true);
});

test('regenerating the same transcript is byte-identical', () => {
  expect(transcriptToText(transcript())).toBe(transcriptToText(transcript()));
});

test('a timing-only mismatch says so first, with one example and the accept command, and no diff', () => {
  const testInfo = test.info();
  const path = join(testInfo.outputPath('golden'), 'reference-seed-1.json');
  const signed = (sig: string): Transcript => {
    const t = transcript();
    for (const e of t.events) if (e.kind === 'frame' && e.phase === 'sent' && e.op) e.op = { ...e.op, locationSig: { r: sig } };
    return t;
  };
  matchGolden(signed('aa'), path, 'all');
  const later = signed('aa');
  let moved = 0;
  for (const e of later.events) {
    if (e.seq < 4) continue;
    e.atMs += 1.5;
    moved++;
    // A signature and the frame hash follow from what was signed; a time can be part of it.
    if (e.kind === 'frame' && e.phase === 'sent') {
      e.sha256 = 'f'.repeat(64);
      if (e.op) e.op = { ...e.op, locationSig: { r: 'bb' } };
    }
  }
  const result = matchGolden(later, path, 'none');
  expect(result).toMatchObject({ pass: false, action: 'mismatch', timingOnly: moved });
  const lines = result.message.split('\n');
  expect(lines[1]).toBe(`timing-only difference in ${moved} events: the same 8 events in the same order; only virtual times (atMs) and bytes that follow from them (signatures, frame sha256) differ`);
  expect(lines[2]).toMatch(/^ {2}e\.g\. event #4: atMs \d+(\.\d+)? → \d+(\.\d+)?; signature bytes in the op; sha256 [0-9a-f]{8}… → ffffffff…$/);
  expect(lines[3]).toMatch(/^ {4}frame 2 sent c1 a→b: /);
  expect(lines[4]).toBe('accept the actual transcript as the new golden: npm run goldens:update -- --grep "unit/hand-made \\[reference\\] seed 1\\b"   (if the new timing is intended)');
  expect(result.message).not.toContain('diff (- expected');
  // The evidence file keeps the whole diff.
  expect(result.diff).toContain('diff (- expected, + actual):');
  expect(result.diff!.split('\n').filter((l) => l.startsWith('+ {')).length).toBe(moved);
});

test('a frame hash that changes while its op view does not is a real change, not timing', () => {
  const testInfo = test.info();
  const path = join(testInfo.outputPath('golden'), 'reference-seed-1.json');
  matchGolden(transcript(), path, 'all');
  const recoded = transcript();
  for (const e of recoded.events) {
    e.atMs += 1;
    // Same view, other bytes: an encoding the view does not show.
    if (e.kind === 'frame' && e.phase === 'sent' && e.frame === 2) e.sha256 = '0'.repeat(64);
  }
  const result = matchGolden(recoded, path, 'none');
  expect(result.timingOnly).toBe(0);
  expect(result.message).toContain('first divergent event: #0');
});

test('a change beyond timing is not called timing-only, and the message ends with the accept command', () => {
  const testInfo = test.info();
  const path = join(testInfo.outputPath('golden'), 'reference-seed-1.json');
  matchGolden(transcript(), path, 'all');
  const changed = makeTranscript(recordingWithFrames([frames[0], ascii(OP_FRAMES['op:get']), frames[2]]));
  for (const e of changed.events) e.atMs += 1;
  const result = matchGolden(changed, path, 'none');
  expect(result.timingOnly).toBe(0);
  expect(result.message).not.toContain('timing-only');
  expect(result.message).toContain('first divergent event: #0');
  expect(result.message.split('\n').at(-1)).toMatch(/^if the change is intended, accept the actual transcript as the new golden: npm run goldens:update -- --grep /);
});

test('the message diff is bounded; the full diff is not', () => {
  const long = makeTranscript(recordingWithFrames(Array.from({ length: 40 }, () => frames[0])));
  const other = makeTranscript(recordingWithFrames(Array.from({ length: 40 }, () => frames[2])));
  const diff = diffTranscriptTexts(transcriptToText(long), transcriptToText(other), { maxLines: 10 });
  expect(diff.text).toMatch(/… \(diff truncated: \d+ more lines in the full diff\)/);
  expect(diff.text.split('\n').filter((l) => /^([-+] \{|@@)/.test(l))).toHaveLength(10);
  expect(diff.full.split('\n').filter((l) => /^- \{/.test(l)).length).toBeGreaterThanOrEqual(40);
});
