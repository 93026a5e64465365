/**
 * The small model steps are replayed against in the semantic phase — each node running, paused or
 * down, each link cut or not, kickoffs started, references released, virtual time never going
 * back — so an impossible sequence (resume without pause, restart of a running node, heal of an
 * uncut link) is reported where it is written. And the reference rules flush and release share.
 */
import type { RefDoc } from '../doc.js';
import { getKickoffOp, getTargetNode, parseTarget, PROMISE_APPS } from '../kickoff-rules.js';
import { checkNode, checkPair, report, resolveObject, type Path, type SemanticContext } from '../semantic-context.js';
import { didYouMean, withArticle } from '../suggest.js';
import type { FaultFacts, NodeState, StepCheck } from './definition.js';

export interface StepModel {
  nodes: Map<string, { state: NodeState; since: number }>;
  cut: Map<string, number>;
  released: Map<string, number>;
  started: Map<string, number>;
  /** Latest absolute time some wait reaches (untilMs), to catch time going backwards. */
  untilMs: { value: number; step: number };
}

export function makeStepModel(nodeNames: readonly string[]): StepModel {
  return {
    nodes: new Map(nodeNames.map((n) => [n, { state: 'running', since: -1 }])),
    cut: new Map(),
    released: new Map(),
    started: new Map(),
    untilMs: { value: 0, step: -1 },
  };
}

/** A lifecycle fault: the node must be in one of `rule.from`, and moves to `rule.to`. */
export function changeNode({ ctx, model, index }: StepCheck, path: Path, node: string, action: string, rule: NonNullable<FaultFacts['lifecycle']>): void {
  if (!checkNode(ctx, path, node)) return;
  const current = model.nodes.get(node)!;
  if (!rule.from.includes(current.state)) {
    const since = current.since >= 0 ? ` since steps[${current.since}]` : '';
    report(ctx, path, `cannot ${action} ${node}: it must be ${rule.needs}, but it is ${current.state}${since}`);
    return;
  }
  model.nodes.set(node, { state: rule.to, since: index });
}

/** A fault on a pair: the pair exists; a cut is not cut already, a heal heals a cut. */
export function checkLinkFault({ ctx, model, index }: StepCheck, path: Path, pair: [string, string], link: FaultFacts['link']): void {
  if (!checkPair(ctx, path, pair)) return;
  const key = [...pair].sort().join('|');
  const cutAt = model.cut.get(key);
  if (link === 'cut') {
    if (cutAt !== undefined) report(ctx, path, `${pair[0]} and ${pair[1]} are already partitioned by steps[${cutAt}]`);
    else model.cut.set(key, index);
  } else if (link === 'heal') {
    if (cutAt === undefined) report(ctx, path, `${pair[0]} and ${pair[1]} are not partitioned; nothing to heal`);
    else model.cut.delete(key);
  }
}

export function expectUp(ctx: SemanticContext, model: StepModel, path: Path, node: string, action: string): void {
  const state = model.nodes.get(node);
  if (state?.state === 'down') report(ctx, path, `${node} cannot ${action}: it is down since steps[${state.since}]`);
}

/** Resolves a flush/release reference; returns the holder node, or undefined after reporting. */
export function checkRef(ctx: SemanticContext, path: Path, refKey: string, ref: RefDoc, node: string | undefined, peer: string | undefined, action: string): string | undefined {
  if (node !== undefined && !checkNode(ctx, [...path, 'node'], node)) return undefined;
  if (peer !== undefined && !checkNode(ctx, [...path, 'peer'], peer)) return undefined;
  if (typeof ref === 'number') {
    if (node === undefined || peer === undefined) {
      report(ctx, path, `${refKey}: ${ref} is a position, so node (the holder) and peer (the exporter) are both required`);
      return undefined;
    }
    if (node === peer) report(ctx, [...path, 'peer'], `${node} cannot hold an export of its own`);
    return node;
  }
  const kickoff = ctx.kickoffs.get(ref)?.doc;
  if (!kickoff) {
    const named = ctx.flushNames.has(ref) ? `; "${ref}" names a flush, not a reference` : didYouMean(ref, ctx.kickoffs.keys());
    report(ctx, [...path, refKey], `unknown kickoff "${ref}"${named}`);
    return undefined;
  }
  if (node !== undefined && node !== kickoff.from) {
    report(ctx, [...path, 'node'], `${node} never received "${ref}"; its holder is ${kickoff.from}`);
    return undefined;
  }
  const exporter = getTargetNode(ctx.doc, kickoff);
  if (peer !== undefined && exporter !== undefined && peer !== exporter) {
    report(ctx, [...path, 'peer'], `"${ref}" was exported by ${exporter}, not ${peer}`);
  }
  if (action === 'flush') checkFlushable(ctx, [...path, refKey], ref);
  return kickoff.from;
}

/** op:flush targets a promise the exporter exported: a fetched object or plain data is never one. */
function checkFlushable(ctx: SemanticContext, path: Path, name: string): void {
  const kickoff = ctx.kickoffs.get(name)!.doc;
  const op = getKickoffOp(kickoff);
  const target = parseTarget(kickoff.target);
  if (op === 'fetch') {
    report(ctx, path, `"${name}" is a fetched object, not a promise; op:flush applies to promises`);
  } else if (op === 'call' && target.kind === 'sturdyref') {
    const object = resolveObject(ctx, target.node, target.object);
    const app = object === undefined ? undefined : ctx.apps.get(target.node)?.get(object);
    if (app !== undefined && !PROMISE_APPS.includes(app)) {
      report(ctx, path, `"${name}" is never exported: ${target.node}.${target.object} is ${withArticle(app)}, which answers plain data`);
    }
  }
}
