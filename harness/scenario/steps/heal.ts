/** `heal: [a, b]`: ends a partition; held frames flow in order. */
import { pairFault } from './faults.js';

export const heal = pairFault('Heal a partitioned link [a, b]; held frames flow in order.', { on: 'link', link: 'heal' }, (sim, a, b) => sim.heal(a, b));
