/**
 * Browser benchmarks: NOT part of `npm test` (numbers are printed, never asserted as targets).
 * Run: `npx playwright test -c tests/browser-bench/playwright.bench.config.ts`.
 * Reuses the main config (browser, page server) with one project and a plain list reporter.
 */
import { defineConfig } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import base from '../../playwright.config.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

export default defineConfig({
  ...base,
  testDir: fileURLToPath(new URL('.', import.meta.url)),
  outputDir: `${root}/reports/bench-output`,
  fullyParallel: false,
  workers: 1,
  reporter: [['list']],
  projects: [{ name: 'browser-bench', testMatch: /.*\.bench\.spec\.ts/ }],
  webServer: base.webServer && !Array.isArray(base.webServer) ? { ...base.webServer, cwd: root } : base.webServer,
});
