/**
 * `related:` — ids of other scenarios that test the same hazard from another side (the healthy
 * twin of a fault scenario, the strict variant of a race), so a reader of one failing case finds
 * the others to compare. A pointer for people; nothing runs differently.
 * Check: no scenario is related to itself. Whether each id exists is the catalog's knowledge,
 * not one document's.
 */
import { report } from '../semantic-context.js';
import type { KeyDefinition } from './definition.js';

export const related: KeyDefinition<string[], string[]> = {
  schema: {
    type: 'array',
    minItems: 1,
    uniqueItems: true,
    description: 'Ids of other scenarios that test the same hazard from another side (a healthy twin, a strict variant), for readers comparing cases. Runs nothing.',
    items: { $ref: '#/definitions/slug' },
  },
  check: (ids, ctx) => {
    (ids ?? []).forEach((id, i) => {
      if (id === ctx.doc.id) report(ctx, ['related', i], `"${id}" is this scenario's own id; list other scenarios`);
    });
  },
  normalise: (ids) => [...ids],
};
