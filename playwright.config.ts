/**
 * Playwright configuration: the runner for unit tests (Node only), browser tests (real Chromium,
 * real Web Workers against the built page), conformance (every scenario × conforming driver ×
 * seed) and mutants (deliberately broken drivers that named checks must catch).
 * The page is tested as a built bundle served by `vite preview`, never the dev server (which
 * reloads mid-test when a worker pulls in a new dependency; Vite's dependency optimiser).
 */
import { availableParallelism } from 'node:os';
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutable } from './harness/cli/chromium.js';

// Fixed and unusual, so a stranger's server is unlikely; OCAPN_PAGE_PORT moves it (parallel checkouts).
export const PAGE_PORT = Number(process.env.OCAPN_PAGE_PORT ?? 47613);
const baseURL = `http://127.0.0.1:${PAGE_PORT}/`;
// OCAPN_PAGE_OUT (absolute): build and serve the page from there, so a nested run (the sharding
// test) never rewrites the bundle another run is serving from dist/page.
const pageOut = process.env.OCAPN_PAGE_OUT ? ` --outDir ${JSON.stringify(process.env.OCAPN_PAGE_OUT)}` : '';

/** Projects named on the command line (`--project=unit`, `--project unit`); empty means all. */
function selectedProjects(argv: string[]): string[] {
  const names: string[] = [];
  argv.forEach((arg, i) => {
    if (arg.startsWith('--project=')) names.push(arg.slice('--project='.length));
    else if (arg === '--project' && argv[i + 1]) names.push(argv[i + 1]);
  });
  return names;
}

// Node-only runs (`--project=unit`) need no page: skip building and serving it, so they are fast
// and do not collide with a page build in progress.
const nodeOnly = (() => {
  const names = selectedProjects(process.argv);
  return names.length > 0 && names.every((n) => n === 'unit');
})();

export default defineConfig({
  testDir: 'tests',
  outputDir: 'reports/test-output',
  snapshotPathTemplate: '{testDir}/__snapshots__/{testFilePath}/{arg}{ext}',
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  // Every core: Playwright's default is half of them, which is ONE worker on a 2-core machine.
  // Cases are independent (each runs in its own node workers on a fresh network; the harness page
  // is per worker); a scenario's `sometimes` test runs after its seeds in the same worker because
  // its describe is in mode `default` (tests/conformance/scenarios.spec.ts). OCAPN_WORKERS or
  // --workers overrides.
  workers: Number(process.env.OCAPN_WORKERS ?? availableParallelism()),
  reporter: [
    ['list'],
    ['html', { open: 'never', outputFolder: 'reports/playwright-html' }],
    ['json', { outputFile: 'reports/test-results.json' }],
  ],
  use: {
    baseURL,
    launchOptions: {
      executablePath: chromiumExecutable(),
      args: CHROMIUM_ARGS,
    },
  },
  projects: [
    { name: 'unit', testDir: 'tests/unit' },
    { name: 'browser', testDir: 'tests/browser' },
    // Every scenario × conforming driver × seed (tests/conformance/scenarios.spec.ts), and the
    // mutants that must be caught by a named check (mutants.spec.ts, each case under test.fail()).
    { name: 'conformance', testDir: 'tests/conformance', testMatch: ['scenarios.spec.ts', 'endo-tcp.spec.ts'] },
    { name: 'mutants', testDir: 'tests/conformance', testMatch: 'mutants.spec.ts' },
  ],
  // The replay viewer's script is built with the page: browser tests load it, and the matrix
  // reporter inlines it into each case's viewer.html.
  webServer: nodeOnly ? undefined : {
    command: `npx vite build --config harness/page/vite.config.ts --logLevel warn${pageOut} && npx vite build --config harness/report/viewer/vite.config.ts --logLevel warn && npx vite preview --config harness/page/vite.config.ts${pageOut}`,
    url: baseURL,
    // A stranger's server on our port must never be mistaken for ours in CI.
    reuseExistingServer: !process.env.CI,
    stdout: 'ignore',
    stderr: 'pipe',
    timeout: 60_000,
  },
});
