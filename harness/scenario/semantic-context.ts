/**
 * Shared state of the semantic checks: the names a scenario declares (nodes, their objects,
 * kickoffs, named flushes) and an error sink that turns a JSON path into `file:line:col`.
 * View: one scenario document that already passed the schema, so shapes can be trusted and only
 * names and references remain to be checked.
 */
import type { KickoffDoc, ScenarioDoc } from './doc.js';
import { formatPath, makeError, type ScenarioError } from './errors.js';
import { findOrigin, type OriginTree } from './origins.js';
import { didYouMean } from './suggest.js';
import type { DesignFactsTable } from './design-facts.js';

export type Path = (string | number)[];

export interface SemanticContext {
  doc: ScenarioDoc;
  nodeNames: string[];
  /** node → object name → app kind. */
  apps: Map<string, Map<string, string>>;
  kickoffs: Map<string, { index: number; doc: KickoffDoc }>;
  /** Flush steps with a name: name → step index. */
  flushNames: Map<string, number>;
  /** Kickoffs with at: step that some `kickoff` step starts. */
  startedBySteps: Set<string>;
  errors: ScenarioError[];
  origins: OriginTree;
  /** Each flush design's facts (the generated schema's, passed in: this file loads in the page too). */
  designFacts: DesignFactsTable;
}

export function makeContext(doc: ScenarioDoc, origins: OriginTree, designFacts: DesignFactsTable): SemanticContext {
  const nodes = doc.topology.nodes;
  const apps = new Map<string, Map<string, string>>();
  for (const [name, node] of Object.entries(nodes)) {
    const objects = node.external ? Object.entries(node.objects ?? {}) : Object.entries(node.apps ?? {});
    apps.set(name, new Map(objects.map(([obj, app]) => [obj, app.app])));
  }
  return {
    doc,
    nodeNames: Object.keys(nodes),
    apps,
    kickoffs: new Map(),
    flushNames: new Map(),
    startedBySteps: new Set(),
    errors: [],
    origins,
    designFacts,
  };
}

/** Records `path: message` at the value (or its key) the path names. */
export function report(ctx: SemanticContext, path: Path, message: string, onKey = false): void {
  const tree = findOrigin(ctx.origins, path);
  const point = onKey ? tree.key ?? tree.value : tree.value;
  ctx.errors.push(makeError('semantic', point, `${formatPath(path)}: ${message}`));
}

/** True when `name` is a node; otherwise reports `unknown node` with a suggestion. */
export function checkNode(ctx: SemanticContext, path: Path, name: string): boolean {
  if (ctx.nodeNames.includes(name)) return true;
  report(ctx, path, `unknown node "${name}"${didYouMean(name, ctx.nodeNames)}`);
  return false;
}

/** Both ends exist and differ. */
export function checkPair(ctx: SemanticContext, path: Path, pair: [string, string]): boolean {
  const ok = checkNode(ctx, [...path, 0], pair[0]) && checkNode(ctx, [...path, 1], pair[1]);
  if (ok && pair[0] === pair[1]) {
    report(ctx, [...path, 1], `a link joins two different nodes (got ${pair[0]} twice)`);
    return false;
  }
  return ok;
}

/** Names a result can be referred to by: kickoffs and named flushes. */
export function getOutcomeNames(ctx: SemanticContext): string[] {
  return [...ctx.kickoffs.keys(), ...ctx.flushNames.keys()];
}

/** An object name, or a sturdyref (swiss) name standing for one. */
export function resolveObject(ctx: SemanticContext, node: string, name: string): string | undefined {
  if (ctx.apps.get(node)?.has(name)) return name;
  return ctx.doc.topology.nodes[node]?.sturdyrefs?.[name];
}
