/**
 * Rules about kickoffs shared by the semantic checks and normalisation, so both read a kickoff
 * the same way: which op it is, what its target names, which node holds the target, and whether
 * its result is a reference the target's node exports to the caller.
 */
import type { KickoffDoc, NodeDoc, ScenarioDoc } from './doc.js';

export type ParsedTarget = { kind: 'sturdyref'; node: string; object: string } | { kind: 'result'; kickoff: string };

export function parseTarget(target: string): ParsedTarget {
  const dot = target.indexOf('.');
  if (dot < 0) return { kind: 'result', kickoff: target };
  return { kind: 'sturdyref', node: target.slice(0, dot), object: target.slice(dot + 1) };
}

/** op: as written, else call with a method, fetch of a sturdyref, listen to a result. */
export function getKickoffOp(kickoff: KickoffDoc): 'call' | 'fetch' | 'listen' {
  if (kickoff.op) return kickoff.op;
  if (kickoff.method !== undefined) return 'call';
  return parseTarget(kickoff.target).kind === 'sturdyref' ? 'fetch' : 'listen';
}

/**
 * What `<node>.<name>` names: an object (its first sturdyref is the one fetched), or one of the
 * node's sturdyref names (so two names for the same object are two different fetches of it).
 */
export function resolveSturdyref(node: NodeDoc | undefined, name: string): { object: string; swiss: string } | undefined {
  if (!node) return undefined;
  // An external node's objects are named in the scenario and exposed under their declared swiss.
  if (node.external) return node.objects?.[name] ? { object: name, swiss: node.objects[name].swiss } : undefined;
  if (node.sturdyrefs && name in node.sturdyrefs) return { object: node.sturdyrefs[name], swiss: name };
  if (!node.apps || !(name in node.apps)) return undefined;
  const swiss = getSwissNames(node, name)[0];
  return swiss === undefined ? undefined : { object: name, swiss };
}

/** Swiss names exposing `object` on a node: explicit sturdyrefs, or by default its own name. */
export function getSwissNames(node: NodeDoc, object: string): string[] {
  if (node.external) return node.objects?.[object] ? [node.objects[object].swiss] : [];
  if (!node.sturdyrefs) return node.apps && object in node.apps ? [object] : [];
  return Object.entries(node.sturdyrefs)
    .filter(([, target]) => target === object)
    .map(([swiss]) => swiss);
}

/**
 * Node where a kickoff's target lives: the sturdyref's node, or for a result the node where that
 * result lives (following pipelined chains back to a sturdyref). Undefined if a name is unknown.
 */
export function getTargetNode(doc: ScenarioDoc, kickoff: KickoffDoc, seen = new Set<string>()): string | undefined {
  const target = parseTarget(kickoff.target);
  if (target.kind === 'sturdyref') return target.node;
  if (seen.has(kickoff.name)) return undefined;
  seen.add(kickoff.name);
  const earlier = (doc.kickoffs ?? []).find((k) => k.name === target.kickoff);
  return earlier ? getTargetNode(doc, earlier, seen) : undefined;
}

/** Apps whose answers are (or contain) a promise the answering node exports to the caller. */
export const PROMISE_APPS: readonly string[] = ['forwarder', 'holder'];
