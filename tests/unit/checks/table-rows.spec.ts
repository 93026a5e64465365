/**
 * Goal: table expectations can say "positions 4..9 are resolved promises" (a range: every
 * position must exist and match), "every row is an object" (`*`) and "empty except the bootstrap
 * object" (`bootstrap-only`, exact whatever `exact` says), and each fails on a broken table.
 * Method: tableDifference over hand-built snapshots; the shorthand through the real normaliser.
 */
import { test, expect } from '@playwright/test';
import { tableDifference } from '../../../harness/checks/expectations.js';
import { parseScenario } from '../../../harness/scenario/load.js';
import type { PlanTableRow, PlanTables } from '../../../harness/scenario/plan.js';
import type { TableSnapshot } from '../../../harness/transcript/types.js';

type Row = { position: number; kind: 'object' | 'promise'; refcount: number; resolved?: boolean };
function snapshot(exports: Row[]): TableSnapshot {
  return { node: 'bob', sessions: [{ peer: 'alice', exports, imports: [], answers: [], questions: [], gifts: [] }] } as unknown as TableSnapshot;
}
const row = (r: Partial<PlanTableRow> & { position: number }): PlanTableRow => ({ kind: null, refcount: null, resolved: null, ...r });
const want = (exports: PlanTableRow[], exact = false): PlanTables => ({ node: 'bob', peer: 'alice', session: 'open', exact, exports, imports: null, answers: null, questions: null, gifts: null });
const promises = (from: number, to: number, resolved: boolean): Row[] =>
  Array.from({ length: to - from + 1 }, (_, i) => ({ position: from + i, kind: 'promise', refcount: 1, resolved }));

test('a range: every position in it must exist and match', () => {
  const range = want([row({ position: 4, through: 9, kind: 'promise', resolved: true })]);
  expect(tableDifference(range, snapshot(promises(4, 9, true)))).toBeUndefined();
  expect(tableDifference(range, snapshot(promises(4, 8, true)))).toBe('exports: no row at position 9 (in 4..9) (rows: {position 4, promise, refcount 1, resolved}, {position 5, promise, refcount 1, resolved}, {position 6, promise, refcount 1, resolved}, {position 7, promise, refcount 1, resolved}, {position 8, promise, refcount 1, resolved})');
  const oneUnresolved = [...promises(4, 6, true), ...promises(7, 7, false), ...promises(8, 9, true)];
  expect(tableDifference(range, snapshot(oneUnresolved))).toBe('exports position 7 (in 4..9): expected {positions 4..9, promise, resolved}, got {promise, refcount 1, unresolved}');
});

test('`*` judges every row there is; with exact, rows outside the ranges are extra', () => {
  const objects: Row[] = [{ position: 0, kind: 'object', refcount: 1 }, { position: 3, kind: 'object', refcount: 2 }];
  expect(tableDifference(want([row({ position: 0, every: true, kind: 'object' })]), snapshot(objects))).toBeUndefined();
  expect(tableDifference(want([row({ position: 0, every: true, kind: 'promise' })]), snapshot(objects))).toMatch(/^exports position 0 \(in \*\): expected \{every row, promise\}/);
  expect(tableDifference(want([row({ position: 2, through: 3 })], true), snapshot([...objects, { position: 2, kind: 'object', refcount: 1 }]))).toBe('exports: expected exactly rows 2..3, got 3 (unexpected: {position 0, object, refcount 1})');
});

test('bootstrap-only: the bootstrap object and nothing else, even with exact: false', () => {
  const result = parseScenario(
    [
      'id: shorthand',
      'title: shorthand',
      'topology: { nodes: { alice: {}, bob: {} } }',
      'expect:',
      '  tables: { bob: { alice: { exports: bootstrap-only, exact: false } } }',
    ].join('\n'),
    'shorthand.yaml',
  );
  const tables = result.plan!.expect.tables[0];
  expect(tableDifference(tables, snapshot([{ position: 0, kind: 'object', refcount: 1 }]))).toBeUndefined();
  expect(tableDifference(tables, snapshot([{ position: 0, kind: 'object', refcount: 1 }, ...promises(1, 1, false)]))).toBe('exports: expected exactly 1 row(s), got 2 (unexpected: {position 1, promise, refcount 1, unresolved})');
});
