/** `partition: [a, b] | {between, mode}`: cut the link until a heal step. */
import type { PairDoc } from '../doc.js';
import { PARTITION_MODES, type PartitionMode } from '../vocabulary.js';
import { defineStep, type FaultFacts } from './definition.js';
import { checkPairFault, pairOf, pairSchema } from './faults.js';

export const DEFAULT_PARTITION_MODE: PartitionMode = 'drop';

const fault: FaultFacts = { on: 'link', link: 'cut', reconnects: 'when-the-connection-ended' };

export const partition = defineStep({
  schema: pairSchema(
    'Cut the link [a, b] until a heal step. Written [a, b] or {between: [a, b], mode}. mode drop (default): frames in flight are lost, the current connection is reset and new connections are refused, so traffic after the heal opens a new session. mode hold: frames wait at the cut and flow in order on heal; connections stay open.',
    {
      mode: { enum: Object.keys(PARTITION_MODES), enumDescriptions: Object.values(PARTITION_MODES), description: 'drop (default): frames are lost and the connection is reset. hold: frames wait at the cut until heal.' },
    },
  ),
  normalise: (written: PairDoc) => {
    const mode = Array.isArray(written) ? undefined : (written.mode as PartitionMode | undefined);
    return { between: pairOf(written), mode: mode ?? DEFAULT_PARTITION_MODE };
  },
  check: checkPairFault(fault),
  write: (step) => ({ between: [...step.between], mode: step.mode }),
  effect: (step, sim) => sim.partition(...step.between, step.mode),
  fault,
});

