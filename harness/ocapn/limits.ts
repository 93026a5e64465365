/**
 * The limits a reference node enforces on what a peer may make it hold or compute, in one place
 * so every netlayer (in-memory, simulation, TCP) applies the same numbers.
 * View: a node that faces untrusted sockets. Each limit is checked before the work or allocation
 * it bounds, and a peer that crosses one gets an op:abort (or, before any session exists, a close)
 * whose reason names the limit, e.g. `limit maxFrameBytes: frame of 999999999 bytes exceeds 16777216`.
 * Guarantees: `resolveLimits` fills every field; a field set to a non-positive or non-integer
 * value is refused at construction, not discovered on the wire.
 */

export interface Limits {
  /** Largest frame (one whole operation) read from a connection, in bytes. */
  maxFrameBytes: number;
  /** Most decimal digits in one Syrup integer; parsing n digits costs O(n²) in the worst case. */
  maxIntegerDigits: number;
  /** Deepest nesting of lists, dictionaries, sets and records in one frame. */
  maxDepth: number;
  /**
   * Sessions one node keeps at once with peers that have not completed op:start-session yet.
   * A peer's identity is unknown until its hello, so the per-peer bound (at most one live
   * session per designator, §4.3) cannot apply to them; this bounds them all together.
   */
  maxHandshakingSessions: number;
  /** Live sessions one node keeps at once, over all peers (each peer has at most one). */
  maxLiveSessions: number;
  /** Longest symbol (UTF-8 bytes) a peer may send as data; method selectors are not symbols here. */
  maxSymbolBytes: number;
  /**
   * Distinct symbol names peers may make this process register. Passable symbols must be
   * registered (`Symbol.for`), and that registry is process-wide and never shrinks, so the bound
   * is process-wide too: the count is shared by every node in the process.
   */
  maxPeerSymbols: number;
  /** Virtual milliseconds a connection may stay without a valid op:start-session. */
  handshakeTimeoutMs: number;
  /**
   * Virtual milliseconds a live session may wait for the peer while it owes us something (an
   * answer, a flush acknowledgement) with nothing at all received; then the session is aborted
   * and everything pending breaks with the timeout's reason. Values below
   * INACTIVITY_FLOOR_MS act as the floor: a peer that is merely slow must not be cut off by a
   * careless setting (the libp2p transports use 120 s with a 5 s floor). Idle sessions that owe
   * nothing are never timed out: CapTP has no keep-alive to tell a quiet peer from a dead one.
   */
  inactivityTimeoutMs: number;
}

/** The shortest inactivity timeout a node applies, whatever it is configured with. */
export const INACTIVITY_FLOOR_MS = 5_000;

export const DEFAULT_LIMITS: Readonly<Limits> = Object.freeze({
  maxFrameBytes: 16 * 1024 * 1024,
  maxIntegerDigits: 4096,
  maxDepth: 256,
  maxHandshakingSessions: 256,
  maxLiveSessions: 4096,
  maxSymbolBytes: 1024,
  maxPeerSymbols: 4096,
  handshakeTimeoutMs: 30_000,
  inactivityTimeoutMs: 120_000,
});

export function resolveLimits(overrides: Partial<Limits> = {}): Limits {
  const limits: Limits = { ...DEFAULT_LIMITS };
  for (const [key, value] of Object.entries(overrides) as Array<[keyof Limits, number | undefined]>) {
    if (value === undefined) continue;
    if (!(key in DEFAULT_LIMITS)) throw new Error(`limits: unknown limit "${key}"`);
    if (!Number.isSafeInteger(value) || value <= 0) throw new Error(`limits: ${key} must be a positive integer, got ${value}`);
    limits[key] = value;
  }
  limits.inactivityTimeoutMs = Math.max(limits.inactivityTimeoutMs, INACTIVITY_FLOOR_MS);
  return limits;
}

/** The reason text for a crossed limit: `limit <name>: <detail>`. */
export function limitReason(name: keyof Limits, detail: string): string {
  return `limit ${name}: ${detail}`;
}
