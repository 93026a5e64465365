// Goal: the report model and page: worst status per cell, implementations (by driver metadata and
// rank, not name) before the mutants' self-test section, designs grouped in one row, an
// unconfigured driver as one banner, the summary per implementation, protocol coverage over
// every op label and descriptor, filters, and links to evidence and viewer.
import { test, expect } from '@playwright/test';
import { buildMatrix, renderMatrixHtml, worstStatus, type CaseRow } from '../../../harness/report/matrix.js';
import { caseStatus } from '../../../harness/report/matrix-reporter.js';
import { coverageLine } from '../../../harness/report/coverage.js';
import { WIRE_DESCRIPTORS, WIRE_OPERATIONS } from '../../../harness/transcript/wire-vocabulary.js';
import { checkerNames } from '../../../harness/checks/index.js';

const row = (over: Partial<CaseRow>): CaseRow => ({
  scenario: 'basic/hello',
  driver: 'reference',
  conforming: true,
  driverRank: 0,
  seed: 1,
  features: ['sessions'],
  level: 'MUST',
  status: 'pass',
  violated: [],
  title: 't',
  evidence: [{ name: 'sequence.svg', href: 'evidence/basic/hello/reference-seed-1/sequence.svg' }],
  ...over,
});
const mutant = (over: Partial<CaseRow>): CaseRow => row({ driver: 'mutant:reorder', conforming: false, driverRank: 5, status: 'expected-failure', defect: 'reorders calls', ...over });

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

test('matrix: implementations by rank, mutants apart; cells, totals per feature and level, links', () => {
  const m = buildMatrix([
    row({ seed: 2, status: 'fail', violated: ['perRefFifo'] }),
    row({}),
    // Ranked after the reference although it sorts first by name: the column order is the registry's.
    row({ driver: 'aardvark', driverRank: 2, status: 'pass' }),
    mutant({ features: ['forwarding'], level: 'SHOULD', caughtBy: ['forwarderOrder'], violated: ['forwarderOrder', 'perRefFifo'] }),
    row({ scenario: 'a/first', features: [] }),
  ]);
  expect(m.schema).toBe('ocapn-conformance-report');
  expect(m.version).toBe(2);
  expect(m.implementations).toEqual(['reference', 'aardvark']);
  expect(m.mutants).toEqual(['mutant:reorder']);
  expect(m.scenarios).toEqual(['a/first', 'basic/hello']);
  expect(m.totals).toMatchObject({ pass: 3, fail: 1, 'expected-failure': 1 });
  expect(m.byFeature.sessions).toMatchObject({ pass: 2, fail: 1 });
  expect(m.byFeature['(none)']).toMatchObject({ pass: 1 });
  expect(m.byLevel).toMatchObject({ MUST: { pass: 3, fail: 1 }, SHOULD: { 'expected-failure': 1 } });
  expect(m.summary.map((s) => [s.driver, s.totals])).toEqual([
    ['reference', { pass: 2, fail: 1, unknown: 0, skipped: 0 }],
    ['aardvark', { pass: 1, fail: 0, unknown: 0, skipped: 0 }],
  ]);
  expect(m.summary[0].byLevel.MUST).toEqual({ pass: 2, fail: 1, unknown: 0, skipped: 0 });
  const html = renderMatrixHtml(m);
  expect(html).toContain('<th>scenario \\ implementation</th><th>reference</th><th>aardvark</th></tr>');
  // The mutant has no column: it is a row of the self-test, named with the check that caught it.
  expect(html).not.toContain('<th>mutant:reorder</th>');
  expect(html).toMatch(/<th class="mono" rowspan="1">mutant:reorder<div class="meta">reorders calls<\/div><\/th><td class="mono">basic\/hello<\/td><td class="mono">forwarderOrder<\/td>/);
  expect(html).toContain('<a href="evidence/basic/hello/reference-seed-1/sequence.svg">seed 1</a>');
  expect(html).toContain('violated: perRefFifo');
  expect(html).toContain('5 cases: 3 pass, 1 fail, 0 unknown, 1 expected failures');
  expect(html).toContain('<b>2/3</b>');
  // Filters: one option per feature and level; rows carry what the script filters on.
  expect(html).toContain('<option value="sessions">@sessions</option>');
  expect(html).toContain('<option value="SHOULD">@SHOULD</option>');
  expect(html).toContain('<tr data-level="MUST" data-features="sessions" data-status="fail pass">');
  expect(html).not.toMatch(/<script[^>]+src=/);
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
    ...seeds.map((s) => row({ seed: s, status: s === 4 ? 'fail' : 'pass', violated: s === 4 ? ['gcBalanced'] : [], evidence: [{ name: 'sequence.svg', href: href(s) }, { name: 'viewer.html', href: href(s).replace('sequence.svg', 'viewer.html') }] })),
    ...seeds.map((s) => mutant({ seed: s, violated: ['flushSwap'], caughtBy: ['flushSwap'], evidence: [{ name: 'sequence.svg', href: href(s) }] })),
  ]);
  const html = renderMatrixHtml(m);
  expect(html).toContain(`<a href="${href(2)}">2</a><a class="play" href="${href(2).replace('sequence.svg', 'viewer.html')}"`);
  expect(html).toContain(`<a href="${href(4)}">seed 4</a>`);
  expect(html).not.toContain(`<a href="${href(2)}">seed 2</a>`);
  // The self-test names the catching check in its own column, not again under the seeds.
  expect(html).toContain('<td class="mono">flushSwap</td>');
  expect(html).not.toContain('caught by: flushSwap');
  expect(html).toContain('6 seeds');
});

test("matrix: a scenario's designs are one row, each design a line of its cell", () => {
  const m = buildMatrix(
    ['marker', 'none', 'receiver-initiated'].flatMap((design) =>
      [1, 2].map((seed) => row({ scenario: `fence@${design}`, seed, features: ['op:flush', `op:flush/${design}`], status: design === 'none' ? 'fail' : 'pass', violated: design === 'none' ? ['perRefFifo'] : [] })),
    ),
  );
  const html = renderMatrixHtml(m);
  expect(html.match(/<th class="sc">/g)).toHaveLength(1);
  expect(html).toContain('<th class="sc">fence<');
  expect(html).toContain('designs: marker, none, receiver-initiated');
  expect(html).toContain('<span class="n">3 designs</span>');
  expect(html).toMatch(/<div class="design" style="border-left-color:#cf222e"><span class="dz">none<\/span> <b style="color:#cf222e">FAIL<\/b>/);
  expect(html).toMatch(/<span class="dz">marker<\/span> <b style="color:#2da44e">pass<\/b> <span class="n">2 seeds<\/span>/);
});

test('matrix: a driver this machine is not configured for is one banner, not a column of grey cells', () => {
  const setup = 'endo driver: set OCAPN_ENDO_PATH to an endo checkout';
  const m = buildMatrix([
    row({}),
    row({ scenario: 'b', driver: 'endo', driverRank: 1, status: 'skipped', error: 'driver endo lacks feature(s) gc: …' }),
    row({ driver: 'endo', driverRank: 1, status: 'skipped', error: setup }),
    row({ scenario: 'c', driver: 'endo', driverRank: 1, status: 'skipped', error: setup }),
  ]);
  expect(m.unconfigured).toEqual([{ driver: 'endo', reason: setup, cases: 3 }]);
  expect(m.coverage.implementations).toEqual(['reference']);
  const html = renderMatrixHtml(m);
  expect(html).toContain('<b>endo</b> is not configured on this machine (3 cases skipped). To enable it: set OCAPN_ENDO_PATH to an endo checkout, then run <code>npm run conformance</code> again.');
  expect(html).not.toContain('<th>endo</th>');
  expect(html).not.toContain(setup);
  // Skipped for a feature gap only (the checkout is there): a real column with its reasons.
  const configured = buildMatrix([row({}), row({ driver: 'endo', driverRank: 1, status: 'skipped', error: 'driver endo lacks feature(s) gc' })]);
  expect(configured.unconfigured).toEqual([]);
  expect(renderMatrixHtml(configured)).toContain('<th>endo</th>');
});

test('coverage: every op label, descriptor and check is a row; what no case exercised is listed', () => {
  const m = buildMatrix([
    row({ operations: ['op:deliver', 'op:start-session'], descriptors: ['desc:export'], judgedBy: ['perRefFifo'] }),
    row({ scenario: 'x@marker', operations: ['op:flush'], descriptors: [], judgedBy: [] }),
    // A mutant's wire traffic is the harness's defect, not an implementation's: not counted.
    mutant({ operations: ['op:abort'] }),
  ]);
  const c = m.coverage;
  expect(c.operations.map((r) => r.name)).toEqual(Object.keys(WIRE_OPERATIONS));
  expect(c.descriptors.map((r) => r.name)).toEqual(Object.keys(WIRE_DESCRIPTORS));
  expect(c.checks.map((r) => r.name)).toEqual(checkerNames);
  expect(c.operations.find((r) => r.name === 'op:flush')!.by).toEqual({ reference: ['x'] });
  expect(c.never.operations).toContain('op:abort');
  expect(c.never.operations).not.toContain('op:deliver');
  const html = renderMatrixHtml(m);
  for (const op of Object.keys(WIRE_OPERATIONS)) expect(html).toContain(`<td class="mono" title="${WIRE_OPERATIONS[op].replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')}">${op}</td>`);
  expect(coverageLine(c)).toMatch(new RegExp(`^coverage \\(reference\\): 3/${Object.keys(WIRE_OPERATIONS).length} operations, 1/${Object.keys(WIRE_DESCRIPTORS).length} descriptors, 1/${checkerNames.length} checks exercised; never: op:abort, `));
});
