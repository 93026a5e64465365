// Goal: pairing holds when every import has a matching export at the peer and catches a dangling
// import and a kind mismatch.
import { test, expect } from '@playwright/test';
import { runChecker } from '../../../harness/checks/verdict.js';
import { pairing } from '../../../harness/checks/pairing.js';
import { TranscriptBuilder } from './_transcript-builder.js';
import { entry, session, snapshot } from './_tables.js';

function moment(exportKind: 'object' | 'promise' | undefined) {
  const b = new TranscriptBuilder();
  b.tables('after-call', snapshot('a', session('b', { imports: [entry(0, 'object'), entry(3, 'promise')] })));
  b.tables('after-call', snapshot('b', session('a', { exports: exportKind ? [entry(3, exportKind)] : [] })));
  return b.build();
}

test('holds when the import is paired with an export of the same kind', () => {
  expect(runChecker(pairing, moment('promise'))).toMatchObject({ verdict: 'holds', exercised: 1 });
});

test('violated when the peer exports nothing at the position', () => {
  expect(runChecker(pairing, moment(undefined)).explanation).toBe('pairing violated: after-call: a imports promise 3 from b, which exports nothing at 3');
});

test('violated when the kinds differ', () => {
  expect(runChecker(pairing, moment('object')).explanation).toContain('which exports a object there');
});
