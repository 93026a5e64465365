/**
 * An `expect` step that states the session's current state, for "expect the current results
 * and tables": every kickoff's and named flush's result as it stands, and every live node's
 * export and import tables row by row (position, kind, refcount, resolved), in the language of
 * scenarios/README.md. Replayed at the same point, the run shows the same state, so the step
 * holds; a later change that alters it fails there. What the language cannot state is left out:
 * a result that is a presence (it would need `$ref`) and a break message no category matches.
 */
import { categoriseBreak } from '../checks/break-rules.js';
import type { TableSnapshot } from '../drivers/driver.js';
import type { ResultDoc, SessionTablesDoc, StepDoc, TableRowDoc, TablesDoc } from '../scenario/doc.js';
import type { JsonValue } from '../scenario/plan.js';
import type { RunOutcome } from '../sim/recording.js';

function resultDoc(r: RunOutcome['results'][string]): ResultDoc | undefined {
  if (r.outcome === 'pending') return { pending: true };
  if (r.outcome === 'broken') {
    const category = categoriseBreak(r, []);
    return category ? { broken: [category] } : undefined;
  }
  return JSON.stringify(r.value ?? null).includes('[remotable') ? undefined : { fulfilled: (r.value ?? null) as JsonValue };
}

function rows(entries: TableSnapshot['sessions'][number]['exports']): TableRowDoc[] {
  return entries.map((e) => ({
    position: e.position,
    ...(e.kind === 'object' || e.kind === 'promise' ? { kind: e.kind } : {}),
    refcount: e.refcount,
    ...(e.resolved !== undefined ? { resolved: e.resolved } : {}),
  }));
}

export function expectHere(results: RunOutcome['results'], tables: readonly TableSnapshot[]): StepDoc {
  const stated: Record<string, ResultDoc> = {};
  for (const [name, r] of Object.entries(results)) {
    const doc = resultDoc(r);
    if (doc) stated[name] = doc;
  }
  const byNode: TablesDoc = {};
  for (const t of tables) {
    for (const s of t.sessions) {
      const session: SessionTablesDoc = { exports: rows(s.exports), imports: rows(s.imports) };
      (byNode[t.node] ??= {})[s.peer] = session;
    }
  }
  return { expect: { ...(Object.keys(stated).length ? { results: stated } : {}), ...(Object.keys(byNode).length ? { tables: byNode } : {}) } };
}
