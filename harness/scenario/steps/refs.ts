/**
 * What flush and release share: a reference written as a kickoff name (its holder and exporter
 * inferred) or as a position with node (the holder) and peer (the exporter), and its inverse.
 */
import type { RefDoc, ScenarioDoc } from '../doc.js';
import { getTargetNode } from '../kickoff-rules.js';
import type { PlanRef } from '../plan-values.js';

export function makeRef(doc: ScenarioDoc, ref: RefDoc, node: string | undefined, peer: string | undefined): { node: string; peer: string; ref: PlanRef } {
  if (typeof ref === 'number') return { node: node!, peer: peer!, ref: { kind: 'position', position: ref } };
  const kickoff = doc.kickoffs!.find((k) => k.name === ref)!;
  return { node: kickoff.from, peer: getTargetNode(doc, kickoff)!, ref: { kind: 'kickoff', kickoff: ref } };
}

/** The reference written back under `key`: the kickoff's name, or the position with both nodes. */
export function refDoc(step: { node: string; peer: string; ref: PlanRef }, key: string): Record<string, unknown> {
  return step.ref.kind === 'kickoff' ? { [key]: step.ref.kickoff } : { node: step.node, peer: step.peer, [key]: step.ref.position };
}
