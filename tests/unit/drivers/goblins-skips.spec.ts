/**
 * Goal: which cases the `goblins` driver runs. Without OCAPN_GOBLINS_PATH every case that uses
 * Goblins — as the case's driver or as one node's own driver — is skipped with the one reason
 * (an environment skip, so CI without Goblins is unchanged); with it, Goblins cases run with the
 * roles Goblins cannot play (a feature it lacks, a pause, a state-keeping restart, counted
 * sessions) moved to the reference node, and skip only when nothing is left to Goblins — each
 * with its stated gap. The reference driver is untouched, and
 * Goblins cases use at most their scenario's first three seeds.
 * Method: real scenario files through the real loader; no Guile is needed.
 */
import { test, expect } from '@playwright/test';
import { caseKey, caseLabel, expandPlan } from '../../../harness/case/catalog.js';
import { bindCase, driverSkipReason, isEnvironmentSkip } from '../../../harness/case/driver-skips.js';
import { goblinsRoleGaps } from '../../../harness/case/goblins-roles.js';
import { GOBLINS_MAX_SEEDS, seedsFor } from '../../../harness/case/goblins-skips.js';
import { GOBLINS_UNSET_REASON } from '../../../harness/drivers/goblins/info.js';
import { loadScenario } from '../../../harness/scenario/load.js';
import type { Plan } from '../../../harness/scenario/plan.js';

function plan(file: string): Plan {
  const result = loadScenario(file);
  if (result.errors) throw new Error(`${file} does not load`);
  return result.plan;
}

const withGoblins = { OCAPN_GOBLINS_PATH: '/somewhere' };

test('goblins skips - without OCAPN_GOBLINS_PATH a Goblins case is an environment skip; reference runs', () => {
  const p = plan('scenarios/basics/deliver-echo.yaml');
  expect(driverSkipReason(p, 'goblins', {})).toBe(GOBLINS_UNSET_REASON);
  expect(isEnvironmentSkip(GOBLINS_UNSET_REASON)).toBe(true);
  expect(driverSkipReason(p, 'reference', {})).toBeUndefined();
  expect(driverSkipReason(p, 'goblins', withGoblins)).toBeUndefined();
});

test('goblins skips - a node of a mixed topology on Goblins needs the variable too', () => {
  const p = plan('scenarios/values/values-basic-to-goblins.yaml');
  expect(driverSkipReason(p, 'reference', {})).toBe(GOBLINS_UNSET_REASON);
  expect(driverSkipReason(p, 'reference', withGoblins)).toBeUndefined();
});

test('goblins skips - gaps come before the environment, each with its reason', () => {
  // op:flush: Goblins speaks none.
  expect(driverSkipReason(plan('scenarios/flush/refcount-preserved.yaml'), 'goblins', {})).toMatch(/lacks feature\(s\) op:flush.*Goblins 0.18 speaks no op:flush.*\(needed at every node it could play: alice: .*; bob: /);
  // A Goblins sender of library values runs (the values travel typed: goblins-passables.ts).
  expect(driverSkipReason(plan('scenarios/values/values-basic-from-goblins.yaml'), 'reference', withGoblins)).toBeUndefined();
  const gap = driverSkipReason(plan('scenarios/faults/restart-keep-re-enliven.yaml'), 'goblins', {});
  expect(gap && isEnvironmentSkip(gap)).toBe(false);
});

test('goblins seeds - Goblins cases use at most the first three seeds; reference keeps all', () => {
  const p = plan('scenarios/forwarding/random-route-two-to-six-hops.yaml');
  expect(p.seeds.length).toBeGreaterThan(GOBLINS_MAX_SEEDS);
  expect(seedsFor(p, 'goblins')).toEqual(p.seeds.slice(0, GOBLINS_MAX_SEEDS));
  expect(seedsFor(p, 'reference')).toEqual(p.seeds);
});

test('goblins node faults - kill and a fresh restart of a Goblins node run; a restart that keeps state is a stated gap', () => {
  expect(driverSkipReason(plan('scenarios/interop/goblins-refetch-after-fresh-restart.yaml'), 'reference', withGoblins)).toBeUndefined();
  expect(driverSkipReason(plan('scenarios/faults/restart-keep-re-enliven.yaml'), 'goblins', withGoblins)).toMatch(/cannot play session-events, restart-keep: .*restart that keeps state is not offered.*\(needed at every node it could play: alice: session-events; bob: restart-keep\)$/);
});

test('goblins roles - a Goblins column case moves only the roles Goblins cannot play to the reference node', () => {
  // The inactivity timer is the caller's: alice moves, bob (the silent callee) stays Goblins.
  const stall = bindCase(plan('scenarios/faults/stall-past-inactivity-timeout.yaml'), 'goblins', withGoblins);
  expect(stall.skip).toBeUndefined();
  expect(stall.moved).toEqual({ alice: ['inactivity-timeout', 'session-events'] });
  expect(stall.plan.topology.nodes.map((n) => [n.name, n.driver ?? 'goblins'])).toEqual([
    ['alice', 'reference'],
    ['bob', 'goblins'],
  ]);
  expect(driverSkipReason(stall.plan, 'goblins', withGoblins)).toBeUndefined();
  expect(driverSkipReason(stall.plan, 'goblins', {})).toBe(GOBLINS_UNSET_REASON);
  // A flush pair moves, the rest of the chain is judged on Goblins.
  const flush = bindCase(plan('scenarios/flush/deliveries-in-flight-after-ack.yaml'), 'goblins', withGoblins);
  expect(Object.keys(flush.moved).sort()).toEqual(['alice', 'bob']);
  expect(driverSkipReason(flush.plan, 'goblins', withGoblins)).toBeUndefined();
  // The reference column is never rewritten.
  const p = plan('scenarios/faults/stall-past-inactivity-timeout.yaml');
  expect(bindCase(p, 'reference', withGoblins).plan).toBe(p);
});

test('goblins roles - pause, keep, export and session needs are placed at their nodes', () => {
  const gaps = goblinsRoleGaps(plan('scenarios/faults/restart-keep-re-enliven.yaml'));
  expect([...gaps].map(([n, g]) => [n, g.map((x) => x.need)])).toEqual([
    ['bob', ['restart-keep']],
    ['alice', ['session-events']],
  ]);
  // A mixed case's own `driver: goblins` node is not moved: in such a role it is refused.
  const p = plan('scenarios/faults/stall-past-inactivity-timeout.yaml');
  const pinned: Plan = { ...p, topology: { ...p.topology, nodes: p.topology.nodes.map((n) => (n.name === 'alice' ? { ...n, driver: 'goblins' } : n)) } };
  expect(driverSkipReason(pinned, 'reference', withGoblins)).toMatch(/lacks feature\(s\) inactivity-timeout|no session events/);
});

test('goblins label - a case of another driver with a Goblins node is its own column (+goblins), so a Goblins defect never counts against the reference or endo', () => {
  const toGoblins = plan('scenarios/values/values-basic-to-goblins.yaml');
  const star = plan('scenarios/interop/interop-three-star-echo-and-break.yaml');
  expect(caseLabel({ driver: 'reference', plan: toGoblins })).toBe('reference+goblins');
  expect(caseLabel({ driver: 'endo@1fa6c227e', plan: toGoblins })).toBe('endo@1fa6c227e+goblins');
  expect(caseLabel({ driver: 'reference', endoColumn: 'endo@7d229a785', plan: star })).toBe('reference+endo@7d229a785+goblins');
  // The Goblins column's own cases, and cases with no Goblins node, keep their plain labels.
  expect(caseLabel({ driver: 'goblins', endoColumn: 'endo@7d229a785', plan: star })).toBe('goblins+endo@7d229a785');
  expect(caseLabel({ driver: 'reference', plan: plan('scenarios/basics/deliver-echo.yaml') })).toBe('reference');
  // The catalog titles every case by it: `--grep goblins` finds each case with a Goblins node.
  const entry = expandPlan('scenarios/values/values-basic-to-goblins.yaml', toGoblins);
  const labels = new Set(entry.cases.map((c) => caseLabel(c)));
  expect(labels.has('reference')).toBe(false);
  expect(labels.has('reference+goblins')).toBe(true);
  expect(caseKey(entry.cases.find((c) => c.driver === 'reference')!)).toBe('values-basic-to-goblins [reference+goblins] seed 1');
});

test('goblins handoffs - a handoff case runs with Goblins as the gifter; the callers owed a $ref and the objects\' hosts move to the reference node', () => {
  const gift = plan('scenarios/handoffs/gift-goes-direct.yaml');
  expect(driverSkipReason(gift, 'goblins', withGoblins)).toBeUndefined();
  const { moved } = bindCase(gift, 'goblins', withGoblins);
  // carol is owed { $ref: bob.hop }; bob hosts hop and names no exports; alice hands it off.
  expect(Object.keys(moved).sort()).toEqual(['bob', 'carol']);
  expect(moved.bob).toEqual(['export-events']);
  expect(goblinsRoleGaps(gift).get('bob')?.[0].gap).toMatch(/no export-added events/);
});

test('goblins virtual time - a scenario judging exact instants skips on Goblins (real time) with the reason; reference and endo run it', () => {
  const p = plan('scenarios/faults/partition-hold-delivers-after-heal.yaml');
  expect(p.features).toContain('virtual-time');
  expect(driverSkipReason(p, 'goblins', withGoblins)).toMatch(/lacks feature\(s\) virtual-time.*: Goblins nodes are processes running in real time/);
  expect(driverSkipReason(p, 'reference', withGoblins)).toBeUndefined();
  expect(driverSkipReason(p, 'endo', { OCAPN_ENDO_PATH: '/somewhere' })).not.toMatch(/virtual-time/);
});
