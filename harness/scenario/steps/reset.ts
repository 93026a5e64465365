/** `reset: [a, b]`: the current connection is reset (like a TCP RST). */
import { pairFault } from './faults.js';

export const reset = pairFault('Reset the current connection [a, b] (like a TCP RST); in-flight frames are lost.', { on: 'link', reconnects: 'always' }, (sim, a, b) => sim.reset(a, b));
