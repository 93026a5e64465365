/**
 * Mutant `flush-resets-refcount`: on op:flush the exporter swaps the slot as it should but
 * restarts its refcount at 1, as if the fresh promise had just been exported. A later
 * op:gc-exports with the importer's true wire delta then exceeds the count (the reference node
 * aborts on that; a gcBalanced check flags the tables). Planted through `defects`, not a copy.
 */
import { makeReferenceDriver } from '../reference.js';

export const flushResetsRefcount = makeReferenceDriver({
  name: 'flush-resets-refcount',
  conforming: false,
  defect: 'op:flush swaps export slot N but resets its refcount to 1 instead of keeping it',
  defects: { flushResetsRefcount: true },
});
