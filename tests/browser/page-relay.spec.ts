/**
 * Goal: the built page starts N real module workers and relays a frame from one worker to
 * another through the page. Method: drive `window.ocapnHarness.relaySmoke` in Chromium.
 */
import { test, expect } from '@playwright/test';

test('page starts 4 module workers and relays a frame n0 → n3 through the page', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('#status')).toHaveText('ready');
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  const result = await page.evaluate(() => window.ocapnHarness.relaySmoke(4, [60, 52, 39, 118, 111, 105, 100, 62]));
  expect(result.readyWorkers).toEqual(['n0', 'n1', 'n2', 'n3']);
  expect(result.received).toEqual([{ at: 'n3', from: 'n0', bytes: [60, 52, 39, 118, 111, 105, 100, 62] }]);
});
