/**
 * Semantic checks of expected results and tables: names that exist, `{ $ref: node.object }`
 * values some node hosts, `same` rows naming an earlier named snapshot. Shared by the top-level
 * `expect`, each design's and the `expect` step (steps/expect.ts).
 */
import type { ResultDoc, SessionTablesDoc, StepDoc, TablesDoc } from './doc.js';
import { getOutcomeNames, report, resolveObject, type Path, type SemanticContext } from './semantic-context.js';
import { didYouMean } from './suggest.js';

export function checkResults(ctx: SemanticContext, path: Path, results: Record<string, ResultDoc> | undefined): void {
  for (const [name, result] of Object.entries(results ?? {})) {
    if (!getOutcomeNames(ctx).includes(name)) {
      report(ctx, [...path, name], `unknown kickoff or flush "${name}"${didYouMean(name, getOutcomeNames(ctx))}`, true);
    }
    const plain = result === null || typeof result !== 'object' || Array.isArray(result);
    if (plain) checkReferences(ctx, [...path, name], result);
    else if ('fulfilled' in result) checkReferences(ctx, [...path, name, 'fulfilled'], result.fulfilled);
  }
}

/** `{ $ref: node.object }` inside an expected value names an object some node hosts (an app). */
function checkReferences(ctx: SemanticContext, path: Path, value: unknown): void {
  if (Array.isArray(value)) {
    value.forEach((v, i) => checkReferences(ctx, [...path, i], v));
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const entries = Object.entries(value);
  if (entries.length !== 1 || entries[0][0] !== '$ref') {
    for (const [k, v] of entries) checkReferences(ctx, [...path, k], v);
    return;
  }
  const ref = entries[0][1];
  const at = [...path, '$ref'];
  const objects = [...ctx.apps].flatMap(([node, apps]) => [...apps.keys()].map((o) => `${node}.${o}`));
  if (typeof ref !== 'string' || !/^[^.]+\.[^.]+$/.test(ref)) {
    report(ctx, at, `a reference is written <node>.<object> (objects: ${objects.join(', ') || 'none'})`);
    return;
  }
  if (objects.includes(ref)) return;
  const [node, name] = ref.split('.');
  const object = ctx.apps.has(node) ? resolveObject(ctx, node, name) : undefined;
  const hint = object !== undefined ? ` (${name} is a sturdyref name; the object is ${node}.${object})` : didYouMean(ref, objects);
  report(ctx, at, `no node hosts an object "${ref}"${hint}`);
}

/** The name an expect step gives its snapshot, if it is one (steps are not schema-checked yet
 * when a bad document reaches here, so anything may stand in the list). */
function snapshotName(step: StepDoc | undefined): unknown {
  if (!step || typeof step !== 'object') return undefined;
  const body = step.expect;
  return body && typeof body === 'object' ? (body as { name?: unknown }).name : undefined;
}

/** Names of the expect steps before step `before` (all of them when undefined), in order. */
export function snapshotNames(ctx: SemanticContext, before?: number): string[] {
  const steps = (ctx.doc.steps ?? []).slice(0, before);
  return steps.flatMap((s) => {
    const name = snapshotName(s);
    return typeof name === 'string' ? [name] : [];
  });
}

export function checkSnapshotName(ctx: SemanticContext, path: Path, name: string | undefined, index: number): void {
  if (name === undefined) return;
  const earlier = (ctx.doc.steps ?? []).findIndex((s, i) => i < index && snapshotName(s) === name);
  if (earlier >= 0) report(ctx, path, `"${name}" already names the expect step steps[${earlier}]; give each snapshot its own name`);
}

/** `available`: snapshot names a row's `same` may compare with (earlier named expect steps). */
export function checkTables(ctx: SemanticContext, path: Path, tables: TablesDoc | undefined, available?: string[]): void {
  for (const [node, peers] of Object.entries(tables ?? {})) {
    if (!ctx.nodeNames.includes(node)) {
      report(ctx, [...path, node], `unknown node "${node}"${didYouMean(node, ctx.nodeNames)}`, true);
      continue;
    }
    for (const [peer, session] of Object.entries(peers)) {
      if (!ctx.nodeNames.includes(peer)) report(ctx, [...path, node, peer], `unknown peer "${peer}"${didYouMean(peer, ctx.nodeNames)}`, true);
      else if (peer === node) report(ctx, [...path, node, peer], `${node} has no session with itself`, true);
      if (available) checkRelativeRows(ctx, [...path, node, peer], session, available);
    }
  }
}

/** `same` names an earlier named snapshot; `replaced` speaks of export slots only. */
function checkRelativeRows(ctx: SemanticContext, path: Path, session: SessionTablesDoc | undefined, available: string[]): void {
  if (!session || typeof session !== 'object') return;
  for (const table of ['exports', 'imports', 'answers', 'questions', 'gifts'] as const) {
    const rows = session[table];
    if (!Array.isArray(rows)) continue;
    rows.forEach((row, i) => {
      if (!row || typeof row !== 'object') return;
      const at = [...path, table, i];
      if (row.same !== undefined) {
        const as = typeof row.same === 'string' ? row.same : row.same.as;
        if (!available.includes(as)) {
          const known = available.length ? `earlier named snapshots: ${available.join(', ')}` : 'no earlier expect step has a name; add name: to one';
          report(ctx, [...at, 'same'], `no earlier expect step is named "${as}"${didYouMean(as, available)} (${known})`);
        }
      }
      if (row.replaced !== undefined && table !== 'exports') report(ctx, [...at, 'replaced'], `replaced speaks of export slots (a flush swaps an export); ${table} rows cannot be replaced`);
    });
  }
}
