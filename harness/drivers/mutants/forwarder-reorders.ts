/**
 * Mutant `forwarder-reorders`: the node itself is the reference node; the defect is in the app
 * library. The worker host applies `appDefects` to the apps it builds, and the forwarder app
 * swaps two consecutive calls it forwards, breaking per-reference FIFO end to end.
 */
import { makeReferenceDriver } from '../reference.js';

export const forwarderReorders = makeReferenceDriver({
  name: 'forwarder-reorders',
  conforming: false,
  defect: 'the forwarder app swaps two consecutive forwarded calls (app defect, node unchanged)',
  appDefects: ['forwarder-reorders'],
});
