/**
 * `duplicate: {source, target, frame}`: the network sends the next matching frame twice, the copy
 * right behind it on the same connection (a retransmitting or replaying link). What a node must
 * do with a replayed operation is the node's business; the checks judge what follows.
 */
import { defineStep } from './definition.js';
import { checkFrameEnds, directedLinkSchema } from './faults.js';

type Body = { source: string; target: string; frame: string };

export const duplicate = defineStep({
  schema: directedLinkSchema(
    'The network sends the next matching frame from source to target twice, the copy right after it on the same connection.',
    {
      frame: { $ref: '#/definitions/opLabel', description: 'Operation label of the frame to send twice.' },
    },
  ),
  normalise: (d: Body) => ({ source: d.source, target: d.target, frame: d.frame }),
  check: checkFrameEnds,
  write: (step) => ({ source: step.source, target: step.target, frame: step.frame }),
  effect: (step, sim) => sim.armFrameFault(step, 'duplicate', (bytes) => ({ frames: [bytes, bytes], detail: 'sent twice' })),
  fault: { on: 'link' },
});
