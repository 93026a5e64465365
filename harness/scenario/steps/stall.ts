/** `stall: {link, forMs}`: the connection stays open but carries nothing for a while. */
import { checkPair } from '../semantic-context.js';
import { defineStep } from './definition.js';

type Body = { link: [string, string]; forMs: number };

export const stall = defineStep({
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['link', 'forMs'],
    properties: {
      link: { $ref: '#/definitions/linkPair' },
      forMs: { $ref: '#/definitions/nonNegativeMs', description: 'How long, in virtual ms.' },
    },
    description: 'The connection stays open but carries nothing for a while.',
  },
  normalise: (s: Body) => ({ between: [s.link[0], s.link[1]] as [string, string], forMs: s.forMs }),
  check: (s, { ctx, path }) => void checkPair(ctx, [...path, 'link'], s.link),
  write: (step) => ({ link: [...step.between], forMs: step.forMs }),
  effect: (step, sim) => sim.stall(step.between[0], step.between[1], step.forMs),
  fault: { on: 'link', reconnects: 'when-the-connection-ended' },
});
