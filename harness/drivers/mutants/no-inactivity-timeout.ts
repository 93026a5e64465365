/**
 * Mutant `no-inactivity-timeout`: the reference node without its inactivity timer, so a session
 * whose peer owes a reply and stays silent (a stall) waits for ever and the caller's promise
 * never settles.
 */
import { makeReferenceDriver } from '../reference.js';

export const noInactivityTimeout = makeReferenceDriver({
  name: 'no-inactivity-timeout',
  conforming: false,
  defect: 'no inactivity timer: a silent peer that owes a reply is waited for for ever',
  defects: { noInactivityTimeout: true },
});
