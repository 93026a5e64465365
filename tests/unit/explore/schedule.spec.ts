/**
 * Goal: explored schedules are drawn from the seed alone, inject only the faults allowed, and
 * always materialize into a plan the scenario language accepts (written back and loaded again).
 * Method: the real scenarios/ pack, the real YAML writer and loader.
 */
import { expect, test } from '@playwright/test';
import { loadCatalog } from '../../../harness/case/catalog.js';
import { compatibleFaults, drawSchedule, faultsThatFit, faultsDeclared, FAULT_KINDS, materialize } from '../../../harness/explore/schedule.js';
import { planToScenarioYaml } from '../../../harness/explore/to-scenario.js';
import { onlyUnjudgedUnderFaults } from '../../../harness/explore/explore.js';
import { parseScenario } from '../../../harness/scenario/load.js';

const catalog = loadCatalog();
const plan = (id: string) => catalog.find((e) => e.plan?.id === id)!.plan!;

test('the same seed draws the same schedule; other seeds draw others', () => {
  const p = plan('fixed-route-four-hops');
  const options = { kickoffJitterMs: 10, faults: [...FAULT_KINDS], maxFaults: 3 };
  expect(drawSchedule(p, 7, options)).toEqual(drawSchedule(p, 7, options));
  const distinct = new Set([1, 2, 3, 4, 5, 6, 7, 8].map((s) => JSON.stringify(drawSchedule(p, s, options))));
  expect(distinct.size).toBeGreaterThan(4);
});

test('no faults unless asked; restarts never hit a kickoff sender', () => {
  const p = plan('fixed-route-four-hops');
  for (let seed = 1; seed <= 30; seed++) {
    expect(drawSchedule(p, seed, { kickoffJitterMs: 10, faults: [], maxFaults: 3 }).faults).toEqual([]);
    const s = drawSchedule(p, seed, { kickoffJitterMs: 0, faults: ['restart'], maxFaults: 3 });
    expect(s.kickoffShiftMs.every((x) => x === 0)).toBe(true);
    for (const f of s.faults) expect(f.kind === 'restart' && f.node !== 'alice').toBe(true);
  }
});

test('a scenario allows the fault kinds its own steps use', () => {
  expect(faultsDeclared(plan('kill-node-mid-chain'))).toEqual(['restart']);
  expect(faultsDeclared(plan('fixed-route-four-hops'))).toEqual([]);
});

test('overlapping faults on the same pair or node keep only the first', () => {
  const kept = compatibleFaults([
    { kind: 'partition', atMs: 10, between: ['a', 'b'], forMs: 20 },
    { kind: 'partition', atMs: 25, between: ['b', 'a'], forMs: 20 },
    { kind: 'partition', atMs: 25, between: ['a', 'c'], forMs: 20 },
  ]);
  expect(kept.map((f) => f.atMs)).toEqual([10, 25]);
});

test('every scenario × 25 seeds with every fault kind materializes to a scenario that loads', () => {
  const options = { kickoffJitterMs: 10, faults: [...FAULT_KINDS], maxFaults: 3 };
  let injected = 0;
  for (const entry of catalog) {
    for (let seed = 1; seed <= 25; seed++) {
      const schedule = drawSchedule(entry.plan!, seed, options);
      const replay = materialize(entry.plan!, schedule);
      injected += faultsThatFit(entry.plan!, schedule.faults).length;
      const loaded = parseScenario(planToScenarioYaml(replay), 'reports/explore/x.yaml');
      expect(loaded.errors?.map((e) => e.message) ?? [], `${entry.file} seed ${seed}`).toEqual([]);
      expect(loaded.plan!.seeds).toEqual([seed]);
    }
  }
  expect(injected).toBeGreaterThan(100);
});

test('a run with injected faults keeps the checks and sometimes, and drops what assumed no faults: results, tables, marks, session counts', () => {
  const p = plan('partition-drop-new-session');
  expect(p.expect.sessions?.length).toBeGreaterThan(0);
  const options = { kickoffJitterMs: 10, faults: [...FAULT_KINDS], maxFaults: 3 };
  const seed = [...Array(50).keys()].map((i) => i + 1).find((s) => faultsThatFit(p, drawSchedule(p, s, options).faults).length > 0)!;
  const replay = materialize(p, drawSchedule(p, seed, options));
  expect(replay.expect).toMatchObject({ results: [], tables: [], marks: [], checks: p.expect.checks, sometimes: p.expect.sometimes });
  expect(replay.expect.sessions).toBeUndefined();
  // Without injected faults the scenario's own expectations stay.
  expect(materialize(p, drawSchedule(p, seed, { ...options, faults: [] })).expect.sessions).toEqual(p.expect.sessions);
});

test('jitter never moves a pipelined kickoff before the kickoff whose answer it targets', () => {
  const p = plan('interop-break-propagation');
  const [fail, after] = p.kickoffs;
  expect(after.target).toEqual({ kind: 'result', kickoff: fail.name });
  // The scenario's 5 ms gap is smaller than the 10 ms jitter: unclamped, some seeds would reorder.
  expect((after.at as number) - (fail.at as number)).toBeLessThan(10);
  const shifts = new Set<number>();
  for (let seed = 1; seed <= 60; seed++) {
    const s = drawSchedule(p, seed, { kickoffJitterMs: 10, faults: [], maxFaults: 0 });
    shifts.add(s.kickoffShiftMs[0]);
    expect(s.kickoffShiftMs[1], `seed ${seed}`).toBeGreaterThanOrEqual(s.kickoffShiftMs[0]);
  }
  expect(shifts.size).toBeGreaterThan(5);
});

test('a node whose driver cannot restart is never given an injected restart', () => {
  const p = plan('fixed-route-four-hops');
  let restarts = 0;
  for (let seed = 1; seed <= 30; seed++) {
    const all = drawSchedule(p, seed, { kickoffJitterMs: 0, faults: ['restart'], maxFaults: 3 });
    restarts += all.faults.length;
    const none = drawSchedule(p, seed, { kickoffJitterMs: 0, faults: ['restart'], maxFaults: 3, canRestart: () => false });
    expect(none.faults).toEqual([]);
    const onlyBob = drawSchedule(p, seed, { kickoffJitterMs: 0, faults: ['restart'], maxFaults: 3, canRestart: (n) => n === 'bob' });
    for (const f of onlyBob.faults) expect(f.kind === 'restart' && f.node).toBe('bob');
  }
  expect(restarts).toBeGreaterThan(0);
});

test('a seed is inconclusive only when faults were injected and every failure is a named check with nothing to judge', () => {
  const p = plan('values-echo');
  expect(p.expect.checks).toContain('noLoss');
  const unknown = { name: 'noLoss', verdict: 'unknown' as const, explanation: 'noLoss unknown: the run had faults' };
  const j = (failures: string[], verdicts = [unknown]) =>
    ({ crashed: undefined, schema: { ok: true }, failures, checks: { verdicts, overall: 'unknown' } }) as unknown as Parameters<typeof onlyUnjudgedUnderFaults>[2];
  expect(onlyUnjudgedUnderFaults(p, 1, j([unknown.explanation]))).toBe(true);
  expect(onlyUnjudgedUnderFaults(p, 0, j([unknown.explanation]))).toBe(false);
  expect(onlyUnjudgedUnderFaults(p, 2, j([unknown.explanation, 'expectation result x violated']))).toBe(false);
  expect(onlyUnjudgedUnderFaults(p, 1, j(['noLoss violated'], [{ ...unknown, verdict: 'violated' as never }]))).toBe(false);
});
