/**
 * Transactional turns: what app code sends during a turn that then fails is never written.
 * View: one node. A turn is one synchronous run of app code the node starts — a delivered call's
 * method (captp/invoke.ts) or a function an app hands to `ReferenceNode.turn` — together with the
 * eventual sends it queued. Eventual sends (`E(x).m()`) reach the node's handlers one microtask
 * after the code that made them, so the node cannot see them while the code runs; instead it
 * opens a window that starts just before them and ends just after them. The window is two
 * microtasks: one queued when the turn starts (before the app code queues anything) and one
 * queued when it ends (after everything the app code queued). Microtasks run in the order they
 * were queued, so exactly the turn's own eventual sends, and what they send synchronously, fall
 * inside; work queued earlier runs before the window opens.
 * Inside the window the node writes nothing: every operation a session would send is held. When
 * the window closes, a turn whose code returned writes what it held, in order (commit); a turn
 * whose code threw writes nothing (abort): each held question breaks with the turn's reason and
 * is forgotten, and the turn's own failure is reported as `turn failed: <reason> (N queued
 * sends discarded)`, a reason the harness files under break category `turn-failed`.
 * Marks (node `mark` events, harness-only): `turn-begin` when a turn holds its first send,
 * `turn-commit` / `turn-abort` when it ends. Turns that hold nothing emit no marks, so runs whose
 * apps send nothing from a turn look exactly as before.
 * Defect `outputFromFailedTurn` (mutant `output-from-failed-turn`): an aborted turn writes what
 * it held anyway, before its `turn-abort` mark.
 */
import type { Op } from './wire/index.js';
import type { NodeEvent } from './node-types.js';
import { breakError } from './break-reason.js';

export const MARK_TURN_BEGIN = 'turn-begin';
export const MARK_TURN_COMMIT = 'turn-commit';
export const MARK_TURN_ABORT = 'turn-abort';

/** The turn marks with their documentation (the schema's mark list). */
export const TURN_MARKS: Readonly<Record<string, string>> = {
  [MARK_TURN_BEGIN]: 'a transactional turn held its first send (nothing it sends is written until it ends)',
  [MARK_TURN_COMMIT]: 'a turn whose code returned wrote what it held',
  [MARK_TURN_ABORT]: 'a turn whose code threw ended; what it held was discarded',
};

/** The reason a failed turn reports once it discarded `discarded` sends. */
export function turnFailedReason(error: unknown, discarded: number): string {
  const message = error instanceof Error ? error.message : String(error);
  return `turn failed: ${message} (${discarded} queued send${discarded === 1 ? '' : 's'} discarded)`;
}

/**
 * The `turn-abort` mark's detail: `held: dave#2, dave#3; reason: …` — the peer and answer
 * position of every question the turn held (one-way sends are not named), then the reason.
 * Answer positions are never reused on a session, so a checker can find any of these questions
 * on the wire: none may ever be written (marks and frames of one lock-step reply are recorded
 * frames first, so the marks' order alone cannot show it); noOutputFromFailedTurn reads it back.
 */
export function abortDetail(held: ReadonlyArray<{ session: { peerName: string }; question?: bigint }>, error: unknown): string {
  const questions = held.flatMap((h) => (h.question !== undefined ? [`${h.session.peerName}#${h.question}`] : []));
  return `held: ${questions.join(', ')}; reason: ${error instanceof Error ? error.message : String(error)}`;
}

/** What a held send needs from its session: write it later, or break the question it asks. */
export interface TurnSession {
  readonly state: 'handshaking' | 'live' | 'ended';
  readonly peerName: string;
  /** Writes now, bypassing the turn (the window has closed). */
  sendNow(op: Op | (() => Op)): void;
  /** Breaks and forgets our question at `position` (its op:deliver was never written). */
  dropQuestion(position: bigint, error: Error): void;
}

interface Held {
  session: TurnSession;
  op: Op | (() => Op);
  question?: bigint;
}

/** One turn's state; `outcome` is filled when the app code returns or throws. */
export interface Turn {
  held: Held[];
  failed?: { error: unknown };
  marked: boolean;
  /** Called when the window closes: undefined for a commit, else the error to report (wrapped when sends were discarded). */
  onEnd?: (failure: { error: unknown } | undefined) => void;
}

export class Turns {
  private window: Turn | undefined;

  constructor(
    private readonly emit: (event: NodeEvent) => void,
    private readonly leakOnAbort: () => boolean,
  ) {}

  /**
   * Starts a turn around app code about to run synchronously; returns the function to call when
   * it returned (`end()`) or threw (`end({ error })`).
   */
  begin(): { turn: Turn; end: (failed?: { error: unknown }) => void } {
    const turn: Turn = { held: [], marked: false };
    void Promise.resolve().then(() => {
      if (!this.window) this.window = turn;
    });
    return {
      turn,
      end: (failed) => {
        turn.failed = failed;
        void Promise.resolve().then(() => this.close(turn));
      },
    };
  }

  /** Holds `op` when a turn's window is open; false when it should be written now. */
  capture(session: TurnSession, op: Op | (() => Op), question?: bigint): boolean {
    const turn = this.window;
    if (!turn) return false;
    if (!turn.marked) {
      turn.marked = true;
      this.emit({ type: 'mark', name: MARK_TURN_BEGIN });
    }
    turn.held.push({ session, op, ...(question !== undefined ? { question } : {}) });
    return true;
  }

  private close(turn: Turn): void {
    if (this.window === turn) this.window = undefined;
    const held = turn.held;
    turn.held = [];
    if (!turn.failed) {
      this.write(held);
      if (turn.marked) this.emit({ type: 'mark', name: MARK_TURN_COMMIT });
      turn.onEnd?.(undefined);
      return;
    }
    // With nothing held, the turn's own error (the app's) is the answer's; else the turn's reason.
    const error = held.length > 0 ? breakError('turn-failed', turnFailedReason(turn.failed.error, held.length)) : turn.failed.error;
    if (this.leakOnAbort()) this.write(held);
    else {
      for (const h of held) if (h.question !== undefined && h.session.state !== 'ended') h.session.dropQuestion(h.question, error as Error);
    }
    if (turn.marked) this.emit({ type: 'mark', name: MARK_TURN_ABORT, detail: abortDetail(held, error) });
    turn.onEnd?.({ error });
  }

  private write(held: Held[]): void {
    for (const h of held) {
      if (h.session.state !== 'live') continue;
      try {
        h.session.sendNow(h.op);
      } catch (error) {
        // An operation that cannot be encoded: the question it asked breaks, as a direct send would.
        if (h.question !== undefined) h.session.dropQuestion(h.question, error instanceof Error ? error : new Error(String(error)));
      }
    }
  }
}
