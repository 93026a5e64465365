/**
 * Goal: the replay viewer, opened from disk as the matrix links it, steps to a given frame and
 * shows that instant — the frame's decoded op, the frames in flight, every node's tables — and
 * marks a violated check's witness. Method: a stored golden transcript (pipelining-counter,
 * reference, seed 1) rendered into the static viewer page with the built script, driven in
 * Chromium; the screenshot is attached to the test.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { expect, test } from '@playwright/test';
import { readViewerBundle, renderViewerHtml } from '../../harness/report/viewer/page.js';
import type { Transcript } from '../../harness/transcript/types.js';

const transcript = JSON.parse(readFileSync('fixtures/golden/pipelining-counter/reference-seed-1.json', 'utf8')) as Transcript;

test('viewer: step to frame 7, then to the end; the tables and the decoded frame follow the cursor', async ({ page }, testInfo) => {
  const bundle = readViewerBundle();
  expect(bundle, 'dist/viewer/viewer.js is built by the browser projects\' web server (npm run build:viewer)').toBeDefined();
  const file = testInfo.outputPath('viewer.html');
  const verdicts = {
    overall: 'violated' as const,
    verdicts: [{ name: 'perRefFifo', verdict: 'violated' as const, exercised: 3, explanation: 'perRefFifo violated: planted for the test', witness: { frames: [5] } }],
  };
  writeFileSync(file, renderViewerHtml({ transcript, verdicts, source: 'pipelining-counter reference seed 1' }, bundle!));
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.setViewportSize({ width: 1400, height: 820 });
  await page.goto(pathToFileURL(file).href);
  await expect(page.locator('header')).toContainText('violated: perRefFifo');

  // Frame by frame: the first frame is #1 (op:start-session); then jump to frame 7 by number.
  await page.click('#next-frame');
  await expect(page.locator('#op')).toContainText('frame #1 sent alice → bob');
  await expect(page.locator('#op-json')).toContainText('"op": "op:start-session"');
  await page.fill('#goto-frame', '7');
  await page.locator('#goto-frame').dispatchEvent('change');
  await expect(page.locator('#op')).toContainText('frame #7 sent alice → bob');
  await expect(page.locator('#op-json')).toContainText('"answer": 4');
  // Frames 5, 6 and 7 left alice at this instant: three dots in flight, 7 the current one.
  await expect(page.locator('#graph-svg circle[data-frame]')).toHaveCount(3);
  // No snapshot yet: alice's tables are rebuilt from her events, one export to bob at position 1.
  const alice = page.locator('.node-tables[data-node="alice"]');
  await expect(alice).toContainText('rebuilt from node events');
  await expect(alice.locator('tr[data-table]')).toHaveCount(1);
  await expect(alice.locator('tr[data-table="exports"][data-position="1"] td').nth(3)).toHaveText('1');
  const shotAtFrame7 = await page.screenshot();
  await testInfo.attach('viewer-frame-7.png', { body: shotAtFrame7, contentType: 'image/png' });

  // Frame 5's delivery is the planted witness: stepping onto it marks the frame red.
  await page.fill('#goto-frame', '5');
  await page.locator('#goto-frame').dispatchEvent('change');
  await page.click('#next-frame'); // frames 6 and 7 are sent, then 5 is delivered
  await page.click('#next-frame');
  await page.click('#next-frame');
  await expect(page.locator('#op')).toContainText('frame #5 delivered');
  await expect(page.locator('#op .witness-list')).toHaveText('witness of: perRefFifo');

  // The end: both nodes show their end snapshots; bob answered five questions.
  await page.click('#last');
  const bob = page.locator('.node-tables[data-node="bob"]');
  await expect(bob).toContainText('snapshot "end"');
  await expect(bob.locator('tr[data-table="answers"]')).toHaveCount(5);
  await expect(bob.locator('tr[data-table="imports"]')).toHaveCount(5);
  await testInfo.attach('viewer-end.png', { body: await page.screenshot(), contentType: 'image/png' });
  writeFileSync(testInfo.outputPath('viewer-frame-7.png'), shotAtFrame7);
  expect(errors).toEqual([]);
});
