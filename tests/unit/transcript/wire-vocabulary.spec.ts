// Goal: which operations and descriptors a transcript put on the wire, read from its op views:
// descriptors anywhere in the fields (signed handoffs nested inside arguments included), and
// never an app's struct key that happens to be spelled like a descriptor's view key.
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { descriptorsInView } from '../../../harness/ocapn/wire/descriptor-labels.js';
import { wireUse } from '../../../harness/transcript/wire-vocabulary.js';

test('descriptors in an op view, structs and tagged payloads walked by their meaning', () => {
  const view = {
    op: 'op:deliver',
    to: { export: 0 },
    args: [{ symbol: 'give' }, { struct: { export: 3, answer: { importPromise: 2 } } }, { tagged: 'x', payload: { error: 'boom' } }],
    answer: 1,
    resolveMe: { importObject: 1 },
  };
  expect(descriptorsInView(view)).toEqual(['desc:error', 'desc:export', 'desc:import-object', 'desc:import-promise', 'desc:tagged']);
  expect(descriptorsInView({ op: 'op:gc-answers', answerPositions: [1, 2] })).toEqual([]);
});

test('a recorded handoff: the certificates inside the signed envelope are found', () => {
  const t = JSON.parse(readFileSync('fixtures/golden/fixed-route-four-hops/reference-seed-1.json', 'utf8'));
  const use = wireUse(t);
  expect(use.operations).toContain('op:start-session');
  expect(use.operations).toContain('op:deliver');
  expect(use.descriptors).toEqual(expect.arrayContaining(['desc:export', 'desc:import-object']));
  const handoff = JSON.parse(readFileSync('fixtures/golden/gift-withdrawn-before-deposit@shortener-initiated/reference-seed-1.json', 'utf8'));
  expect(wireUse(handoff).descriptors).toEqual(expect.arrayContaining(['desc:sig-envelope', 'desc:handoff-give', 'desc:handoff-receive']));
});
