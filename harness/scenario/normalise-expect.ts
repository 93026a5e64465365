/**
 * Expected results and tables, document → Plan: shared by the top-level `expect`, each design's
 * and the `expect` step (steps/expect.ts), so the defaults of a row are filled in one place.
 */
import type { ResultDoc, SessionTablesDoc, TablesDoc, TableRowDoc } from './doc.js';
import { TABLE_FIELDS, type BrokenReason, type JsonValue, type PlanResult, type PlanTableRow, type PlanTables } from './plan-values.js';

export function makeResults(results: Record<string, ResultDoc> | undefined): PlanResult[] {
  return Object.entries(results ?? {}).map(([name, r]): PlanResult => {
    if (r === null || typeof r !== 'object' || Array.isArray(r)) return { name, kind: 'fulfilled', value: r };
    if ('broken' in r) return { name, kind: 'broken', reasons: r.broken as BrokenReason[] };
    if ('pending' in r) return { name, kind: 'pending' };
    return { name, kind: 'fulfilled', value: (r.fulfilled ?? null) as JsonValue };
  });
}

/** `bootstrap-only`: the export table holds the bootstrap object at position 0 and nothing else. */
export const BOOTSTRAP_ONLY: PlanTableRow[] = [{ position: 0, kind: 'object', refcount: null, resolved: null }];

function makeRows(rows: TableRowDoc[] | 'bootstrap-only' | undefined): PlanTableRow[] | null {
  if (rows === undefined) return null;
  if (rows === 'bootstrap-only') return BOOTSTRAP_ONLY;
  return rows.map((r) => {
    const attributes = {
      kind: r.kind ?? null,
      refcount: r.refcount ?? null,
      resolved: r.resolved ?? null,
      ...(r.same !== undefined ? { same: typeof r.same === 'string' ? { as: r.same, fields: [...TABLE_FIELDS] } : { as: r.same.as, fields: r.same.fields ?? [...TABLE_FIELDS] } } : {}),
      ...(r.replaced !== undefined ? { replaced: r.replaced } : {}),
    };
    if (typeof r.position === 'number') return { position: r.position, ...attributes };
    if (r.position === '*') return { position: 0, every: true, ...attributes };
    const [first, last] = r.position.split('..').map(Number);
    return { position: Math.min(first, last), through: Math.max(first, last), ...attributes };
  });
}

export function makeTables(tables: TablesDoc | undefined): PlanTables[] {
  const out: PlanTables[] = [];
  for (const [node, peers] of Object.entries(tables ?? {})) {
    for (const [peer, t] of Object.entries(peers) as [string, SessionTablesDoc][]) {
      out.push({
        node,
        peer,
        session: t.session ?? 'open',
        exact: t.exact ?? true,
        exports: makeRows(t.exports),
        imports: makeRows(t.imports),
        answers: makeRows(t.answers),
        questions: makeRows(t.questions),
        gifts: makeRows(t.gifts),
        ...(t.exports === 'bootstrap-only' ? { only: ['exports' as const] } : {}),
      });
    }
  }
  return out;
}
