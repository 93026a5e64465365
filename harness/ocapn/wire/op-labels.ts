/**
 * Every operation label the codec knows (operations.ts `OP_DEFS`), each with one line of
 * documentation: the vocabulary a scenario's `frame:` names come from (the generated scenario
 * schema lists exactly these). Typed against `OP_DEFS`, so a new operation without a line here,
 * or a line for an operation the codec does not know, fails the type check.
 */
import type { OpLabel } from './operations.js';

export const OPERATION_LABELS = {
  'op:start-session': 'the handshake: CapTP version, session key, location and its signature (each side sends one first)',
  'op:abort': 'ends the session with a reason; nothing follows it',
  'op:deliver': 'a call: target, arguments, optional answer position and resolver',
  'op:deliver-only': 'a call without an answer (legacy form, the Python suite)',
  'op:listen': 'asks to be told when a promise the peer exported settles',
  'op:get': 'pipelined field access on a promise, answered at a new position',
  'op:index': 'pipelined list index on a promise, answered at a new position',
  'op:untag': 'pipelined untag of a tagged value, answered at a new position',
  'op:gc-exports': 'the importer releases exports, with the wire deltas it saw',
  'op:gc-answers': 'the asker releases answers it no longer needs',
  'op:gc-export': 'singular legacy label of op:gc-exports (the Python suite)',
  'op:gc-answer': 'singular legacy label of op:gc-answers (the Python suite)',
  'op:flush': 'promise shortening: the importer asks the exporter to swap the promise in a slot (or the resolver form)',
  'op:flush-done': "the exporter's reply to op:flush once the slot holds a fresh promise",
} as const satisfies Record<OpLabel, string>;

// Both directions: every label above is a codec label (checked here, since `satisfies` only
// checks the keys it is given are allowed, not that all of them are present).
const _complete: Record<OpLabel, string> = OPERATION_LABELS;
void _complete;
