/** `kill: <node>`: Abrupt death: in-flight frames are lost, peers see their connections reset. */
import { nodeFault } from './faults.js';

export const kill = nodeFault('kill', 'Abrupt death: in-flight frames are lost, peers see their connections reset.', { on: 'node', lifecycle: { from: ['running', 'paused'], to: 'down', needs: 'up' }, endsIncarnation: true }, (sim, node) => sim.kill(node));
