/**
 * Mutant `writes-after-reset`: the reference node does not notice that a connection was reset —
 * its session stays live, so its next call is written on the failed connection (and lost) instead
 * of going over a new connection and session.
 */
import { makeReferenceDriver } from '../reference.js';

export const writesAfterReset = makeReferenceDriver({
  name: 'writes-after-reset',
  conforming: false,
  defect: 'a connection reset goes unnoticed: the next frames are written on the failed connection',
  defects: { writesAfterReset: true },
});
