/**
 * Expected results and tables, document → Plan: shared by the top-level `expect`, each design's
 * and the `expect` step (steps/expect.ts), so the defaults of a row are filled in one place.
 */
import type { ExpectDoc, ResultDoc, SessionTablesDoc, TablesDoc, TableRowDoc } from './doc.js';
import { TABLE_FIELDS, type BrokenReason, type JsonValue, type PlanExpect, type PlanResult, type PlanTableRow, type PlanTables } from './plan-values.js';

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

export function makeExpect(e: ExpectDoc | undefined): PlanExpect {
  return {
    results: makeResults(e?.results),
    tables: makeTables(e?.tables),
    checks: e?.checks ?? 'all',
    sometimes: (e?.sometimes ?? []).map((s) => {
      if (typeof s === 'string') return { kind: 'mark' as const, name: s, description: '' };
      const kind = s.mark !== undefined ? ('mark' as const) : s.frame !== undefined ? ('frame' as const) : ('violated' as const);
      return { kind, name: (s.mark ?? s.frame ?? s.violated)!, description: s.description ?? '' };
    }),
    marks: e?.marks ?? [],
    ...(e?.sessions ? { sessions: Object.entries(e.sessions).flatMap(([node, peers]) => Object.entries(peers).map(([peer, count]) => ({ node, peer, count }))) } : {}),
    golden: e?.golden ?? false,
    ...(e?.allowUnknown !== undefined ? { allowUnknown: e.allowUnknown } : {}),
  };
}

/**
 * One design's expectations: its `byDesign` entry over the common `expect`. results merge by
 * name and tables by (node, peer), the design's entry winning; any other key replaces.
 */
export function mergeExpect(common: ExpectDoc | undefined, design: ExpectDoc | undefined): ExpectDoc {
  const { byDesign: _byDesign, ...base } = (common ?? {}) as ExpectDoc & { byDesign?: unknown };
  if (!design) return base;
  const tables: TablesDoc = { ...(base.tables ?? {}) };
  for (const [node, peers] of Object.entries(design.tables ?? {})) tables[node] = { ...(tables[node] ?? {}), ...peers };
  return {
    ...base,
    ...design,
    ...(base.results || design.results ? { results: { ...(base.results ?? {}), ...(design.results ?? {}) } } : {}),
    ...(base.tables || design.tables ? { tables } : {}),
  };
}
