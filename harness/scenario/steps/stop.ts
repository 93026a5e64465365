/** `stop: <node>`: Graceful shutdown: the node closes its sessions and sends nothing after. */
import { nodeFault } from './faults.js';

export const stop = nodeFault('stop', 'Graceful shutdown: the node closes its sessions and sends nothing after.', { on: 'node', lifecycle: { from: ['running', 'paused'], to: 'down', needs: 'up' }, endsIncarnation: true }, (sim, node) => sim.stop(node));
