// Goal: the matrix model takes the worst status per cell, counts totals per feature and level,
// maps Playwright outcomes (incl. test.fail mutants) to statuses, and renders linked HTML.
import { test, expect } from '@playwright/test';
import { buildMatrix, renderMatrixHtml, worstStatus, type CaseRow } from '../../../harness/report/matrix.js';
import { caseStatus } from '../../../harness/report/matrix-reporter.js';

const row = (over: Partial<CaseRow>): CaseRow => ({
  scenario: 'basic/hello',
  driver: 'reference',
  seed: 1,
  features: ['sessions'],
  level: 'MUST',
  status: 'pass',
  violated: [],
  title: 't',
  evidence: [{ name: 'sequence.svg', href: 'evidence/basic/hello/reference-seed-1/sequence.svg' }],
  ...over,
});

test('status mapping from Playwright results', () => {
  expect(caseStatus('passed', { status: 'passed' })).toBe('pass');
  expect(caseStatus('passed', { status: 'passed' }, 'unknown')).toBe('unknown');
  expect(caseStatus('passed', { status: 'failed' })).toBe('fail');
  expect(caseStatus('passed', { status: 'timedOut' })).toBe('fail');
  expect(caseStatus('failed', { status: 'failed' })).toBe('expected-failure');
  expect(caseStatus('failed', { status: 'passed' })).toBe('unexpected-pass');
  expect(caseStatus('skipped', { status: 'skipped' })).toBe('skipped');
  expect(worstStatus(['pass', 'unknown', 'expected-failure'])).toBe('unknown');
  expect(worstStatus(['pass', 'unexpected-pass'])).toBe('unexpected-pass');
});

test('matrix: cells, totals per feature and level, links', () => {
  const m = buildMatrix([
    row({ seed: 2, status: 'fail', violated: ['perRefFifo'] }),
    row({}),
    row({ driver: 'mutant:reorder', status: 'expected-failure', features: ['forwarding'], level: 'SHOULD' }),
    row({ scenario: 'a/first', features: [] }),
  ]);
  expect(m.scenarios).toEqual(['a/first', 'basic/hello']);
  expect(m.drivers).toEqual(['mutant:reorder', 'reference']);
  expect(m.cases.map((c) => `${c.scenario}/${c.driver}/${c.seed}`)).toEqual(['a/first/reference/1', 'basic/hello/mutant:reorder/1', 'basic/hello/reference/1', 'basic/hello/reference/2']);
  expect(m.totals).toMatchObject({ pass: 2, fail: 1, 'expected-failure': 1 });
  expect(m.byFeature.sessions).toMatchObject({ pass: 1, fail: 1 });
  expect(m.byFeature['(none)']).toMatchObject({ pass: 1 });
  expect(m.byLevel).toMatchObject({ MUST: { pass: 2, fail: 1 }, SHOULD: { 'expected-failure': 1 } });
  const html = renderMatrixHtml(m);
  expect(html).toContain('<th>mutant:reorder</th><th>reference</th>');
  expect(html).toContain('<a href="evidence/basic/hello/reference-seed-1/sequence.svg">seed 1</a>');
  expect(html).toContain('violated: perRefFifo');
  expect(html).toContain('4 cases: 2 pass, 1 fail, 0 unknown, 1 expected failures');
  expect(html).toContain('<td class="missing">—</td>');
});

test('an empty run says so', () => {
  const m = buildMatrix([]);
  expect(m.status).toBe('empty');
  expect(renderMatrixHtml(m)).toContain('No conformance case ran.');
});

test('matrix: a many-seed cell shows seeds as chips and keeps full lines only for seeds that need reading', () => {
  const seeds = Array.from({ length: 6 }, (_, i) => i + 1);
  const href = (s: number) => `evidence/basic/hello/reference-seed-${s}/sequence.svg`;
  const m = buildMatrix([
    ...seeds.map((s) => row({ seed: s, status: s === 4 ? 'fail' : 'pass', violated: s === 4 ? ['gcBalanced'] : [], evidence: [{ name: 'sequence.svg', href: href(s) }] })),
    ...seeds.map((s) => row({ driver: 'mutant:x', seed: s, status: 'expected-failure', violated: ['flushSwap'], evidence: [{ name: 'sequence.svg', href: href(s) }] })),
  ]);
  const html = renderMatrixHtml(m);
  expect(html).toContain(`<a href="${href(2)}">2</a>`);
  expect(html).toContain(`<a href="${href(4)}">seed 4</a>`);
  expect(html).not.toContain(`<a href="${href(2)}">seed 2</a>`);
  expect(html).toContain('caught by: flushSwap');
  expect(html).toContain('6 seeds');
});
