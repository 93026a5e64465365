// Goal: the models table puts each formal model's published verdict beside ours and cannot
// quietly contradict it — a topology is violated when any of its scenarios is, a disagreement
// without a written reason is listed as unexplained (and one with a reason is not), rule
// variants are shown beside the design as specified without deciding the agreement; and the
// data file in fixtures/ names only scenarios, designs and verdicts that exist.
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { loadCatalog } from '../../../harness/case/catalog.js';
import { FLUSH_DESIGN_NAMES } from '../../../harness/ocapn/flush/designs.js';
import { buildFlushLabReport, designRow, type SeedMetrics } from '../../../harness/report/flush-lab.js';
import { buildModelsTable, modelScenarios, renderModelsHtml, splitColumn, type ModelsData } from '../../../harness/report/flush-models.js';

const seed = (n: number, fifo: SeedMetrics['perRefFifo']): SeedMetrics => ({
  seed: n,
  perRefFifo: fifo,
  witnessFrames: fifo === 'violated' ? [7, 9] : [],
  perRefFifoText: fifo === 'violated' ? 'alice on p at hop at dave: w#1 dispatched before z#2' : 'holds',
  failed: fifo === 'violated',
  frames: 10,
  roundTrips: 1,
  longWay: 1,
  shortWay: 1,
  lastDeliveryMs: 5,
  shortenedAtMs: 3,
});

const row = (column: string, fifo: SeedMetrics['perRefFifo'][]) => designRow(column, `x@${column}`, fifo.map((f, i) => seed(i + 1, f)));

function lab() {
  return buildFlushLabReport('reference', [1, 2], ['marker', 'marker+strict', 'none'], [
    { scenario: 'long', title: 't', file: 'f', designs: [row('marker', ['holds', 'holds']), row('marker+strict', ['holds', 'holds']), row('none', ['holds', 'holds'])] },
    { scenario: 'tight', title: 't', file: 'f', designs: [row('marker', ['holds', 'violated']), row('marker+strict', ['holds', 'holds']), row('none', ['holds', 'holds'])] },
  ]);
}

const data = (explanations: Record<string, string>): ModelsData => ({
  provenance: 'test',
  version: 1,
  families: { marker: 'EJavaFlush', none: 'Naive' },
  topologies: [
    { id: 'chain', description: 'a chain', scenarios: ['long', 'tight'], published: { marker: { verdict: 'pass', model: 'M', commit: 'c' }, none: { verdict: 'violation', model: 'N', commit: 'c' } } },
    { id: 'gap', description: 'unbuildable', scenarios: [], gap: 'no app for it', published: { marker: { verdict: 'pass', model: 'M', commit: 'c' } } },
  ],
  explanations,
});

test('a violation in any scenario of a topology decides ours; an unexplained disagreement is listed', () => {
  const table = buildModelsTable(data({}), lab());
  const chain = table.rows[0];
  const marker = chain.cells.find((c) => c.design === 'marker')!;
  expect(marker.agreement).toBe('disagree');
  expect(marker.ours.map((o) => [o.scenario, o.variant, o.verdict])).toEqual([
    ['long', 'as specified', 'pass'],
    ['long', 'strict', 'pass'],
    ['tight', 'as specified', 'violation'],
    ['tight', 'strict', 'pass'],
  ]);
  expect(marker.ours[2].witness).toContain('seed 2, frames 7, 9');
  expect(chain.cells.find((c) => c.design === 'none')!.agreement).toBe('disagree');
  expect(table.unexplained).toEqual(['chain/marker', 'chain/none']);
  expect(table.rows[1].cells).toEqual([]);
  const html = renderModelsHtml(table, data({}));
  expect(html).toContain('UNEXPLAINED');
  expect(html).toContain('no app for it');
});

test('a written reason explains a disagreement; agreement is judged on the design as specified only', () => {
  const table = buildModelsTable(data({ 'chain/marker': 'our marker differs', 'chain/none': 'timing' }), lab());
  expect(table.unexplained).toEqual([]);
  expect(table.rows[0].cells.find((c) => c.design === 'marker')!.explanation).toBe('our marker differs');
  expect(renderModelsHtml(table, data({ 'chain/marker': 'our marker differs', 'chain/none': 'timing' }))).toContain('Every disagreement is explained.');
  expect(splitColumn('shortener-initiated+strict')).toEqual({ design: 'shortener-initiated', variant: 'strict' });
});

test('the published-verdicts fixture names scenarios that exist, designs we have, and only pass or violation', () => {
  const file = JSON.parse(readFileSync('fixtures/flush-models/published-verdicts.json', 'utf8')) as ModelsData;
  expect(file.provenance).toMatch(/kumavis\/ocapn-tla-plus/);
  const ids = new Set(loadCatalog().flatMap((e) => (e.plan ? [e.plan.design?.scenario ?? e.plan.id] : [])));
  for (const s of modelScenarios(file)) expect(ids.has(s), s).toBe(true);
  for (const t of file.topologies) {
    if (t.scenarios.length === 0) expect(t.gap, t.id).toMatch(/\w/);
    for (const [design, v] of Object.entries(t.published)) {
      expect(FLUSH_DESIGN_NAMES as readonly string[]).toContain(design);
      expect(['pass', 'violation']).toContain(v!.verdict);
      expect(v!.commit).toMatch(/^[0-9a-f]{8}$/);
    }
  }
  for (const key of Object.keys(file.explanations)) expect(file.topologies.map((t) => t.id)).toContain(key.split('/')[0]);
});
