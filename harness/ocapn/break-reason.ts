/**
 * Why a promise broke, as the reference node says it: a category and a message. THE one
 * declaration of the break-category hierarchy (the scenario language re-exports it from
 * harness/scenario/vocabulary.ts; its schema, the checks and the drivers' message rules read it).
 * Why here, at the bottom: the node names the category where it breaks, so checks need not guess
 * it from the wording; `broader` names the umbrella categories a narrower one also satisfies
 * (an expectation of `connection-lost` accepts a `reset`).
 * A `BreakError` is what the node rejects with: an Error (apps and E() see an ordinary error, the
 * wire carries only its message) that keeps its category for the harness to record.
 */

export const BREAK_CATEGORIES = {
  'connection-lost': { broader: [], description: 'the connection died (kill, reset, stall, partition); the narrower inactivity, reset and closed satisfy it too' },
  inactivity: { broader: ['connection-lost'], description: 'the peer owed a reply and sent nothing for the inactivity timeout, so the session was aborted (a stall, a silent partition)' },
  reset: { broader: ['connection-lost'], description: 'the transport broke under the session (an RST: kill, reset fault, dropped partition)' },
  closed: { broader: ['connection-lost'], description: 'the peer closed the connection gracefully (a FIN: stop, shutdown)' },
  'session-aborted': { broader: [], description: 'op:abort was sent or received' },
  'peer-restarted': { broader: [], description: 'the peer came back as a new incarnation' },
  unreachable: { broader: [], description: 'no connection could be made' },
  'app-error': { broader: [], description: "the target's method threw" },
  'no-method': { broader: [], description: 'the target has no method by that name (or was called as a function and is not one)' },
  'flush-rejected': { broader: [], description: 'a pending flush ended with its session' },
  'turn-failed': { broader: [], description: 'the target ran a turn that threw after queueing sends; the node discarded them and reports the turn failed' },
} as const satisfies Record<string, { broader: readonly string[]; description: string }>;

export type BreakCategory = keyof typeof BREAK_CATEGORIES;

/** A break as the node states it. */
export interface BreakReason {
  readonly category: BreakCategory;
  readonly message: string;
}

export const breakReason = (category: BreakCategory, message: string): BreakReason => ({ category, message });

/** The error the node breaks a promise with; `new BreakError(reason)` is the only way to make one. */
export class BreakError extends Error {
  readonly category: BreakCategory;
  constructor(reason: BreakReason) {
    super(reason.message);
    this.category = reason.category;
  }
}

/** Shorthand for `new BreakError(breakReason(category, message))`. */
export const breakError = (category: BreakCategory, message: string): BreakError => new BreakError(breakReason(category, message));

/** The category the node gave `error`, or undefined for any other error (an app's, a peer's text). */
export function categoryOf(error: unknown): BreakCategory | undefined {
  return error instanceof BreakError && Object.prototype.hasOwnProperty.call(BREAK_CATEGORIES, error.category) ? error.category : undefined;
}
