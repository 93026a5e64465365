// Goal: the Mermaid text has a participant per node, one message per delivered/dropped frame
// with the transcript's frame number and the kickoff call it carries, notes for handshakes,
// faults, resets, marks and steps, the replay line, and a cap that keeps the start and the end.
import { test, expect } from '@playwright/test';
import { renderMermaid } from '../../../harness/report/sequence-mermaid.js';
import { largeTranscript, sampleTranscript } from './_sample.js';

test('participants, messages, drops, notes, replay', () => {
  const { t, dropped, tagged } = sampleTranscript();
  const md = renderMermaid(t);
  expect(md).toContain('```mermaid\nsequenceDiagram\n  participant a as a\n  participant b as b\n  participant c as c\n');
  expect(md).toContain('  a->>b: n5 deliver e0.forward a1 @');
  expect(md).toContain(`  a->>b: n${tagged} calls no.3 → e2.record a5 @`);
  expect(md).toContain(`  b-xc: n${dropped} deliver e0.forward a1 (dropped) @`);
  expect(md).toContain('  Note over a,b: handshake c1 n1 n2 @');
  expect(md).not.toContain('start-session');
  expect(md).toContain('  Note right of b: mark flush:done @');
  expect(md).toContain('  Note over a,c: expect tables b↔a and results calls @');
  expect(md).toContain('  Note over b,c: partition b c (b|c) @');
  expect(md).toContain('  Note over b,c: reset c2 (partition) @');
  expect(md).toContain('npx ocapn-conformance run unit/hand-made --seed 1 --driver reference');
  expect(md).not.toMatch(/: [^\n]*[;#]/);
});

test('long runs keep their start and end, with a note for the middle', () => {
  const md = renderMermaid(largeTranscript(1000), 40);
  expect(md.match(/->>|-x/g)!.length).toBeLessThanOrEqual(40);
  expect(md).toMatch(/Note over a,b: \d+ more events not drawn/);
  expect(md).toContain('calls no.1000 → e1.record a1000');
  expect(md).toContain('calls no.1 → e1.record a1 ');
});
