/**
 * Which scenario catches which mutant, and by which named check. THE declaration the `mutants`
 * Playwright project runs: every (mutant, scenario, seed) here is a test under `test.fail()`
 * that only counts as caught when one of the named checks reports `violated` (a crash, a schema
 * failure or any other failure does not count).
 * Why a table here rather than a scenario key: a mutant is a property of the harness, not of the
 * language a protocol author writes; keeping the table next to the runner keeps the scenario
 * language about OCapN. A unit test requires every non-conforming driver to appear here.
 * Seeds: optional; default every seed of the scenario. List them when a defect only shows under
 * some interleavings (a mutant test must catch on EVERY seed it runs).
 */

export interface MutantCatch {
  /** Scenario id (the YAML `id`). */
  scenario: string;
  /** Check names; caught = at least one of them is violated. */
  checks: string[];
  seeds?: number[];
}

export const MUTANT_CATCHES: Readonly<Record<string, readonly MutantCatch[]>> = {
  'flush-without-swap': [
    { scenario: 'refcount-preserved', checks: ['flushSwap'] },
    // Without the swap alice's later calls run on the original promise. Since calls on an answer
    // join the queue of the promise it resolved to (answer-and-its-promise-share-a-queue), the
    // `before` calls are on that queue too, so order holds and only the wire shows the defect.
    { scenario: 'deliveries-in-flight-after-ack', checks: ['flushSwap'], seeds: [1, 2, 3, 4, 5] },
    // The wire-level catch on a forwarding line (all 20 seeds; order holds there, so only flushSwap).
    { scenario: 'deliveries-in-flight-before-ack', checks: ['flushSwap'], seeds: [1, 2, 3] },
  ],
  'flush-resets-refcount': [{ scenario: 'refcount-preserved', checks: ['flushSwap', 'gcBalanced', 'pairing'] }],
  'forwarder-reorders': [{ scenario: 'fixed-route-four-hops', checks: ['perRefFifo', 'forwarderOrder'] }],
  // Without the timer the stalled call is still pending when the run ends.
  'no-inactivity-timeout': [{ scenario: 'stall-outlasts-run-inactivity-breaks', checks: ['brokenWithReason'], seeds: [1, 2, 3] }],
  // The pending call breaks as `closed` where the scenario allows only `reset`.
  'reset-as-close': [{ scenario: 'reset-breaks-pending-call', checks: ['brokenWithReason'], seeds: [1, 2, 3] }],
  // carol's failed turn writes its two onward calls before its turn-abort mark.
  // alice's old counter reference (import 2 of bob's first incarnation) is sent to the new bob.
  'resurrect-session': [{ scenario: 'stale-reference-after-fresh-restart', checks: ['noStaleDelivery'], seeds: [1, 2, 3] }],
  // bob's stop resets its connection to alice, where a graceful stop closes it.
  'stop-resets': [{ scenario: 'restart-keep-re-enliven', checks: ['cleanClose'], seeds: [1, 2, 3] }],
  // alice's session outlives the reset, so the `after` call is written on the failed connection.
  'writes-after-reset': [{ scenario: 'reset-breaks-pending-call', checks: ['reconnectsAfter'], seeds: [1, 2, 3] }],
  'output-from-failed-turn': [{ scenario: 'failing-turn-mid-chain', checks: ['noOutputFromFailedTurn'], seeds: [1, 2, 3] }],
  // Without a fence a call alice sent after learning of the shortening overtakes one still on the
  // slow old path: caught on all 20 seeds (the old path is slow on purpose); five keep it quick.
  // z, pipelined on bob's answer, waits on the answer's promise; w, sent to the promise the
  // answer resolved to, runs first when it settles (every seed).
  'answer-queue-split': [{ scenario: 'answer-and-its-promise-share-a-queue', checks: ['perRefFifo'] }],
  'naive-shortening': [
    { scenario: 'shortening-nightmare', checks: ['perRefFifo'], seeds: [1, 2, 3, 4, 5] },
    // The same skipped fence under the marker design: calls queued behind the marker overtake it.
    { scenario: 'calls-across-the-fence@marker', checks: ['perRefFifo'] },
  ],
  // The early deposit only overtakes old-path calls when bob's link to carol is slow enough while
  // the flush is out: 4 of 20 seeds (the others order by luck).
  'shortener-flush-without-confirm': [
    { scenario: 'shortening-nightmare', checks: ['perRefFifo'], seeds: [9, 10, 14, 16] },
    // The wire-level catch, every seed: the deposit of the gift that settles r′ leaves before the
    // holder's confirmation arrived (flushFence's gift fence).
    { scenario: 'chain-two-hops@shortener-initiated', checks: ['flushFence'] },
  ],
  // The withdraw is sent before the deposit on purpose; the mutant answers it at once.
  'deposit-after-withdraw': [{ scenario: 'gift-withdrawn-before-deposit@shortener-initiated', checks: ['depositBeforeWithdraw'] }],
};
