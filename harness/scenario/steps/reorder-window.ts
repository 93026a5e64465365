/**
 * `reorder-window: {source, target, window}`: the frames in flight from source to target when the
 * step runs (up to `window` per connection) arrive in an order drawn from the seed — a link that
 * does not keep order, for asking what a node's per-slot FIFO guarantees (flush) survive. The same
 * seed gives the same order; the recording's `fault` event says which order.
 */
import { defineStep } from './definition.js';
import { checkFrameEnds, directedLinkSchema } from './faults.js';

type Body = { source: string; target: string; window: number };

export const reorderWindow = defineStep({
  schema: directedLinkSchema(
    'The frames in flight from source to target (up to window of them per connection) arrive in an order drawn from the seed.',
    {
      window: { type: 'integer', minimum: 2, description: 'How many of the frames in flight (from the oldest, per connection) may change places.' },
    },
  ),
  normalise: (r: Body) => ({ source: r.source, target: r.target, window: r.window }),
  check: checkFrameEnds,
  write: (step) => ({ source: step.source, target: step.target, window: step.window }),
  effect: (step, sim) => sim.reorderInFlight(step.source, step.target, step.window, 'reorder-window'),
  fault: { on: 'link' },
});
