/**
 * The world a node is handed: a clock, a random source and a netlayer. Nothing in harness/ocapn
 * reads ambient time or randomness, so a node's behaviour is a function of its World
 * (docs/architecture.md, "Determinism"). The simulation provides a virtual clock and a page-owned
 * netlayer; Node tests provide a manual clock and the in-memory netlayer.
 * Contract version: bump WORLD_API_VERSION on any substantive change.
 */
export const WORLD_API_VERSION = 1;

/** Milliseconds of simulated time. Never mixed with wall time (`WallMs`). */
export type VirtualMs = number;

export interface Clock {
  now(): VirtualMs;
  /** Runs `fn` once, when the clock reaches `at` (clamped to now). Returns a cancel function. */
  /** `watchdog`: the timer only guards against silence (inactivity); it does not keep a simulated
   * run busy, so a `quiescent` wait does not jump the clock to it. */
  setTimer(at: VirtualMs, fn: () => void, options?: { watchdog?: boolean }): () => void;
}

export interface Random {
  /** Uniform in [0, 2^32). */
  nextU32(): number;
  bytes(count: number): Uint8Array;
  /** An independent stream derived from this one by label, so a new draw in one place does not
   * shift every other stream (tb: one root seed feeds everything). */
  fork(label: string): Random;
}

/** An OCapN peer locator (`<ocapn-peer TRANSPORT DESIGNATOR HINTS>`, Locators.md). The harness
 * netlayer uses transport `sim` and the node's name as designator. */
export interface PeerLocation {
  transport: string;
  designator: string;
  hints: Record<string, string> | false;
}

/** Why a connection ended, as the netlayer saw it. */
export type ConnectionEnd =
  | { kind: 'closed' } // the peer closed gracefully (everything it wrote was delivered)
  | { kind: 'reset'; reason: string; unreachable?: boolean } // the transport broke: peer killed, partition, reset fault; `unreachable`: a dial that never reached the peer
  | { kind: 'local' }; // we closed it ourselves

/**
 * One bidirectional, ordered, reliable channel (Netlayers.md: delivered in order while it lives).
 * Messages are whole OCapN messages; any framing is the netlayer's business.
 */
export interface Connection {
  /** Unique within the netlayer; the simulation uses it to name the link in transcripts. */
  readonly id: string;
  readonly outgoing: boolean;
  /** For outgoing connections, the location dialled; for incoming ones, unknown (`undefined`)
   * until the peer's `op:start-session` names it. */
  readonly remote: PeerLocation | undefined;
  write(message: Uint8Array): void;
  /** Graceful close: what was written is still delivered, then the peer sees `closed`. */
  close(): void;
  /** Abrupt close (a TCP RST): the peer sees `reset`. Optional: no conforming node needs it, and
   * only the simulated netlayer offers it (the `stop-resets` mutant's shutdown uses it). */
  reset?(): void;
  /** Exactly one handler each; set before the first turn ends or messages are lost. */
  onMessage(handler: (message: Uint8Array) => void): void;
  onClose(handler: (end: ConnectionEnd) => void): void;
}

export interface Netlayer {
  readonly location: PeerLocation;
  connect(location: PeerLocation): Connection;
  onAccept(handler: (connection: Connection) => void): void;
  /** Closes every connection gracefully and accepts no more. */
  shutdown(): void;
}

export interface World {
  readonly clock: Clock;
  readonly random: Random;
  readonly netlayer: Netlayer;
}
