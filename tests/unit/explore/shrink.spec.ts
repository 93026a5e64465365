/**
 * Goal: the shrinker's reductions are valid scenarios and its greedy loop keeps only reductions
 * that keep the target violated. Method: the real pack's fixed-route-four-hops; the trial is a
 * rule over the plan itself (an order violation needs two sends through some forwarder), so the
 * loop is judged without a browser (tests/browser/explore.spec.ts runs it on real runs).
 */
import { expect, test } from '@playwright/test';
import { loadCatalog } from '../../../harness/case/catalog.js';
import { drawSchedule, materialize } from '../../../harness/explore/schedule.js';
import { candidates, reload, shrink, type Trial } from '../../../harness/explore/shrink.js';
import type { Plan } from '../../../harness/scenario/plan.js';

const base = loadCatalog().find((e) => e.plan?.id === 'fixed-route-four-hops')!.plan!;
/** The first seed whose schedule injects at least two faults of these kinds. */
function faulty(faults: ('partition' | 'stall')[]): Plan {
  const options = { kickoffJitterMs: 10, faults, maxFaults: 3 };
  for (let seed = 1; ; seed++) {
    const plan = materialize(base, drawSchedule(base, seed, options));
    if (plan.steps.filter((s) => s.kind !== 'wait').length >= 2) return plan;
  }
}
const sends = (p: Plan) => p.kickoffs.reduce((n, k) => n + k.count * (k.route?.kind === 'fixed' ? k.route.nodes.length : 1), 0);

test('reductions of a plan with injected faults cover faults, sends, hops and latencies, and reload', () => {
  const plan = faulty(['partition', 'stall']);
  const labels = candidates(plan).map((c) => c.label);
  expect(labels).toContain('kickoff calls: count 2');
  expect(labels).toContain('kickoff calls: route without carol');
  expect(labels).toContain('every link at its minimum latency, no jitter');
  expect(labels.some((l) => l.startsWith('drop injected'))).toBe(true);
  for (const c of candidates(plan)) if (!c.label.startsWith('drop kickoff')) expect(reload(c.plan), c.label).toBeDefined();
});

test('the greedy loop keeps the target violated and drops what it does not need', async () => {
  const plan = faulty(['stall']);
  expect(plan.steps.some((s) => s.kind === 'stall')).toBe(true);
  // "Violated" while at least two sends cross bob: the minimum is 2 sends over a 2-node route.
  const trial: Trial = async (p) => ({ violated: p.kickoffs.some((k) => k.count >= 2 && k.route?.kind === 'fixed' && k.route.nodes.includes('bob')) ? ['perRefFifo'] : [], frames: sends(p) });
  const r = await shrink(plan, 'perRefFifo', trial, sends(plan));
  expect(r.plan.kickoffs[0].count).toBe(2);
  expect(r.plan.kickoffs[0].route).toEqual({ kind: 'fixed', nodes: ['bob', 'erin'] });
  expect(r.plan.topology.nodes.map((n) => n.name)).toEqual(['alice', 'bob', 'erin']);
  expect(r.plan.steps.filter((s) => s.kind === 'stall')).toEqual([]);
  expect(r.plan.topology.links.every((l) => l.latency.kind === 'fixed' && l.jitterMs === 0)).toBe(true);
  expect(r.frames).toBe(4);
  expect((await trial(r.plan)).violated).toEqual(['perRefFifo']);
  // Nothing smaller keeps it violated: a run that never violates is returned unchanged.
  const never = await shrink(plan, 'perRefFifo', async () => ({ violated: [], frames: 0 }), 99);
  expect(never.plan).toBe(plan);
  expect(never.kept).toEqual([]);
});
