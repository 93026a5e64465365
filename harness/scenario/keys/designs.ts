/**
 * `designs:` — run the scenario once per op:flush design (designs.ts expands the plan into one
 * per design, id `<id>@<design>`); `expect.byDesign` states what differs by design.
 * Check: semantic-designs.ts (what designs imply for options.flush, flush steps, byDesign, and
 * the checks a design must not both require and expect violated).
 */
import type { PlanExpect } from '../plan-values.js';
import { makeExpect, mergeExpect } from '../normalise-expect.js';
import { checkDesigns } from '../semantic-designs.js';
import type { KeyDefinition } from './definition.js';

export const designs: KeyDefinition<string[], { name: string; expect: PlanExpect }[]> = {
  schema: {
    type: 'array',
    minItems: 1,
    uniqueItems: true,
    description:
      'Run the scenario once per op:flush design (each design sets options.flush for its cases; do not set options.flush too). Cases are named <id>@<design>, so the matrix shows scenario × design; expect.byDesign states what differs by design.',
    items: { $ref: '#/definitions/flushDesign' },
  },
  check: checkDesigns,
  normalise: (names, doc) => names.map((name) => ({ name, expect: makeExpect(mergeExpect(doc.expect, doc.expect?.byDesign?.[name])) })),
};
