/**
 * `explore:` — what `explore --faults` may inject into this scenario (scenarios/README.md, "What
 * explore may inject"); normal runs ignore it. Check: semantic-explore.ts.
 */
import type { ExploreDoc } from '../doc.js';
import type { PlanExplore } from '../plan-values.js';
import { checkExplore } from '../semantic-explore.js';
import { documentedEnum, EXPLORE_FAULTS, EXPLORE_MAX_FAULTS, type SchemaFragment } from '../vocabulary.js';
import type { KeyDefinition } from './definition.js';

function exploreSchema(): SchemaFragment {
  const kind = documentedEnum(EXPLORE_FAULTS, 'A fault kind explore can inject.');
  return {
    type: 'object',
    additionalProperties: false,
    description: 'What `explore` may do to this scenario (scenarios/README.md, "What explore may inject"). Normal runs ignore it.',
    properties: {
      faults: {
        type: 'array',
        description:
          'The fault kinds `explore --faults` may inject into this scenario, each alone or with bounds; [] allows none. With this key, bare --faults injects exactly these, and --faults all or a list of kinds is narrowed to them. Without it, bare --faults uses the kinds the steps use.',
        items: {
          anyOf: [
            kind,
            {
              type: 'object',
              additionalProperties: false,
              required: ['kind'],
              description: 'A fault kind with bounds.',
              properties: {
                kind,
                max: { type: 'integer', minimum: 1, description: 'At most this many faults of the kind in one run.' },
                nodes: {
                  type: 'array',
                  minItems: 1,
                  uniqueItems: true,
                  description: 'restart only: the nodes it may restart (each one explore may restart: not a kickoff sender, not external, not started or stopped by the steps).',
                  items: { $ref: '#/definitions/nodeName' },
                },
                links: {
                  type: 'array',
                  minItems: 1,
                  description: 'partition and stall only: the pairs [a, b] it may hit (either direction).',
                  items: { $ref: '#/definitions/linkPair' },
                },
              },
            },
          ],
        },
      },
      maxFaults: {
        type: 'integer',
        minimum: 0,
        description: `Injected faults in one run at most (each seed draws 0..maxFaults). Default ${EXPLORE_MAX_FAULTS}.`,
      },
    },
  };
}

export const explore: KeyDefinition<ExploreDoc, PlanExplore> = {
  schema: exploreSchema(),
  check: checkExplore,
  normalise: (doc) => ({
    faults:
      doc.faults?.map((f) =>
        typeof f === 'string' ? { kind: f, max: null, nodes: null, links: null } : { kind: f.kind, max: f.max ?? null, nodes: f.nodes ?? null, links: f.links ?? null },
      ) ?? null,
    maxFaults: doc.maxFaults ?? null,
  }),
};
