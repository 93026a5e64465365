/** `resume: <node>`: Deliver what queued while paused, in order. */
import { nodeFault } from './faults.js';

export const resume = nodeFault('resume', 'Deliver what queued while paused, in order.', { on: 'node', lifecycle: { from: ['paused'], to: 'running', needs: 'paused' } }, (sim, node) => sim.resume(node));
