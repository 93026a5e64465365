/**
 * How a broken result's category is found. The plan speaks of categories (BREAK_CATEGORIES,
 * harness/ocapn/break-reason.ts, re-exported by harness/scenario/vocabulary.ts: the one
 * declaration of the hierarchy). A result the reference node (or a mutant, which is the reference
 * node with a planted defect) recorded carries the category the node gave where it broke it, and
 * is judged by that alone. Only a result without one — a driver that reports text (endo, Goblins,
 * external peers), or an error that crossed the wire, where only its message travels — is read
 * by the message rules below: THE one place each driver's wording is matched. A message that fits
 * no rule is reported verbatim and matches no category (never a pass).
 * Which rules: every driver's `wire` rules (errors a callee sends its caller over the wire — no
 * such method, a failed turn — arrive in the callee's wording, whichever driver the caller runs),
 * then the `local` rules of the driver of the node that recorded the result (its `settled`
 * event): the breaks that node makes itself (its sessions ending, its flushes) when it reports
 * them as text, or, at a reference node, breaks an app relayed to it across the wire.
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
  /** Breaks this driver's node makes for its own caller (session end, flush, handshake), when it
   * reports them as text. */
  local: readonly BreakRule[];
}

/**
 * The reference node's wording, for its breaks that reach a result as text: the node's own breaks
 * carry categories, but a caller across the wire (any driver's) receives only the message of the
 * error it was answered with — a method it lacks, a failed turn (`wire`), or a break an app passed
 * on (a forwarder whose onward call broke when its session ended answers with that error; OCapN's
 * error carries a message, no category). `local` reads those relayed breaks at a reference node;
 * specific words first ("flush" before "session", "inactivity" before "abort", "abort" before
 * "lost"). Drivers without a table of their own (Goblins) are read with it too.
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

/**
 * The rule table of a driver; the reference node's for mutants (the reference node with a defect)
 * and drivers without a table of their own (Goblins). A checkout's column (`endo@<commit>`) reads
 * its family's table: the wording is endo's at every commit we judge.
 */
export function breakRulesOf(driver: string | undefined): DriverBreakRules {
  const family = driver?.replace(/@.*$/, '');
  return (family !== undefined ? BY_DRIVER[family] : undefined) ?? REFERENCE_BREAK_RULES;
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

/** A broken result as recorded: its message, and the category when the node gave one. */
export interface RecordedBreak {
  reason?: string;
  category?: BrokenReason;
}

/**
 * The category of a break. The node's own category when it gave one; else by the wording:
 * app errors included — a thrower's message or a holder's `breakWith` is whatever the scenario
 * wrote, so those are recognised by origin (the caller passes them in), after a failed turn
 * (whose wording quotes the app's message).
 */
export function categoriseBreak(recorded: RecordedBreak, appMessages: readonly string[], driver?: string): BrokenReason | undefined {
  if (recorded.category !== undefined) return recorded.category;
  const message = recorded.reason;
  const category = breakCategory(message, driver);
  if (category === 'turn-failed') return category;
  if (message !== undefined && appMessages.some((m) => m !== '' && message.includes(m))) return 'app-error';
  return category;
}

/** Every category a break satisfies: its own, then the broader ones (BREAK_CATEGORIES). */
export function breakCategories(recorded: RecordedBreak, appMessages: readonly string[] = [], driver?: string): BrokenReason[] {
  const own = categoriseBreak(recorded, appMessages, driver);
  return own === undefined ? [] : withBroader(own);
}
