/**
 * Peer faults vs our own bugs (as Cap'n Proto tells REQUIRE from ASSERT).
 * A `ProtocolViolation` is the peer's fault: its message becomes that session's `op:abort`
 * reason, so it is short, names the op and field, and carries no stack
 * (`op:deliver.to: desc:export 7 was never exported on this session`).
 * An `invariant()` failure is ours: it is thrown as a plain Error and also ends the session.
 */
export class ProtocolViolation extends Error {
  override name = 'ProtocolViolation';
}

export function violation(message: string): never {
  throw new ProtocolViolation(message);
}

export function invariant(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`invariant failed: ${message}`);
}
