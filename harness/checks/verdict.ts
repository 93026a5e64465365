/**
 * Verdicts of property checkers: tri-state (holds / violated / unknown), with how often the
 * property was exercised, a minimal witness when violated and one ledger-style explanation line.
 * See README.md (this folder), "How a property is judged" (tri-state in the manner of Jepsen's
 * valid?/unknown).
 * Guarantees: merging is violated > unknown > holds; a checker that throws yields unknown with
 * its error, never a pass.
 */
import type { Transcript } from '../transcript/types.js';

export type VerdictKind = 'holds' | 'violated' | 'unknown';

/** What a checker reads from the transcript; a run without it gives `unknown`. */
export type Need = 'frames' | 'app-tags' | 'tables' | 'node-events' | 'faults';

/** The smallest evidence: frame numbers (as in the transcript) and event `seq`s. */
export interface Witness {
  frames?: number[];
  events?: number[];
}

export interface Verdict {
  name: string;
  verdict: VerdictKind;
  /** How many instances of the property were actually tested (0 proves nothing). */
  exercised: number;
  /** One line: `perRefFifo violated: a on export 3 of c: #5 dispatched before #4 (frames 38, 41)`. */
  explanation: string;
  witness?: Witness;
  /** Set when the checker threw. */
  error?: string;
}

/** What a checker's body returns; `name` and the explanation prefix are added by `runChecker`. */
export interface CheckResult {
  verdict: VerdictKind;
  exercised: number;
  /** The explanation after `<name> <verdict>: `. */
  detail: string;
  witness?: Witness;
}

/**
 * What the plan says that a checker needs besides the run's record. The transcript is the
 * network's record; what the scenario allows is the plan's, handed in by the judge.
 */
export interface CheckContext {
  /** Break reasons the scenario allows after a fault (plan categories such as
   * `connection-lost`, or the scenario's own app messages); absent: any non-empty reason. */
  allowedBreakReasons?: readonly string[];
}

export interface Checker {
  name: string;
  needs: readonly Need[];
  /** One line: the predicate in words (shown in reports). */
  describe: string;
  check(transcript: Transcript, context: CheckContext): CheckResult;
}

export const holds = (exercised: number, detail: string): CheckResult => ({ verdict: 'holds', exercised, detail });
export const unknown = (detail: string, exercised = 0): CheckResult => ({ verdict: 'unknown', exercised, detail });
export const violated = (exercised: number, detail: string, witness: Witness): CheckResult => ({
  verdict: 'violated',
  exercised,
  detail,
  witness,
});

/** `(frames 38, 41)` / `(frame 3)` / `` for a witness, for explanation lines. */
export function framesText(frames: readonly number[]): string {
  if (frames.length === 0) return '';
  return frames.length === 1 ? `(frame ${frames[0]})` : `(frames ${frames.join(', ')})`;
}

export function runChecker(checker: Checker, transcript: Transcript, context: CheckContext = {}): Verdict {
  let result: CheckResult;
  try {
    result = checker.check(transcript, context);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      name: checker.name,
      verdict: 'unknown',
      exercised: 0,
      explanation: `${checker.name} unknown: checker threw: ${message}`,
      error: message,
    };
  }
  const verdict: Verdict = {
    name: checker.name,
    verdict: result.verdict,
    exercised: result.exercised,
    explanation: `${checker.name} ${result.verdict}: ${result.detail}`,
  };
  if (result.witness) verdict.witness = result.witness;
  return verdict;
}

const RANK: Record<VerdictKind, number> = { holds: 0, unknown: 1, violated: 2 };

/** violated > unknown > holds; an empty list merges to unknown (nothing was checked). */
export function mergeVerdicts(kinds: readonly VerdictKind[]): VerdictKind {
  if (kinds.length === 0) return 'unknown';
  return kinds.reduce((a, b) => (RANK[b] > RANK[a] ? b : a), 'holds' as VerdictKind);
}
