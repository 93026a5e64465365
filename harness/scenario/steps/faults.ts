/**
 * The two standard fault shapes, so a fault of either is one call: `<kind>: <node>` (a node's
 * lifecycle) and `<kind>: [a, b]` on the connection between two nodes (with a map form
 * `{between: [a, b], ...options}` when the fault has options); and what the faults on one frame
 * (`{source, target, frame, ...}`) check alike.
 */
import type { PairDoc } from '../doc.js';
import { checkNode, report } from '../semantic-context.js';
import type { SchemaFragment } from '../vocabulary.js';
import { defineStep, type FaultDefinition, type FaultFacts, type StepDefinition } from './definition.js';
import { changeNode, checkLinkFault } from './model.js';
import type { SimPort } from './sim-port.js';

/** A fault on one node, written `<kind>: <node>`; `act`: what it does to the node in a run. */
export function nodeFault(
  kind: string,
  description: string,
  fault: FaultFacts & { lifecycle: NonNullable<FaultFacts['lifecycle']> },
  act: (sim: SimPort, node: string) => void | Promise<void>,
): FaultDefinition<string, { node: string }> {
  return defineStep({
    schema: { $ref: '#/definitions/nodeName', description },
    normalise: (node: string) => ({ node }),
    check: (node, at) => changeNode(at, at.path, node, kind, fault.lifecycle),
    write: (step) => step.node,
    effect: (step, sim) => act(sim, step.node),
    fault,
  });
}

/** The pair a pair fault names, and the path of the pair as written. */
export function pairOf(written: PairDoc): [string, string] {
  return Array.isArray(written) ? [written[0], written[1]] : [written.between[0], written.between[1]];
}

/** `[a, b]`, or `{between: [a, b], ...options}` when the fault has options. */
export function pairSchema(description: string, options?: Record<string, SchemaFragment>): SchemaFragment {
  if (!options) return { $ref: '#/definitions/linkPair', description };
  return {
    description,
    anyOf: [
      { $ref: '#/definitions/linkPair' },
      {
        type: 'object',
        additionalProperties: false,
        required: ['between'],
        properties: { between: { $ref: '#/definitions/linkPair' }, ...options },
      },
    ],
  };
}

/** `{source, target, ...properties}`: a fault on the frames one node sends another (checked by
 * checkFrameEnds); `properties` are the fault's own, all required. */
export function directedLinkSchema(description: string, properties: Record<string, SchemaFragment>): SchemaFragment {
  return {
    type: 'object',
    additionalProperties: false,
    required: ['source', 'target', ...Object.keys(properties)],
    properties: {
      source: { $ref: '#/definitions/name', description: 'Sending node.' },
      target: { $ref: '#/definitions/name', description: 'Receiving node.' },
      ...properties,
    },
    description,
  };
}

/** Checks a pair fault where it is written: the pair, and a cut or heal against the model. */
export const checkPairFault =
  (fault: FaultFacts) =>
  (written: PairDoc, at: Parameters<StepDefinition['check']>[1]): void =>
    checkLinkFault(at, Array.isArray(written) ? at.path : [...at.path, 'between'], pairOf(written), fault.link);

/** A fault on the connection between two nodes without options, written `<kind>: [a, b]`. */
export function pairFault(description: string, fault: FaultFacts, act: (sim: SimPort, a: string, b: string) => void): FaultDefinition<PairDoc, { between: [string, string] }> {
  return defineStep({
    schema: pairSchema(description),
    normalise: (written: PairDoc) => ({ between: pairOf(written) }),
    check: checkPairFault(fault),
    write: (step) => [...step.between],
    effect: (step, sim) => act(sim, ...step.between),
    fault,
  });
}

/** A fault on one frame names its two ends, and they differ. */
export function checkFrameEnds(ends: { source: string; target: string }, { ctx, path }: Parameters<StepDefinition['check']>[1]): void {
  if (checkNode(ctx, [...path, 'source'], ends.source) && checkNode(ctx, [...path, 'target'], ends.target) && ends.source === ends.target) {
    report(ctx, [...path, 'target'], `a frame travels between two different nodes (got ${ends.source} twice)`);
  }
}
