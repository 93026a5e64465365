/**
 * Mutant `stop-resets`: on a graceful stop the reference node resets (RST) each of its
 * connections instead of closing it, so its peers see a crash where there was an orderly shutdown.
 */
import { makeReferenceDriver } from '../reference.js';

export const stopResets = makeReferenceDriver({
  name: 'stop-resets',
  conforming: false,
  defect: 'a graceful stop resets its connections instead of closing them',
  defects: { stopResets: true },
});
