/**
 * Expected results and tables, Plan → scenario document: the inverse of normalise-expect.ts, for
 * the explore writer (explore/to-scenario.ts) and the `expect` step's own inverse.
 */
import type { PlanResult, PlanTableRow, PlanTables } from './plan-values.js';

type Doc = { [key: string]: unknown };

export function resultsDoc(results: readonly PlanResult[]): Doc {
  const out: Doc = {};
  for (const r of results) {
    if (r.kind === 'broken') out[r.name] = { broken: r.reasons };
    else if (r.kind === 'pending') out[r.name] = { pending: true };
    // The explicit form is never ambiguous (a bare map value would read as a result form).
    else out[r.name] = { fulfilled: r.value };
  }
  return out;
}

function rowsDoc(rows: readonly PlanTableRow[]): Doc[] {
  return rows.map((r) => ({
    position: r.every ? '*' : r.through !== undefined ? `${r.position}..${r.through}` : r.position,
    ...(r.kind !== null ? { kind: r.kind } : {}),
    ...(r.refcount !== null ? { refcount: r.refcount } : {}),
    ...(r.resolved !== null ? { resolved: r.resolved } : {}),
    ...(r.same !== undefined ? { same: { as: r.same.as, fields: [...r.same.fields] } } : {}),
    ...(r.replaced !== undefined ? { replaced: r.replaced } : {}),
  }));
}

export function tablesDoc(tables: readonly PlanTables[]): Doc {
  const out: Record<string, Doc> = {};
  for (const t of tables) {
    const entry: Doc = { session: t.session, exact: t.exact };
    for (const key of ['exports', 'imports', 'answers', 'questions', 'gifts'] as const) {
      const rows = t[key];
      // `only` is what the bootstrap-only shorthand leaves in the plan; nothing else sets it.
      if (rows !== null) entry[key] = t.only?.includes(key) ? 'bootstrap-only' : rowsDoc(rows);
    }
    (out[t.node] ??= {})[t.peer] = entry;
  }
  return out;
}
