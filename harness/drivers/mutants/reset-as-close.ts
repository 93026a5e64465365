/**
 * Mutant `reset-as-close`: the reference node reports a transport reset (RST) as the peer's
 * graceful close (FIN), so pending calls break as `closed` where the run saw a `reset`.
 */
import { makeReferenceDriver } from '../reference.js';

export const resetAsClose = makeReferenceDriver({
  name: 'reset-as-close',
  conforming: false,
  defect: 'a connection reset is reported as a graceful close in break reasons',
  defects: { resetAsClose: true },
});
