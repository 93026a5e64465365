/** `flush`: the importer sends op:flush for a promise the peer exported to it (a named outcome). */
import type { RefDoc } from '../doc.js';
import { report } from '../semantic-context.js';
import { defineStep } from './definition.js';
import { checkRef, expectUp } from './model.js';
import { makeRef, refDoc } from './refs.js';

type Body = { node?: string; export: RefDoc; peer?: string; name?: string };

export const flush = defineStep({
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['export'],
    description: 'The importer sends op:flush for a promise the peer exported to it, and waits for the reply without blocking later steps.',
    properties: {
      node: {
        $ref: '#/definitions/name',
        description: 'The importer that flushes. Default: the node holding the named reference.',
      },
      export: {
        $ref: '#/definitions/refName',
      },
      peer: {
        $ref: '#/definitions/name',
        description: 'The exporter. Required with a position; inferred for a name.',
      },
      name: {
        $ref: '#/definitions/name',
        description: 'Name for the flush\'s outcome, for wait: {settled} and expect.results.',
      },
    },
  },
  /** `name` non-null when expect/wait refer to the flush's outcome. */
  normalise: (f: Body, { doc }) => ({ ...makeRef(doc, f.export, f.node, f.peer), name: f.name ?? null }),
  // Named flushes first, so a wait or expect may name a flush written later in the list.
  declare: (f, { ctx, path, index }) => {
    const name = f?.name;
    if (name === undefined) return;
    if (ctx.kickoffs.has(name) || ctx.flushNames.has(name)) report(ctx, [...path, 'name'], `"${name}" already names a kickoff or flush`);
    else ctx.flushNames.set(name, index);
  },
  check: (f, { ctx, model, path }) => {
    const design = ctx.doc.options?.flush;
    if (design !== undefined && ctx.designFacts[design]?.explicitFlush === false) report(ctx, path, `flushes, but options.flush is ${design}`);
    const holder = checkRef(ctx, path, 'export', f.export, f.node, f.peer, 'flush');
    if (holder) expectUp(ctx, model, path, holder, 'flush');
  },
  write: (step) => ({ ...refDoc(step, 'export'), ...(step.name !== null ? { name: step.name } : {}) }),
  effect: (step, sim) => sim.flush(step.node, step.peer, step.ref, step.name),
});
