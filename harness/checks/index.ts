/**
 * The checker registry and the one entry point the runner calls: run every checker (or a named
 * subset) over a transcript and merge the verdicts.
 * Properties: README.md (this folder). Checkers compose by name; a checker that throws gives
 * unknown, never a pass.
 * Guarantees: results are keyed and ordered by checker name as registered; the overall verdict
 * is violated > unknown > holds over the checks that were asked for.
 */
import type { Transcript } from '../transcript/types.js';
import { abortTerminal } from './abort-terminal.js';
import { brokenWithReason } from './broken-with-reason.js';
import { channelPrefix } from './channel-prefix.js';
import { cleanClose } from './clean-close.js';
import { decidedOnce } from './decided-once.js';
import { depositBeforeWithdraw } from './deposit-before-withdraw.js';
import { flushFence } from './flush-fence.js';
import { flushSwap } from './flush-swap.js';
import { forwarderOrder } from './forwarder-order.js';
import { gcBalanced } from './gc-balanced.js';
import { giftOnce } from './gift-once.js';
import { noDuplicates } from './no-duplicates.js';
import { noForgery } from './no-forgery.js';
import { noLoss } from './no-loss.js';
import { noOutputFromFailedTurn } from './no-output-from-failed-turn.js';
import { noStaleDelivery } from './no-stale-delivery.js';
import { pairing } from './pairing.js';
import { perRefFifo } from './per-ref-fifo.js';
import { reconnectsAfter } from './reconnects-after.js';
import { sessionFirst } from './session-first.js';
import { singleSession } from './single-session.js';
import { tablesEmptyAtTeardown } from './tables-empty-at-teardown.js';
import { mergeVerdicts, runChecker, type CheckContext, type Checker, type Verdict, type VerdictKind } from './verdict.js';

export * from './verdict.js';

export const checkers: readonly Checker[] = [
  channelPrefix,
  sessionFirst,
  singleSession,
  abortTerminal,
  noForgery,
  decidedOnce,
  gcBalanced,
  flushFence,
  giftOnce,
  depositBeforeWithdraw,
  perRefFifo,
  forwarderOrder,
  noLoss,
  noDuplicates,
  brokenWithReason,
  pairing,
  flushSwap,
  tablesEmptyAtTeardown,
  noStaleDelivery,
  reconnectsAfter,
  cleanClose,
  noOutputFromFailedTurn,
];

export const checkerNames: readonly string[] = checkers.map((c) => c.name);

export function getChecker(name: string): Checker | undefined {
  return checkers.find((c) => c.name === name);
}

export interface CheckReport {
  overall: VerdictKind;
  verdicts: Verdict[];
}

/** Runs the named checkers (default: all) with what the plan allows (`context`). An unknown
 * name is itself reported as unknown. */
export function runChecks(transcript: Transcript, names: readonly string[] = checkerNames, context: CheckContext = {}): CheckReport {
  const verdicts = names.map((name): Verdict => {
    const checker = getChecker(name);
    if (!checker) {
      return { name, verdict: 'unknown', exercised: 0, explanation: `${name} unknown: no such checker (known: ${checkerNames.join(', ')})` };
    }
    return runChecker(checker, transcript, context);
  });
  return { overall: mergeVerdicts(verdicts.map((v) => v.verdict)), verdicts };
}

/** One line per verdict, violated first: what a failing test prints before anything else. */
export function formatVerdicts(report: CheckReport): string {
  const rank = { violated: 0, unknown: 1, holds: 2 };
  return [...report.verdicts]
    .sort((a, b) => rank[a.verdict] - rank[b.verdict])
    .map((v) => `${v.explanation}${v.verdict === 'holds' || v.verdict === 'violated' ? ` [exercised ${v.exercised}]` : ''}`)
    .join('\n');
}
