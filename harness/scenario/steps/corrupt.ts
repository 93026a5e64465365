/** `corrupt: {source, target, frame, part}`: the network alters the next matching frame. */
import { CORRUPT_PARTS, type CorruptPart } from '../vocabulary.js';
import { defineStep } from './definition.js';
import { checkFrameEnds, directedLinkSchema } from './faults.js';

type Body = { source: string; target: string; frame: string; part: CorruptPart };

export const corrupt = defineStep({
  schema: directedLinkSchema(
    'The network alters the next matching frame from source to target.',
    {
      frame: { $ref: '#/definitions/opLabel', description: 'Operation label of the frame to alter.' },
      part: { enum: Object.keys(CORRUPT_PARTS), enumDescriptions: Object.values(CORRUPT_PARTS), description: "What to alter. signature: flip one bit of the frame's signature bytes." },
    },
  ),
  // Key order as written: the recording describes the step by its JSON.
  normalise: (c: Body) => ({ ...c }),
  check: checkFrameEnds,
  write: (step) => ({ source: step.source, target: step.target, frame: step.frame, part: step.part }),
  // Armed now, applied to the next matching frame when it is written.
  effect: (step, sim) => sim.armFrameFault(step, 'corrupt', sim.corruption(step.part)),
  fault: { on: 'link' },
});
