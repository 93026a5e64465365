// Goal: case annotations written by the runner read back to the same identity, and a test
// without them is not a conformance case.
import { test, expect } from '@playwright/test';
import { ANNOTATION, annotateCase, annotateVerdict, readCaseAnnotations } from '../../../harness/report/annotations.js';

test('round trip of the case identity and verdict', () => {
  const info = { annotations: [] as Array<{ type: string; description?: string }> };
  annotateCase(info, { scenario: 'flush/chain-3', scenarioTitle: 'a flush mid-chain keeps order', driver: 'mutant:flush-resets-refcount', conforming: false, driverRank: 3, seed: 7, features: ['flush', 'forwarding'], level: 'MUST', expectedFailure: 'flushSwap' });
  info.annotations.push({ type: ANNOTATION.caughtBy, description: 'flushSwap' });
  annotateVerdict(info, 'violated', ['flushSwap', 'gcBalanced']);
  expect(info.annotations[0]).toEqual({ type: ANNOTATION.scenario, description: 'flush/chain-3' });
  expect(readCaseAnnotations(info.annotations)).toEqual({
    scenario: 'flush/chain-3',
    scenarioTitle: 'a flush mid-chain keeps order',
    driver: 'mutant:flush-resets-refcount',
    conforming: false,
    driverRank: 3,
    seed: 7,
    features: ['flush', 'forwarding'],
    level: 'MUST',
    expectedFailure: 'flushSwap',
    verdict: 'violated',
    violated: ['flushSwap', 'gcBalanced'],
    caughtBy: ['flushSwap'],
  });
  // A run from before the `conforming` annotation: a case is a mutant's when it expects a failure.
  expect(readCaseAnnotations([{ type: ANNOTATION.scenario, description: 's' }])?.conforming).toBe(true);
  expect(readCaseAnnotations([{ type: 'issue', description: 'x' }])).toBeUndefined();
});
