// Goal: the checkers on real recordings from the simulation (scenarios of the pack run in
// Chromium workers with seed 1, stored under recorded/): reference runs validate and violate
// nothing; the `forwarder-reorders` mutant is caught by perRefFifo and forwarderOrder with
// witnesses a reader can follow. Guards against checkers that only work on hand-made data.
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { runChecks } from '../../../harness/checks/index.js';
import { makeTranscript } from '../../../harness/transcript/from-recording.js';
import { validateTranscript } from '../../../harness/transcript/validate.js';
import type { Recording } from '../../../harness/sim/recording.js';

const load = (name: string) => makeTranscript(JSON.parse(readFileSync(new URL(`./recorded/${name}.json`, import.meta.url), 'utf8')) as Recording);

for (const name of ['forwarding-fixed-route-four-hops-reference', 'basics-gc-release-import-reference', 'flush-kill-node-mid-chain-reference', 'flush-refcount-preserved-reference']) {
  test(`reference run ${name}: valid, nothing violated, core checks exercised`, () => {
    const t = load(name);
    expect(validateTranscript(t).text).toBe('');
    const report = runChecks(t);
    expect(report.verdicts.filter((v) => v.verdict === 'violated').map((v) => v.explanation)).toEqual([]);
    for (const core of ['channelPrefix', 'sessionFirst', 'noForgery']) expect(report.verdicts.find((v) => v.name === core)?.verdict).toBe('holds');
  });
}

test('fixed route: perRefFifo and forwarderOrder hold and are exercised', () => {
  const report = runChecks(load('forwarding-fixed-route-four-hops-reference'), ['perRefFifo', 'forwarderOrder', 'noLoss']);
  expect(report.overall).toBe('holds');
  for (const v of report.verdicts) expect(v.exercised, v.name).toBeGreaterThan(0);
});

test('gc scenario exercises gcBalanced; kill scenario exercises noStaleDelivery and brokenWithReason', () => {
  expect(runChecks(load('basics-gc-release-import-reference'), ['gcBalanced']).verdicts[0]).toMatchObject({ verdict: 'holds' });
  const kill = runChecks(load('flush-kill-node-mid-chain-reference'), ['noStaleDelivery', 'brokenWithReason']);
  expect(kill.verdicts.map((v) => v.verdict)).toEqual(['holds', 'holds']);
  // Exercised, not vacuous: carol had sessions on both sides when she was killed.
  for (const v of kill.verdicts) expect(v.exercised, v.name).toBeGreaterThan(0);
});

test('the forwarder-reorders mutant is caught by name, with frames', () => {
  const report = runChecks(load('forwarding-fixed-route-four-hops-forwarder-reorders'));
  const violated = report.verdicts.filter((v) => v.verdict === 'violated');
  expect(violated.map((v) => v.name)).toEqual(['perRefFifo', 'forwarderOrder']);
  expect(violated[0].explanation).toBe('perRefFifo violated: alice on bob.hop at hop at carol: calls#2 dispatched before calls#1 (frames 14, 15)');
  expect(violated[1].explanation).toBe("forwarderOrder violated: bob forwarded alice's #1 on bob.hop to carol after #2 though it received #1 first (frames 14, 15)");
});

test('refcount-preserved: the reference swaps export 2 keeping refcount 2; both flush mutants are caught by flushSwap', () => {
  const ref = runChecks(load('flush-refcount-preserved-reference'), ['flushFence', 'flushSwap']);
  expect(ref.verdicts.map((v) => `${v.name}:${v.verdict}:${v.exercised}`)).toEqual(['flushFence:holds:1', 'flushSwap:holds:1']);
  expect(validateTranscript(load('flush-refcount-preserved-reference')).ok).toBe(true);
  const resets = runChecks(load('flush-refcount-preserved-flush-resets-refcount'), ['flushSwap']).verdicts[0];
  expect(resets.explanation).toBe('flushSwap violated: bob export 2: refcount 1 after the swap, wire balance 2 (frame 10, event 45)');
  const noSwap = runChecks(load('flush-refcount-preserved-flush-without-swap'), ['flushSwap']).verdicts[0];
  expect(noSwap.explanation).toBe('flushSwap violated: bob answered op:flush 2 from alice without swapping export 2 (frames 10, 11)');
});
