/**
 * Goal: which cases the `goblins` driver runs. Without OCAPN_GOBLINS_PATH every case that uses
 * Goblins — as the case's driver or as one node's own driver — is skipped with the one reason
 * (an environment skip, so CI without Goblins is unchanged); with it, Goblins cases run except
 * where the driver lacks a feature or a pause or a state-keeping restart names a Goblins node —
 * each with its stated gap. The reference driver is untouched, and
 * Goblins cases use at most their scenario's first three seeds.
 * Method: real scenario files through the real loader; no Guile is needed.
 */
import { test, expect } from '@playwright/test';
import { driverSkipReason, isEnvironmentSkip } from '../../../harness/case/driver-skips.js';
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
  expect(driverSkipReason(plan('scenarios/flush/deliveries-in-flight-after-ack.yaml'), 'goblins', {})).toMatch(/lacks feature\(s\) op:flush.*Goblins 0.18 speaks no op:flush/);
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
  expect(driverSkipReason(plan('scenarios/faults/restart-keep-re-enliven.yaml'), 'goblins', withGoblins)).toMatch(/restart that keeps state is not offered.*\(restart keep bob\)/);
});
