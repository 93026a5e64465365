/**
 * Goal: exploration in the real page — a mutant's violation is found, written as a replay
 * scenario, and shrunk to a standalone YAML scenario with at most half the frames that the
 * language loads and that still violates the same check; the conforming driver explores clean,
 * and the outcome does not depend on how many pages share the work.
 * Method: harness/explore/explore.ts over Playwright pages of the built harness page.
 */
import { readFileSync, rmSync } from 'node:fs';
import { test, expect, type Page } from '@playwright/test';
import { loadCatalog } from '../../harness/case/catalog.js';
import { judgeCase } from '../../harness/case/judge.js';
import { runInPage } from '../../harness/case/page-run.js';
import { explore } from '../../harness/explore/explore.js';
import { loadScenario } from '../../harness/scenario/load.js';

const plan = (id: string) => loadCatalog().find((e) => e.plan?.id === id)!.plan!;

async function open(page: Page): Promise<void> {
  await page.goto('/');
  await expect(page.locator('#status')).toHaveText('ready');
}

test('forwarder-reorders on fixed-route-four-hops: found, replayable, shrunk to at most half the frames', async ({ page }, info) => {
  test.setTimeout(120_000);
  await open(page);
  const outDir = info.outputPath('explore');
  rmSync(outDir, { recursive: true, force: true });
  const r = await explore({ targets: [{ plan: plan('fixed-route-four-hops'), driver: 'forwarder-reorders' }], seeds: [1], pages: [page], outDir });
  expect(r.violations).toHaveLength(1);
  const v = r.violations[0];
  expect(v.check).toBe('perRefFifo');
  expect(v.shrunk).toBeDefined();
  const shrunk = v.shrunk!;
  info.annotations.push({ type: 'shrink', description: `${v.frames} → ${shrunk.frames} frames in ${shrunk.trials} runs` });
  expect(shrunk.frames * 2).toBeLessThanOrEqual(v.frames);
  expect(shrunk.file).toMatch(/fixed-route-four-hops-shrunk-seed-1\.yaml$/);
  // Standalone: the language loads it; and it reproduces the same violation when run.
  const loaded = loadScenario(shrunk.file);
  expect(loaded.errors?.map((e) => e.message) ?? []).toEqual([]);
  expect(loaded.plan!.topology.nodes.length).toBeLessThan(5);
  const again = judgeCase(loaded.plan!, await runInPage(page, loaded.plan!, 1, 'forwarder-reorders'));
  expect(again.checks.verdicts.find((c) => c.name === 'perRefFifo')?.verdict).toBe('violated');
  // The replay scenario (unshrunk) reproduces the original run frame for frame.
  const replay = loadScenario(v.replayFile).plan!;
  const replayed = judgeCase(replay, await runInPage(page, replay, 1, 'forwarder-reorders'));
  expect(replayed.transcript.events.filter((e) => e.kind === 'frame')).toHaveLength(v.frames);
  expect(readFileSync(shrunk.file, 'utf8')).toContain('perRefFifo stays violated');
});

test('the reference driver explores clean, and 1 or 2 pages give the same verdicts', async ({ page, context }) => {
  test.setTimeout(120_000);
  await open(page);
  const second = await context.newPage();
  await open(second);
  const targets = [{ plan: plan('random-route-two-to-six-hops'), driver: 'reference' }];
  const seeds = [1, 2, 3, 4, 5, 6];
  const one = await explore({ targets, seeds, pages: [page], shrink: false });
  const two = await explore({ targets, seeds, pages: [page, second], shrink: false });
  expect(one.violations).toEqual([]);
  expect(one.cases).toBe(6);
  expect(two.scenarios).toEqual(one.scenarios);
});

test('the mutant is caught again with 2 pages and injected faults, each seed on its own replay', async ({ page, context }) => {
  test.setTimeout(120_000);
  await open(page);
  const second = await context.newPage();
  await open(second);
  const targets = [{ plan: plan('fixed-route-four-hops'), driver: 'forwarder-reorders' }];
  const r = await explore({ targets, seeds: [1, 2, 3], pages: [page, second], shrink: false, options: { kickoffJitterMs: 10, faults: ['stall'], maxFaults: 2 }, outDir: test.info().outputPath('faults') });
  expect(r.violations.map((v) => v.seed)).toEqual([1, 2, 3]);
  expect(new Set(r.violations.map((v) => v.replayFile)).size).toBe(3);
});
