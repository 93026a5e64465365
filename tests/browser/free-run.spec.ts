/**
 * Goal: free-run mode in the real page — real Web Workers not lock-stepped, real latencies kept
 * by the page's real timers — runs a chain and returns a well-formed recording marked
 * `free-run` whose results match the lock-step run of the same plan. Method:
 * `window.ocapnHarness.runPlan({ mode: 'free-run' })` and the same plan in lock-step.
 */
import { test, expect, type Page } from '@playwright/test';
import { makeChainPlan } from '../unit/sim/_plan-builder.js';
import { freeRunProblems } from '../unit/sim/_free-run-checks.js';
import type { Plan } from '../../harness/scenario/plan.js';
import type { Recording } from '../../harness/sim/recording.js';


const plan: Plan = makeChainPlan({ id: 'browser-free-chain', hops: 5, latency: { kind: 'fixed', ms: 20 }, count: 3, everyMs: 10 });

async function runPlan(page: Page, mode: 'lock-step' | 'free-run'): Promise<Recording> {
  const input = JSON.stringify({ plan, seed: 3, driver: 'reference', mode });
  const json: string = await page.evaluate(async (s) => JSON.stringify(await window.ocapnHarness.runPlan(JSON.parse(s))), input);
  return JSON.parse(json) as Recording;
}

test('a chain in free-run over real workers: well-formed recording, real latencies, results as in lock-step', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('#status')).toHaveText('ready');
  const free = await runPlan(page, 'free-run');
  expect(free.outcome.error).toBeUndefined();
  expect(free.outcome.end).toBe('quiescent');
  expect(free.header.mode).toBe('free-run');
  expect(freeRunProblems(free, 20)).toEqual([]);
  expect(free.events.filter((e) => e.kind === 'frame' && e.phase === 'delivered').length).toBeGreaterThan(10);
  // Real ms: a handshake and five forwards and back at 20 ms a link cannot end sooner.
  expect(free.events.at(-1)!.atMs).toBeGreaterThan(10 * 20);
  await expect(page.locator('#status')).toContainText('free-run quiescent');
  const lock = await runPlan(page, 'lock-step');
  expect(lock.header.mode).toBe('lock-step');
  expect(free.outcome.results).toEqual(lock.outcome.results);
  expect(free.outcome.results.chain).toEqual({ outcome: 'fulfilled', value: 'done' });
});
