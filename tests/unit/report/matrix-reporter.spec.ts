// Goal: the matrix reporter works inside a real Playwright run: a passing case, a failing case
// a mutant case under test.fail and a case skipped with its reason land in reports/conformance.json and .html with their
// evidence copied and linked; tests without ocapn annotations are ignored. Method: write an
// inline spec + config into the test's output folder and run the real Playwright CLI on it.
import { test, expect } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { checkReport } from '../../../harness/report/report-schema.js';

const TRANSCRIPT = JSON.parse(readFileSync('fixtures/golden/pipelining-counter/reference-seed-1.json', 'utf8'));

test('a real Playwright run writes the matrix with evidence', () => {
  test.setTimeout(60_000);
  const dir = test.info().outputPath('run');
  const harness = resolve('harness');
  const out = join(dir, 'reports');
  mkdirSync(dir, { recursive: true });
  // A stand-in for the built viewer script: the reporter inlines whatever the bundle holds.
  const bundle = join(dir, 'viewer-bundle.js');
  writeFileSync(bundle, 'window.viewerStandIn = 1;');
  writeFileSync(
    join(dir, 'cases.spec.ts'),
    `import { test, expect } from '@playwright/test';
import { annotateCase, annotateVerdict } from '${harness}/report/annotations.ts';
const id = (driver: string, seed: number, extra = {}) => ({ scenario: 'basic/hello', scenarioTitle: 'two nodes <say> hello', driver, seed, features: ['sessions'], level: 'MUST' as const, ...extra });
test('hello reference seed 1', async ({}, info) => {
  annotateCase(info, id('reference', 1));
  annotateVerdict(info, 'holds', []);
  await info.attach('sequence.svg', { body: '<svg xmlns="http://www.w3.org/2000/svg"/>', contentType: 'image/svg+xml' });
});
test('hello reference seed 2', async ({}, info) => {
  annotateCase(info, id('reference', 2));
  annotateVerdict(info, 'violated', ['perRefFifo']);
  expect(1, 'perRefFifo violated: a on p1 at c: #3 dispatched before #2').toBe(2);
});
test('hello reference seed 3', async ({}, info) => {
  annotateCase(info, id('reference', 3));
  annotateVerdict(info, 'holds', []);
  await info.attach('transcript.json', { body: ${JSON.stringify(JSON.stringify(TRANSCRIPT))}, contentType: 'application/json' });
  await info.attach('verdicts.json', { body: '{"overall":"holds","verdicts":[]}', contentType: 'application/json' });
});
test('hello mutant', async ({}, info) => {
  test.fail();
  annotateCase(info, id('mutant:reorder', 1, { expectedFailure: 'forwarderOrder' }));
  annotateVerdict(info, 'violated', ['forwarderOrder']);
  expect(0).toBe(1);
});
test('hello endo seed 1', async ({}, info) => {
  annotateCase(info, id('endo', 1));
  test.skip(true, 'driver endo lacks feature(s) gc');
});
test('not a conformance case', () => {});
`,
  );
  writeFileSync(
    join(dir, 'pw.config.ts'),
    `export default { testDir: '.', outputDir: 'out', reporter: [['${harness}/report/matrix-reporter.ts', { outputDir: '${out}', viewerBundle: '${bundle}' }]] };\n`,
  );
  const run = spawnSync(process.execPath, [resolve('node_modules/@playwright/test/cli.js'), 'test', '-c', join(dir, 'pw.config.ts')], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, CI: '', PLAYWRIGHT_HTML_OPEN: 'never' },
  });
  expect(run.status, run.stdout + run.stderr).toBe(1);
  const matrix = JSON.parse(readFileSync(join(out, 'conformance.json'), 'utf8'));
  expect(matrix.cases.map((c: { driver: string; seed: number; status: string }) => `${c.driver}/${c.seed}:${c.status}`)).toEqual([
    'endo/1:skipped',
    'mutant:reorder/1:expected-failure',
    'reference/1:pass',
    'reference/2:fail',
    'reference/3:pass',
  ]);
  expect(matrix.totals).toMatchObject({ pass: 2, fail: 1, 'expected-failure': 1, skipped: 1 });
  expect(checkReport(matrix)).toMatchObject({ ok: true });
  expect(matrix.implementations).toEqual(['endo', 'reference']);
  expect(matrix.mutants).toEqual(['mutant:reorder']);
  // What the case put on the wire and which checks judged it, read from its transcript and verdicts.
  expect(matrix.cases[4].operations).toEqual(expect.arrayContaining(['op:start-session', 'op:deliver']));
  expect(matrix.cases[4].judgedBy).toEqual([]);
  // A skipped case is a cell of the matrix, with its reason.
  expect(matrix.cases[0].error).toBe('driver endo lacks feature(s) gc');
  // A case with a transcript gets its replay viewer beside its evidence, data and script inlined.
  const viewer = matrix.cases[4].evidence.find((e: { name: string }) => e.name === 'viewer.html');
  expect(viewer?.href).toBe('evidence/basic/hello/reference-seed-3/viewer.html');
  const page = readFileSync(join(out, viewer.href), 'utf8');
  expect(page).toContain('window.viewerStandIn = 1;');
  expect(page).toContain('"scenarioId":"pipelining-counter"');
  expect(page).toContain('"overall":"holds"');
  expect(matrix.cases[2].evidence.some((e: { name: string }) => e.name === 'viewer.html')).toBe(false);
  expect(matrix.cases[3].violated).toEqual(['perRefFifo']);
  const svg = matrix.cases[2].evidence.find((e: { name: string }) => e.name === 'sequence.svg');
  expect(existsSync(join(out, svg.href))).toBe(true);
  const html = readFileSync(join(out, 'conformance.html'), 'utf8');
  expect(html).toContain(`<a href="${svg.href}">seed 1</a>`);
  expect(html).toContain('expected failure');
  // The scenario's title sits under its id, escaped.
  expect(html).toContain('<th class="sc">basic/hello<div class="title">two nodes &lt;say&gt; hello</div>');
  expect(matrix.cases[2].scenarioTitle).toBe('two nodes <say> hello');
  expect(readFileSync(join(out, 'README.md'), 'utf8')).toContain('Open **conformance.html** first');
  expect(html).toContain(`<a href="${viewer.href}">viewer</a>`);
});
