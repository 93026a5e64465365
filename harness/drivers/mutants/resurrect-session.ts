/**
 * Mutant `resurrect-session`: the reference node whose references outlive their session — once
 * the peer is back on a new session (after a reconnect, or as a new incarnation after a restart),
 * a call on a reference from the old session is sent on the new one at the old position, where
 * that position names something else (or nothing).
 */
import { makeReferenceDriver } from '../reference.js';

export const resurrectSession = makeReferenceDriver({
  name: 'resurrect-session',
  conforming: false,
  defect: 'a reference from an ended session is used on the peer\'s new session at its old position',
  defects: { resurrectSession: true },
});
