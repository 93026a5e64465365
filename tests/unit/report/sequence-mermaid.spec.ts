// Goal: the Mermaid text has a participant per node, one message per delivered/dropped frame
// with the transcript's frame number, notes for faults/resets, the replay line, and a cap.
import { test, expect } from '@playwright/test';
import { renderMermaid } from '../../../harness/report/sequence-mermaid.js';
import { sampleTranscript } from './_sample.js';

test('participants, messages, drops, notes, replay', () => {
  const { t, dropped } = sampleTranscript();
  const md = renderMermaid(t);
  expect(md).toContain('```mermaid\nsequenceDiagram\n  participant a as a\n  participant b as b\n  participant c as c\n');
  expect(md).toContain('  a->>b: n5 deliver e0.forward a1 @');
  expect(md).toContain(`  b-xc: n${dropped} deliver e0.forward a1 (dropped) @`);
  expect(md).toContain('  Note over b,c: partition b c (b|c) @');
  expect(md).toContain('  Note over b,c: reset c2 (partition) @');
  expect(md).toContain('npx ocapn-conformance run unit/hand-made --seed 1 --driver reference');
  expect(md).not.toMatch(/: [^\n]*[;#]/);
});

test('long runs are capped with a note', () => {
  const md = renderMermaid(sampleTranscript().t, 3);
  expect(md.match(/->>|-x/g)).toHaveLength(3);
  expect(md).toMatch(/Note over a: \d+ more events not drawn/);
});
