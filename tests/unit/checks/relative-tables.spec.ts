/**
 * Goal: a table row can speak relative to another moment of the run: "refcount unchanged across
 * the flush" (`same: { as: <named expect step>, fields }`) and "the slot now holds a fresh promise"
 * (`replaced`, from the node's export-replaced event); each fails on a run where it is false, a
 * baseline the run never took cannot be judged, and the scenario layer refuses a `same` naming no
 * earlier step and a `replaced` outside the export table.
 * Method: judgeExpectations over hand-built transcripts holding `tables` snapshots, `step` events
 * and node events, with plans from the real parser.
 */
import { test, expect } from '@playwright/test';
import { judgeExpectations } from '../../../harness/checks/expectations.js';
import { parseScenario } from '../../../harness/scenario/load.js';
import type { Plan } from '../../../harness/scenario/plan.js';
import type { Transcript } from '../../../harness/transcript/types.js';
import { entry, session, snapshot } from './_tables.js';

const SCENARIO = [
  'id: relative',
  'title: relative',
  'topology: { nodes: { alice: {}, bob: { apps: { later: { app: holder } } } } }',
  'kickoffs: [{ name: p, from: alice, target: bob.later, method: get }]',
  'steps:',
  '  - wait: quiescent',
  '  - expect: { name: before }',
  '  - flush: { export: p, name: fp }',
  '  - wait: { settled: fp }',
  '  - expect:',
  '      tables: { bob: { alice: { exports: [{ position: 2, same: { as: before, fields: [refcount] }, replaced: true }], exact: false } } }',
  'expect:',
  '  tables: { bob: { alice: { exports: [{ position: 2, same: before }], exact: false } } }',
  '  checks: [flushSwap]',
].join('\n');

function plan(text = SCENARIO): Plan {
  const result = parseScenario(text, 'relative.yaml');
  expect(result.errors ?? []).toEqual([]);
  return result.plan!;
}

/** bob's export 2 counted `before` then `after`; `swapped`: bob reported export-replaced for it. */
function run(before: number, after: number, swapped: boolean, kindAfter: 'promise' | 'object' = 'promise'): Transcript {
  const tables = (label: string, refcount: number, kind: 'promise' | 'object') => ({
    kind: 'tables',
    label,
    snapshot: snapshot('bob', session('alice', { exports: [entry(0, 'object', 0), entry(1, 'object'), entry(2, kind, refcount, { resolved: false })] })),
  });
  const events = [
    tables('step 1', before, 'promise'),
    ...(swapped ? [{ kind: 'node', node: 'bob', event: { type: 'export-replaced', peer: 'alice', position: 2, refcount: before } }] : []),
    tables('step 4', after, kindAfter),
    tables('end', after, kindAfter),
  ].map((e, seq) => ({ seq, atMs: seq, ...e }));
  return { events, outcome: { end: 'quiescent', results: {} } } as unknown as Transcript;
}

const judge = (p: Plan, t: Transcript) => judgeExpectations(p, t, { appMessages: [] });

test('refcount unchanged and the slot replaced: holds at the step and at the end', () => {
  const verdicts = judge(plan(), run(2, 2, true));
  expect(verdicts.map((v) => v.verdict)).toEqual(['holds', 'holds']);
});

test('a refcount that changed across the flush is violated, naming then and now', () => {
  const [step, end] = judge(plan(), run(2, 1, true));
  expect(step.verdict).toBe('violated');
  expect(step.explanation).toContain('exports position 2: changed since "before": refcount 2 then, 1 now');
  expect(end.verdict).toBe('violated');
});

test('`fields` limits the comparison: a changed kind is judged only where kind is compared', () => {
  const [step, end] = judge(plan(), run(2, 2, true, 'object'));
  expect(step.verdict).toBe('holds'); // fields: [refcount]
  expect(end.verdict).toBe('violated'); // same: before compares every field
  expect(end.explanation).toContain('kind promise then, object now');
});

test('no export-replaced event: "replaced: true" is violated', () => {
  const [step] = judge(plan(), run(2, 2, false));
  expect(step.verdict).toBe('violated');
  expect(step.explanation).toContain('never reported export-replaced');
});

test('a baseline the run never took cannot be judged (the case fails, never passes vacuously)', () => {
  const t = run(2, 2, true);
  t.events = t.events.filter((e) => !(e.kind === 'tables' && e.label === 'step 1'));
  const [step] = judge(plan(), t);
  expect(step.verdict).toBe('unknown');
  expect(step.explanation).toContain('no snapshot of bob at "before"');
});

test('the scenario layer refuses a `same` naming no earlier step, a reused name and `replaced` on imports', () => {
  const bad = SCENARIO.replace('same: { as: before,', 'same: { as: befor,')
    .replace("  - wait: { settled: fp }", "  - wait: { settled: fp }\n  - expect: { name: before }")
    .replace("exports: [{ position: 2, same: before }]", 'imports: [{ position: 1, replaced: true }]');
  const messages = (parseScenario(bad, 'relative.yaml').errors ?? []).map((e) => e.message);
  expect(messages.some((m) => m.includes('no earlier expect step is named "befor"') && m.includes('before'))).toBe(true);
  expect(messages.some((m) => m.includes('"before" already names the expect step steps[1]'))).toBe(true);
  expect(messages.some((m) => m.includes('replaced speaks of export slots'))).toBe(true);
});

test('a named expect step is normalised with its name; rows carry same and replaced', () => {
  const p = plan();
  const step = p.steps[1];
  expect(step.kind === 'expect' && step.name).toBe('before');
  const later = p.steps[4];
  expect(later.kind === 'expect' && later.tables[0].exports?.[0]).toMatchObject({ position: 2, same: { as: 'before', fields: ['refcount'] }, replaced: true });
  expect(p.expect.tables[0].exports?.[0].same).toEqual({ as: 'before', fields: ['kind', 'refcount', 'resolved'] });
});
