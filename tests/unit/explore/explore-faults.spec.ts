/**
 * Goal: a scenario's `explore: { faults, maxFaults }` decides what `explore --faults` injects:
 * only the kinds it lists, only on the nodes and links it names, at most `max` of a kind and
 * `maxFaults` in all; bare --faults uses it before the steps' own kinds, and refuses (exit 2,
 * before a browser starts) when nothing is declared at all. Method: a fixture scenario
 * (tests/scenarios-explore/), the real loader, schedule drawer, writer and CLI binary.
 */
import { expect, test } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { loadCatalog } from '../../../harness/case/catalog.js';
import { allowedFaults, drawSchedule, faultsDeclared, FAULT_KINDS, materialize, type Fault } from '../../../harness/explore/schedule.js';
import { planToScenarioYaml } from '../../../harness/explore/to-scenario.js';
import { loadScenario, parseScenario } from '../../../harness/scenario/load.js';
import type { Plan } from '../../../harness/scenario/plan.js';

const FIXTURE = 'tests/scenarios-explore/bounded-faults.yaml';

function fixture(): Plan {
  const loaded = loadScenario(FIXTURE);
  expect(loaded.errors ?? []).toEqual([]);
  return loaded.plan!;
}

/** Every fault drawn over `seeds` with every kind requested. */
function drawAll(plan: Plan, seeds: number): Fault[] {
  const options = { kickoffJitterMs: 0, faults: [...FAULT_KINDS], maxFaults: 2 };
  return Array.from({ length: seeds }, (_, i) => drawSchedule(plan, i + 1, options).faults).flat();
}

test('the key becomes the plan: kinds with their bounds, and maxFaults', () => {
  expect(fixture().explore).toEqual({
    faults: [
      { kind: 'stall', max: 1, nodes: null, links: [['alice', 'bob']] },
      { kind: 'restart', max: null, nodes: ['carol'], links: null },
    ],
    maxFaults: 3,
  });
  // A scenario without the key has no `explore` at all (its plan, and the recording lock's hash of it, are unchanged).
  expect(loadCatalog().every((e) => e.plan?.explore === undefined)).toBe(true);
});

test('only the declared kinds, on the declared link and node, at most max of a kind and maxFaults per run', () => {
  const plan = fixture();
  const faults = drawAll(plan, 200);
  expect(new Set(faults.map((f) => f.kind))).toEqual(new Set(['stall', 'restart']));
  for (const f of faults) {
    if (f.kind === 'restart') expect(f.node).toBe('carol');
    else expect(f.kind === 'stall' && [...f.between].sort()).toEqual(['alice', 'bob']);
  }
  const perRun = Array.from({ length: 200 }, (_, i) => drawSchedule(plan, i + 1, { kickoffJitterMs: 0, faults: [...FAULT_KINDS], maxFaults: 2 }).faults);
  expect(Math.max(...perRun.map((r) => r.filter((f) => f.kind === 'stall').length))).toBe(1);
  // maxFaults 3 from the scenario, not the command's 2: some run has three.
  expect(Math.max(...perRun.map((r) => r.length))).toBe(3);
});

test('without the key the same scenario may be faulted anywhere (the bounds are what changed it)', () => {
  const plan = fixture();
  delete plan.explore;
  const faults = drawAll(plan, 200);
  expect(faults.some((f) => f.kind === 'partition')).toBe(true);
  expect(faults.some((f) => f.kind === 'restart' && f.node !== 'carol')).toBe(true);
  expect(faults.some((f) => f.kind === 'stall' && [...f.between].sort().join() !== 'alice,bob')).toBe(true);
});

test('bare --faults: the key first, else the steps; a requested kind the key leaves out is not injected', () => {
  const plan = fixture();
  expect(faultsDeclared(plan)).toEqual(['stall', 'restart']);
  expect(allowedFaults(plan, ['partition']).map((f) => f.kind)).toEqual([]);
  expect(drawAll({ ...plan, explore: { faults: [], maxFaults: null } }, 50)).toEqual([]);
  const kill = loadCatalog().find((e) => e.plan?.id === 'kill-node-mid-chain')!.plan!;
  expect(faultsDeclared(kill)).toEqual(['restart']);
});

test('a replay of a bounded scenario writes the key back and loads to the same plan', () => {
  const plan = fixture();
  const schedule = drawSchedule(plan, 3, { kickoffJitterMs: 10, faults: [...FAULT_KINDS], maxFaults: 2 });
  const replay = materialize(plan, schedule);
  const back = parseScenario(planToScenarioYaml(replay), 'reports/explore/x.yaml');
  expect(back.errors?.map((e) => e.message) ?? []).toEqual([]);
  expect(back.plan!.explore).toEqual(plan.explore);
  expect(back.plan!.steps.length).toBe(replay.steps.length);
});

const cli = (args: string[]) => spawnSync(process.execPath, ['harness/cli/bin.mjs', ...args], { encoding: 'utf8', timeout: 60_000 });

test('bare --faults on a scenario that declares no fault kind is a usage error naming the way out', () => {
  const r = cli(['explore', 'deliver-echo', '--faults', '--seeds', '1..2']);
  expect(r.status).toBe(2);
  expect(r.stderr).toContain('deliver-echo declares none');
  expect(r.stderr).toContain('--faults partition,stall');
  expect(r.stderr).toContain('explore: { faults: [partition] }');
});
