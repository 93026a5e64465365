/** `restart: {node, mode}`: start a killed or stopped node again under the same identity. */
import { RESTART_MODES, type RestartMode } from '../vocabulary.js';
import { defineStep } from './definition.js';
import { changeNode } from './model.js';

type Body = { node: string; mode?: RestartMode };

const lifecycle = { from: ['down'], to: 'running', needs: 'down (killed or stopped)' } as const;

export const restart = defineStep({
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['node'],
    properties: {
      node: { $ref: '#/definitions/name', description: 'The node.' },
      mode: { enum: Object.keys(RESTART_MODES), enumDescriptions: Object.values(RESTART_MODES), description: 'keep: same persistent state, same incarnation. fresh: empty state, a new incarnation. Default fresh.' },
    },
    description: 'Start a killed or stopped node again under the same identity.',
  },
  normalise: (r: Body) => ({ node: r.node, mode: r.mode ?? ('fresh' as RestartMode) }),
  check: (r, at) => changeNode(at, [...at.path, 'node'], r.node, 'restart', lifecycle),
  write: (step) => ({ node: step.node, mode: step.mode }),
  effect: (step, sim) => sim.restart(step.node, step.mode),
  // The recording names the mode: a kept restart and a fresh one end the incarnation alike.
  fault: { on: 'node', lifecycle, recorded: Object.keys(RESTART_MODES).map((m) => `restart-${m}`), endsIncarnation: true },
});
