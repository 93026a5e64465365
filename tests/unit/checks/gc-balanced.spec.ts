// Goal: gcBalanced counts references per occurrence and catches an importer releasing more than
// it was sent (the ledger line names export, sent and released).
import { test, expect } from '@playwright/test';
import { runChecker } from '../../../harness/checks/verdict.js';
import { gcBalanced } from '../../../harness/checks/gc-balanced.js';
import { TranscriptBuilder, exp, imo, op, sym } from './_transcript-builder.js';

test('holds when releases match two occurrences in one message', () => {
  const b = new TranscriptBuilder();
  const c = b.session('a', 'b');
  b.exchange(c, 'b', op.deliver(exp(0), [sym('two'), imo(2), imo(2)]));
  b.exchange(c, 'a', op.gcExports([2], [2]));
  expect(runChecker(gcBalanced, b.build())).toMatchObject({ verdict: 'holds', exercised: 1 });
});

test('violated when more is released than was sent', () => {
  const b = new TranscriptBuilder();
  const c = b.session('a', 'b');
  const sent = b.exchange(c, 'b', op.deliver(exp(0), [sym('one'), imo(2)]));
  const gc = b.exchange(c, 'a', op.gcExports([2], [3]));
  const v = runChecker(gcBalanced, b.build());
  expect(v.explanation).toBe(`gcBalanced violated: b export 2 on c1: sent 1, released 3 (frames ${sent}, ${gc})`);
});

test('a release in flight while the exporter sends again stays balanced', () => {
  const b = new TranscriptBuilder();
  const c = b.session('a', 'b');
  b.exchange(c, 'b', op.deliver(exp(0), [sym('one'), imo(2)]));
  const gc = b.send(c, 'a', op.gcExports([2], [1]));
  b.exchange(c, 'b', op.deliver(exp(0), [sym('again'), imo(2)]));
  b.deliver(gc);
  expect(runChecker(gcBalanced, b.build()).verdict).toBe('holds');
});
