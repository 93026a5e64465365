/** `release`: explicit GC — the holder drops its reference. */
import type { RefDoc } from '../doc.js';
import { report } from '../semantic-context.js';
import { defineStep } from './definition.js';
import { checkRef, expectUp } from './model.js';
import { makeRef, refDoc } from './refs.js';

type Body = { node?: string; ref: RefDoc; peer?: string };

export const release = defineStep({
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['ref'],
    description: 'Explicit GC: the holder drops its reference (op:gc-exports with the wire delta, or op:gc-answers for an answer).',
    properties: {
      node: {
        $ref: '#/definitions/name',
        description: 'The holder. Default: the node holding the named reference.',
      },
      ref: {
        $ref: '#/definitions/refName',
      },
      peer: {
        $ref: '#/definitions/name',
        description: 'The exporter. Required with a position; inferred for a name.',
      },
    },
  },
  normalise: (r: Body, { doc }) => makeRef(doc, r.ref, r.node, r.peer),
  check: (r, { ctx, model, path, index }) => {
    const holder = checkRef(ctx, path, 'ref', r.ref, r.node, r.peer, 'release');
    if (holder) expectUp(ctx, model, path, holder, 'release');
    if (typeof r.ref === 'string' && holder) {
      const earlier = model.released.get(r.ref);
      if (earlier !== undefined) report(ctx, [...path, 'ref'], `"${r.ref}" was already released by steps[${earlier}]`);
      model.released.set(r.ref, index);
    }
  },
  write: (step) => refDoc(step, 'ref'),
  effect: (step, sim) => sim.release(step.node, step.peer, step.ref),
});
