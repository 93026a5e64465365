// Goal: brokenWithReason accepts (given the plan's allowed reasons as context, never the transcript) kickoffs broken with an allowed reason after a fault, and
// catches a kickoff left pending or broken with a reason outside the allowed set.
import { test, expect } from '@playwright/test';
import { runChecker } from '../../../harness/checks/verdict.js';
import { brokenWithReason } from '../../../harness/checks/broken-with-reason.js';
import { TranscriptBuilder } from './_transcript-builder.js';

function faulted(result: { outcome: 'fulfilled' | 'broken' | 'pending'; reason?: string; category?: 'reset' }) {
  const b = new TranscriptBuilder();
  b.app('a', 'settled', { kickoff: 'early', outcome: 'fulfilled' });
  b.fault('kill', ['c'], 'killed');
  b.results = { early: { outcome: 'fulfilled' }, k1: result };
  return b;
}

test('holds when the dependent kickoff breaks with an allowed reason', () => {
  const t = faulted({ outcome: 'broken', reason: 'Session disconnected' }).build();
  expect(runChecker(brokenWithReason, t, { allowedBreakReasons: ['disconnected', 'partition'] })).toMatchObject({ verdict: 'holds', exercised: 1 });
});

test('violated when a kickoff is still pending at the end', () => {
  const v = runChecker(brokenWithReason, faulted({ outcome: 'pending' }).build());
  expect(v.explanation).toMatch(/^brokenWithReason violated: kickoff k1 still pending at the end of the run \(quiescent\) after kill of c \(event \d+\)$/);
});

test('violated when the reason is not in the allowed set', () => {
  const t = faulted({ outcome: 'broken', reason: 'TypeError: x is undefined' }).build();
  expect(runChecker(brokenWithReason, t, { allowedBreakReasons: ['disconnected'] }).explanation).toBe(
    'brokenWithReason violated: kickoff k1 broken with "TypeError: x is undefined" (allowed: disconnected)',
  );
});

test('unknown without a fault', () => {
  expect(runChecker(brokenWithReason, new TranscriptBuilder().build()).verdict).toBe('unknown');
});

test('brokenWithReason - an allowed entry may name a plan break category instead of a substring', () => {
  // The reference node's break: its category, not its words, is what an allowed category meets.
  const lost = faulted({ outcome: 'broken', reason: 'session with bob ended: connection reset: killed: bob', category: 'reset' });
  expect(runChecker(brokenWithReason, lost.build(), { allowedBreakReasons: ['connection-lost'] }).verdict).toBe('holds');
  expect(runChecker(brokenWithReason, lost.build(), { allowedBreakReasons: ['session-aborted'] }).verdict).toBe('violated');
});
