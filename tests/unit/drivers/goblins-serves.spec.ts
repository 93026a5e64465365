/**
 * Goal: the external pack suite-style against Goblins. Each `serve` process of an external
 * scenario becomes a Goblins node hosting the objects the scenario declares for it, the page
 * nodes stay the reference node, and the catalog adds these as the scenario's `goblins` cases —
 * skipped with the environment reason where Goblins is not set up, so CI is unchanged.
 * Method: real scenario files through the real loader and catalog; no Guile is needed.
 */
import { test, expect } from '@playwright/test';
import { expandPlan } from '../../../harness/case/catalog.js';
import { isServeNode, servesAsGoblins } from '../../../harness/case/goblins-serves.js';
import { goblinsNodesOf } from '../../../harness/case/goblins-skips.js';
import { driverSkipReason } from '../../../harness/case/driver-skips.js';
import { GOBLINS_UNSET_REASON } from '../../../harness/drivers/goblins/info.js';
import { loadScenario } from '../../../harness/scenario/load.js';
import type { Plan } from '../../../harness/scenario/plan.js';

function plan(file: string): Plan {
  const result = loadScenario(file);
  if (result.errors) throw new Error(`${file} does not load`);
  return result.plan;
}

test('goblins serves - every serve process becomes a Goblins node with its declared objects; page nodes stay reference', () => {
  const p = plan('scenarios/external/serve-forward-chain.yaml');
  expect(p.topology.nodes.filter(isServeNode).map((n) => n.name)).toEqual(['bob', 'carol']);
  const g = servesAsGoblins(p)!;
  expect(goblinsNodesOf(g, 'goblins')).toEqual(['bob', 'carol']);
  const carol = g.topology.nodes.find((n) => n.name === 'carol')!;
  expect(carol.external).toBeUndefined();
  expect(carol.sturdyrefs).toEqual(p.topology.nodes.find((n) => n.name === 'carol')!.sturdyrefs);
  expect(g.topology.nodes.find((n) => n.name === 'alice')!.driver).toBe('reference');
  expect({ ...g, topology: undefined }).toEqual({ ...p, topology: undefined });
});

test('goblins serves - a plan with no serve process is not rewritten', () => {
  expect(servesAsGoblins(plan('scenarios/basics/deliver-echo.yaml'))).toBeUndefined();
});

test('goblins serves - the catalog adds goblins cases to an external scenario, an environment skip without Goblins', () => {
  const p = plan('scenarios/external/serve-fetch.yaml');
  const cases = expandPlan('scenarios/external/serve-fetch.yaml', p).cases;
  expect(cases.filter((c) => c.driver === 'reference').map((c) => c.seed)).toEqual(p.seeds);
  const goblins = cases.filter((c) => c.driver === 'goblins');
  expect(goblins.length).toBeGreaterThan(0);
  expect(driverSkipReason(goblins[0].plan, 'goblins', {})).toBe(GOBLINS_UNSET_REASON);
  expect(driverSkipReason(goblins[0].plan, 'goblins', { OCAPN_GOBLINS_PATH: '/somewhere' })).toBeUndefined();
  // serve-basics relies on how its host answers a method name sent to a plain function, which
  // the Goblins peer program does not stage: skipped with that reason, not failed.
  const basics = expandPlan('scenarios/external/serve-basics.yaml', plan('scenarios/external/serve-basics.yaml')).cases.filter((c) => c.driver === 'goblins');
  expect(basics.length).toBeGreaterThan(0);
  expect(driverSkipReason(basics[0].plan, 'goblins', { OCAPN_GOBLINS_PATH: '/somewhere' })).toMatch(/^driver goblins lacks feature\(s\) selector-on-function: the peer program hosts no plain-function object/);
});
