/**
 * Goal: the install-time browser choice follows the documented order (CHROMIUM_PATH, Playwright's
 * own, system Chromium) and reports a bad override. Method: call the pure decision function.
 */
import { test, expect } from '@playwright/test';
// @ts-expect-error plain JS module without types (runs at npm postinstall, before any build)
import { chooseBrowser } from '../../../harness/tools/find-browser.mjs';

const none = () => false;

test('CHROMIUM_PATH wins when it exists', () => {
  const r = chooseBrowser({ env: { CHROMIUM_PATH: '/opt/c' }, exists: (p: string) => p === '/opt/c', playwrightPath: '/pw' });
  expect(r).toEqual({ executablePath: '/opt/c', source: 'CHROMIUM_PATH' });
});

test('a CHROMIUM_PATH that does not exist is an error naming it', () => {
  const r = chooseBrowser({ env: { CHROMIUM_PATH: '/nope' }, exists: none });
  expect(r.error).toBe('CHROMIUM_PATH=/nope does not exist');
});

test("Playwright's own Chromium is preferred over a system one", () => {
  const r = chooseBrowser({ env: {}, exists: () => true, playwrightPath: '/pw/chrome' });
  expect(r).toEqual({ executablePath: undefined, source: 'playwright' });
});

test('the real Debian binary is chosen before the /usr/bin wrapper', () => {
  const r = chooseBrowser({ env: {}, exists: () => true });
  expect(r.executablePath).toBe('/usr/lib/chromium/chromium');
});

test('nothing found gives undefined so the caller can install or explain', () => {
  expect(chooseBrowser({ env: {}, exists: none })).toBeUndefined();
});
