/**
 * Goal: the conformance report reads well and its filters work in a real browser: the summary
 * per implementation on top, a driver not set up here as one banner (not a column), a
 * scenario's designs in one row, the harness self-test and protocol coverage; choosing a feature
 * or "only problems" hides the rows it should. Screenshots of the summary and the matrix are
 * attached to the test (reports/ holds them with the test's output).
 * Method: a report shaped like a full run's, built from the catalog: every conforming case
 * passes, what it put on the wire read from its golden transcript where one exists; skips keep
 * the catalog's reasons; each mutant is caught by its first named check; one seed fails on
 * purpose. Once as on a machine without an endo checkout, once as if endo ran where only the
 * checkout was missing.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { expect, test, type Locator, type Page, type TestInfo } from '@playwright/test';
import { loadCatalog, type CaseSpec } from '../../harness/case/catalog.js';
import { isEnvironmentSkip } from '../../harness/case/driver-skips.js';
import { drivers } from '../../harness/drivers/index.js';
import { buildMatrix, renderMatrixHtml, type CaseRow } from '../../harness/report/matrix.js';
import { wireUse } from '../../harness/transcript/wire-vocabulary.js';

const catalog = loadCatalog();
const FAILING = { scenario: 'fixed-route-four-hops', seed: 3 };

function row(c: CaseSpec, endoRan: boolean): CaseRow {
  const golden = `fixtures/golden/${c.plan.id}/${c.driver}-seed-${c.seed}.json`;
  const wire = existsSync(golden) ? wireUse(JSON.parse(readFileSync(golden, 'utf8'))) : { operations: [], descriptors: [] };
  const dir = `evidence/${c.plan.id}/${c.driver}-seed-${c.seed}`;
  // Only endo's cases run with a checkout: other drivers not set up here (goblins) stay skipped.
  const skipped = c.skip !== undefined && !(endoRan && c.driver.startsWith('endo') && isEnvironmentSkip(c.skip));
  const failing = c.plan.id === FAILING.scenario && c.seed === FAILING.seed && c.driver === 'reference';
  const status = c.mutant ? 'expected-failure' : skipped ? 'skipped' : failing ? 'fail' : 'pass';
  const violated = c.mutant ? [c.mutant.checks[0]] : failing ? ['perRefFifo'] : [];
  return {
    scenario: c.plan.id,
    scenarioTitle: c.plan.title,
    driver: c.driver,
    conforming: !c.mutant,
    driverRank: drivers.findIndex((d) => d.name === c.driver),
    ...(c.mutant ? { defect: c.mutant.defect, caughtBy: violated } : {}),
    seed: c.seed,
    features: c.plan.features,
    level: c.plan.requirement,
    status,
    violated,
    ...(failing ? { witnesses: { perRefFifo: { frames: [38, 41] } }, error: 'perRefFifo violated: planted for the screenshot' } : {}),
    ...(skipped ? { error: c.skip } : { ...wire, judgedBy: ['perRefFifo', 'noLoss'] }),
    title: `${c.plan.id} [${c.driver}] seed ${c.seed}`,
    evidence: skipped ? [] : [{ name: 'sequence.svg', href: `${dir}/sequence.svg` }, { name: 'viewer.html', href: `${dir}/viewer.html` }],
  };
}

async function open(page: Page, testInfo: TestInfo, endoRan: boolean): Promise<void> {
  const rows = catalog.flatMap((e) => [...e.cases, ...e.mutantCases]).map((c) => row(c, endoRan));
  const file = testInfo.outputPath(`conformance-${endoRan ? 'with-endo' : 'here'}.html`);
  writeFileSync(file, renderMatrixHtml(buildMatrix(rows)));
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.setViewportSize({ width: 1400, height: 1000 });
  await page.goto(pathToFileURL(file).href);
  expect(errors).toEqual([]);
}

/** A screenshot of `target`, or of the viewport as it is scrolled. */
async function shot(page: Page, testInfo: TestInfo, name: string, target?: Locator): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`);
  await (target ?? page).screenshot({ path, animations: 'disabled' });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

test('report without an endo checkout: the summary, one banner for endo, filters that hide rows', async ({ page }, testInfo) => {
  await open(page, testInfo, false);
  const endoBanner = page.locator('.banner', { hasText: 'endo is not configured' });
  await expect(endoBanner).toContainText('endo is not configured on this machine');
  await expect(endoBanner).toContainText('To enable it: set OCAPN_ENDO_PATH to an endo checkout');
  await expect(page.locator('.banner', { hasText: 'goblins is not configured' })).toHaveCount(1);
  await expect(page.locator('table.matrix tr').first().locator('th')).toHaveText(['scenario \\ implementation', 'reference']);
  await page.setViewportSize({ width: 1400, height: 1300 });
  await shot(page, testInfo, 'summary');

  const rows = page.locator('table.matrix tr[data-level]');
  const all = await rows.count();
  await page.selectOption('#f-feature', 'op:flush');
  const flush = await page.locator('table.matrix tr[data-level]:visible').count();
  expect(flush).toBeGreaterThan(0);
  expect(flush).toBeLessThan(all);
  for (const features of await page.locator('table.matrix tr[data-level]:visible').evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset.features!)))
    expect(features.split(' ')).toContain('op:flush');
  await page.selectOption('#f-feature', '');
  await page.check('#f-problems');
  await expect(page.locator('table.matrix tr[data-level]:visible')).toHaveCount(1);
  await expect(page.locator('table.matrix tr[data-level]:visible th.sc')).toContainText(FAILING.scenario);
  await page.uncheck('#f-problems');
  await expect(page.locator('#f-count')).toHaveText(`${await page.locator('tr[data-level]').count()} of ${await page.locator('tr[data-level]').count()} rows shown`);
});

test('report with endo beside the reference: implementations as columns, designs grouped, self-test, coverage', async ({ page }, testInfo) => {
  await open(page, testInfo, true);
  await expect(page.locator('.banner', { hasText: 'endo' })).toHaveCount(0);
  await expect(page.locator('.banner')).toHaveCount(1); // goblins, not set up here
  await expect(page.locator('table.matrix tr').first().locator('th')).toHaveText(['scenario \\ implementation', 'reference', 'endo']);
  await expect(page.locator('table.summary').first().locator('th.impl')).toHaveText(['reference', 'endo']);
  await shot(page, testInfo, 'summary-two-implementations', page.locator('#summary ~ table.summary').first());
  const designRow = page.locator('table.matrix tr[data-level]', { has: page.locator('.design') }).first();
  await expect(designRow.locator('.design').first()).toBeVisible();
  await page.locator('#matrix').evaluate((h) => h.scrollIntoView());
  await shot(page, testInfo, 'matrix');
  await designRow.evaluate((tr) => tr.scrollIntoView());
  await shot(page, testInfo, 'matrix-designs');
  await shot(page, testInfo, 'self-test', page.locator('table.selftest'));
  await shot(page, testInfo, 'coverage', page.locator('table.coverage'));
  await expect(page.locator('table.coverage td.mono', { hasText: /^op:deliver$/ })).toHaveCount(1);
});
