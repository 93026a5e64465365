// Goal: a scenario with `designs:` becomes one plan per flush design — id `<id>@<design>`, the
// design as options.flush and feature, expectations merged from `expect.byDesign` (results by
// name, other keys replaced) — and the catalog runs each as its own scenario; `sometimes:
// {violated}` is hit by a violated check and never fails the case.
import { test, expect } from '@playwright/test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadEntries } from '../../../harness/case/catalog.js';
import { designPlans } from '../../../harness/scenario/designs.js';
import { loadScenario } from '../../../harness/scenario/load.js';
import type { Plan } from '../../../harness/scenario/plan.js';

const YAML = `id: two-designs
title: two designs, expectations that differ
features: [op:flush, op:flush/receiver-initiated, forwarding]
seeds: "1..2"
drivers: [reference]
designs: [receiver-initiated, none]
topology:
  nodes:
    alice: {}
    bob: { apps: { hop: { app: forwarder } } }
kickoffs:
  - { name: p, from: alice, target: bob.hop, method: forward, args: [x] }
  - { name: q, from: alice, target: bob.hop, method: forward, args: [y] }
expect:
  results: { p: x, q: y }
  checks: [perRefFifo, noLoss]
  byDesign:
    none:
      results: { q: { broken: [connection-lost] } }
      checks: [noLoss]
      sometimes: [{ violated: perRefFifo, description: naive shortening reorders }]
`;

function load(): Plan {
  const dir = mkdtempSync(path.join(tmpdir(), 'designs-'));
  const file = path.join(dir, 'two-designs.yaml');
  writeFileSync(file, YAML);
  const r = loadScenario(file);
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.plan;
}

test('one plan per design, named <id>@<design>, with the design as flush option and feature', () => {
  const plans = designPlans(load());
  expect(plans.map((p) => [p.id, p.options.flush, p.design])).toEqual([
    ['two-designs@receiver-initiated', 'receiver-initiated', { name: 'receiver-initiated', scenario: 'two-designs' }],
    ['two-designs@none', 'none', { name: 'none', scenario: 'two-designs' }],
  ]);
  expect(plans[1].features).toEqual(['op:flush', 'forwarding', 'op:flush/none']);
  expect(plans[0].features).toEqual(['op:flush', 'forwarding', 'op:flush/receiver-initiated']);
  expect(plans.every((p) => p.designs === undefined)).toBe(true);
});

test('byDesign merges results by name and replaces other keys', () => {
  const [fenced, none] = designPlans(load());
  expect(fenced.expect.checks).toEqual(['perRefFifo', 'noLoss']);
  expect(fenced.expect.results.map((r) => [r.name, r.kind])).toEqual([['p', 'fulfilled'], ['q', 'fulfilled']]);
  expect(fenced.expect.sometimes).toEqual([]);
  expect(none.expect.checks).toEqual(['noLoss']);
  expect(none.expect.results.map((r) => [r.name, r.kind])).toEqual([['p', 'fulfilled'], ['q', 'broken']]);
  expect(none.expect.sometimes).toEqual([{ kind: 'violated', name: 'perRefFifo', description: 'naive shortening reorders' }]);
});

test('a plan without designs comes back alone and unchanged', () => {
  const { designs: _d, ...plain } = load();
  expect(designPlans(plain)).toEqual([plain]);
});

test('the catalog expands a designs scenario into one entry per design, each with its seeds', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'designs-'));
  const file = path.join(dir, 'two-designs.yaml');
  writeFileSync(file, YAML);
  const entries = loadEntries(file);
  expect(entries.map((e) => [e.plan!.id, e.cases.map((c) => `${c.driver}:${c.seed}`).join(' ')])).toEqual([
    ['two-designs@receiver-initiated', 'reference:1 reference:2'],
    ['two-designs@none', 'reference:1 reference:2'],
  ]);
});
