/**
 * Mutant `output-from-failed-turn`: the reference node whose turns are not transactional on
 * failure — a turn whose code throws still writes the sends it queued (then reports the abort).
 */
import { makeReferenceDriver } from '../reference.js';

export const outputFromFailedTurn = makeReferenceDriver({
  name: 'output-from-failed-turn',
  conforming: false,
  defect: 'a turn that throws still writes the sends it queued',
  defects: { outputFromFailedTurn: true },
});
