/** `pause: <node>`: Stop delivering frames and timers to the node; they queue. */
import { nodeFault } from './faults.js';

export const pause = nodeFault('pause', 'Stop delivering frames and timers to the node; they queue.', { on: 'node', lifecycle: { from: ['running'], to: 'paused', needs: 'running' } }, (sim, node) => sim.pause(node));
