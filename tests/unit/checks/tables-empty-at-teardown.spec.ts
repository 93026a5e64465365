// Goal: tablesEmptyAtTeardown holds for empty tables (bootstrap aside) in a teardown snapshot,
// catches a leftover export, and is unknown without a teardown snapshot.
import { test, expect } from '@playwright/test';
import { runChecker } from '../../../harness/checks/verdict.js';
import { tablesEmptyAtTeardown } from '../../../harness/checks/tables-empty-at-teardown.js';
import { TranscriptBuilder } from './_transcript-builder.js';
import { entry, session, snapshot } from './_tables.js';

test('holds for empty tables, violated for a leftover export, unknown without teardown', () => {
  const ok = new TranscriptBuilder();
  ok.tables('teardown', snapshot('a', session('b', { exports: [entry(0, 'object', 0)] })));
  expect(runChecker(tablesEmptyAtTeardown, ok.build())).toMatchObject({ verdict: 'holds', exercised: 1 });

  const leak = new TranscriptBuilder();
  leak.tables('teardown', snapshot('a', session('b', { exports: [entry(4, 'promise', 1)] })));
  expect(runChecker(tablesEmptyAtTeardown, leak.build()).explanation).toBe(
    'tablesEmptyAtTeardown violated: a still has 1 exports with b at teardown: promise 4',
  );

  const none = new TranscriptBuilder();
  none.tables('after-step-1', snapshot('a', session('b', { exports: [entry(4, 'promise', 1)] })));
  expect(runChecker(tablesEmptyAtTeardown, none.build()).verdict).toBe('unknown');
});
