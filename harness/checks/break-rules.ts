/**
 * Break messages → categories, one table per driver that speaks in text. The plan speaks of
 * categories (harness/scenario/vocabulary.ts, BREAK_CATEGORIES: the one declaration of the
 * hierarchy); a node reports a broken result as a message. THE one place each driver's wording
 * is matched: a message that fits no rule is reported verbatim and matches no category.
 * Which table applies: the driver of the node that recorded the result (its `settled` event),
 * its `local` rules — the breaks that node makes itself (its sessions ending, its flushes) —
 * after every driver's `wire` rules: errors a callee sends its caller over the wire (no such
 * method, a failed turn) arrive in the callee's wording, whichever driver the caller runs.
 * Mutants reuse the reference node, so any driver without a table of its own uses the reference's.
 * Each rule carries the message it was written against (`example`); a unit test runs every one.
 */
import { withBroader, type BrokenReason } from '../scenario/vocabulary.js';

export interface BreakRule {
  category: BrokenReason;
  pattern: RegExp;
  /** A message seen in a run that this rule (and no earlier one) categorises. */
  example: string;
}

export interface DriverBreakRules {
  /** Errors this driver's node writes to a peer as the broken answer of the peer's question. */
  wire: readonly BreakRule[];
  /** Breaks this driver's node makes for its own caller (session end, flush, handshake). */
  local: readonly BreakRule[];
}

/**
 * The reference node (harness/ocapn). Specific rules first: "flush" before "session",
 * "inactivity" before "abort", "abort" before "lost".
 */
export const REFERENCE_BREAK_RULES: DriverBreakRules = {
  wire: [
    // First: the message quotes the method's name, which may itself read like another category.
    { category: 'no-method', pattern: /\bthe target (has no method "|is not callable: )/, example: 'the target has no method "greet": it is a function (it has no methods); call it without a method name' },
    // A transactional turn's own wording (harness/ocapn/turns.ts); before app errors, whose text it quotes.
    { category: 'turn-failed', pattern: /turn failed/i, example: 'turn failed: carol gave up (2 queued sends discarded)' },
  ],
  local: [
    { category: 'flush-rejected', pattern: /flush/i, example: 'flush: question 2 to bob is not answered yet (flush needs the promise it resolves to)' },
    { category: 'inactivity', pattern: /inactivity/i, example: 'session with bob ended: inactivity timeout: nothing received from bob for 5000 ms (limit inactivityTimeoutMs)' },
    { category: 'peer-restarted', pattern: /restart|incarnation/i, example: 'peer restarted (incarnation 2)' },
    // A limit the node enforces ends the session with op:abort naming it (harness/ocapn/limits.ts).
    { category: 'session-aborted', pattern: /abort|\blimit \w+:/i, example: 'session with bob failed: peer aborted: op:start-session.locationSig: invalid location signature' },
    { category: 'unreachable', pattern: /unreachable|no route|cannot (connect|reach)|refused|not reachable/i, example: 'session with carol failed: connection reset: unreachable: carol is down' },
    { category: 'reset', pattern: /reset|killed|partition/i, example: 'session with bob ended: connection reset: killed: bob' },
    { category: 'closed', pattern: /closed|shut ?down/i, example: 'session with bob ended: connection closed by peer' },
    { category: 'connection-lost', pattern: /connection|disconnect|session (ended|lost|died)|lost/i, example: 'session with bob ended: connection lost' },
  ],
};

/**
 * endo's @endo/ocapn (harness/drivers/endo). endo breaks every question of an ending session
 * with `Session disconnected`, its `cause` the reason it was given: the adapter hands a reset to
 * endo as an Error `connection reset: …`, a received op:abort's reason is the peer's string, a
 * graceful close has none. The worker host records a cause as `(cause: …)` after the message.
 */
export const ENDO_BREAK_RULES: DriverBreakRules = {
  wire: [],
  local: [
    // The adapter's own refusal (drivers/endo/adapter.ts): endo flushes only an imported promise.
    { category: 'flush-rejected', pattern: /^endo driver: flush: /, example: 'endo driver: flush: endo holds this reference as a-1 on the session with bob; endo flushes only an imported promise (p-N)' },
    { category: 'reset', pattern: /^Session disconnected \(cause: connection reset: /, example: 'Session disconnected (cause: connection reset: killed: bob)' },
    { category: 'session-aborted', pattern: /^Session disconnected \(cause: (?!connection reset: )/, example: 'Session disconnected (cause: op:start-session.locationSig: invalid location signature)' },
    { category: 'closed', pattern: /^Session disconnected$/, example: 'Session disconnected' },
    // The session never went live: endo does not say whether the peer closed, reset or aborted.
    { category: 'connection-lost', pattern: /^Connection closed during handshake\.|^Session ended\./, example: 'Connection closed during handshake.' },
  ],
};

const BY_DRIVER: Readonly<Record<string, DriverBreakRules>> = { reference: REFERENCE_BREAK_RULES, endo: ENDO_BREAK_RULES };

/** The rule table of a driver (the reference node's for mutants and unknown names). */
export function breakRulesOf(driver: string | undefined): DriverBreakRules {
  return (driver !== undefined ? BY_DRIVER[driver] : undefined) ?? REFERENCE_BREAK_RULES;
}

/** Every driver's wire rules, then `driver`'s local ones: the order messages are tried in. */
export function rulesFor(driver: string | undefined): BreakRule[] {
  const wire = Object.values(BY_DRIVER).flatMap((r) => r.wire);
  return [...wire, ...breakRulesOf(driver).local];
}

/** The category of a break message recorded at a node of `driver`, or undefined when no rule fits. */
export function breakCategory(message: string | undefined, driver?: string): BrokenReason | undefined {
  if (message === undefined) return undefined;
  return rulesFor(driver).find((r) => r.pattern.test(message))?.category;
}

/**
 * The category of a break, app errors included: a thrower's message or a holder's `breakWith`
 * is whatever the scenario wrote, so those are recognised by origin (the caller passes them in),
 * after a failed turn (whose wording quotes the app's message).
 */
export function categoriseBreak(message: string | undefined, appMessages: readonly string[], driver?: string): BrokenReason | undefined {
  const category = breakCategory(message, driver);
  if (category === 'turn-failed') return category;
  if (message !== undefined && appMessages.some((m) => m !== '' && message.includes(m))) return 'app-error';
  return category;
}

/** Every category a break satisfies: its own, then the broader ones (BREAK_CATEGORIES). */
export function breakCategories(message: string | undefined, appMessages: readonly string[] = [], driver?: string): BrokenReason[] {
  const own = categoriseBreak(message, appMessages, driver);
  return own === undefined ? [] : withBroader(own);
}
