/**
 * The reference node's options: the node-facing choices (dialect, flush design) plus the
 * reference node's own switches and the mutants' planted defects. A leaf module, so sessions,
 * references and flush code can all read the options without importing each other.
 */
import type { Dialect, FlushDesign } from './node-types.js';
import type { Limits } from './limits.js';

export interface ReferenceOptions {
  dialect: Dialect;
  flush: FlushDesign;
  /** What the fresh promise swapped in by op:flush resolves to (flush/receiver-initiated.ts). */
  flushResolution?: 'follow-original' | 'manual';
  /**
   * A method that returns a promise has its answer fulfilled at once with that promise (exported
   * as `desc:import-promise`), so the questioner holds an import it can flush. Default true;
   * false waits for full settlement like endo HEAD (harness/ocapn/README.md).
   */
  answerWithPromises?: boolean;
  /**
   * How a delivery with neither answer nor resolver is written: `op:deliver … f f` (the drafts,
   * endo) or the legacy `op:deliver-only` (the Python suite before it dropped the operation; its
   * reader cannot take a `false` resolver). Default: `op:deliver-only` in dialect `python-suite`.
   */
  oneWay?: 'deliver' | 'deliver-only';
  /**
   * Third-party handoffs. `shorten` (default): the bootstrap keeps gifts (`deposit-gift`) and
   * hands them to receivers with a valid certificate (`withdraw-gift`), a received give is
   * followed, and a presence another session hosts is handed off when sent on
   * (handoff/gifter.ts). `proxy`: both methods refuse and such a reference is re-exported
   * (proxied), as before handoffs existed.
   */
  handoffs?: 'proxy' | 'shorten';
  /**
   * Strict forwarding (Cap'n Proto's rule): a call that arrives on an answer resolved to another
   * peer's promise is forwarded to the position that promise was first addressed at, even when
   * the promise has since resolved further or is held behind a flush fence here. Off (default):
   * it follows the promise's current resolution (session/dispatch.ts, pipelineOnward).
   */
  strictForwarding?: boolean;
  /** Overrides of the node's resource limits (limits.ts documents each and its default). */
  limits?: Partial<Limits>;
  /** Test hook: the version string written and required in op:start-session (default "1.0"). */
  captpVersion?: string;
  /** Planted defects of the mutant drivers (drivers/mutants/); all off for the reference node. */
  defects?: {
    /** op:flush swaps the slot but restarts its refcount at 1 instead of keeping it. */
    flushResetsRefcount?: boolean;
    /** op:flush is acknowledged but the old promise stays in the slot. */
    flushWithoutSwap?: boolean;
    /** No inactivity timer: a session waits for a silent peer for ever. */
    noInactivityTimeout?: boolean;
    /** A transport reset (RST) is reported as the peer's graceful close (FIN). */
    resetAsClose?: boolean;
    /** A graceful shutdown resets (RST) every connection instead of closing it. */
    stopResets?: boolean;
    /** A transport reset goes unnoticed: the session stays live on the failed connection and
     * writes its next frames there instead of dialling anew. */
    writesAfterReset?: boolean;
    /** A turn whose code threw still writes the sends it queued (turns.ts). */
    outputFromFailedTurn?: boolean;
    /** A reference from an ended session keeps working: its calls go to the peer's current
     * session, at the position it had on the old one. */
    resurrectSession?: boolean;
    /** Shortener-initiated op:flush: the gift is deposited when the flush is sent, not after the holder's confirm. */
    shortenWithoutConfirm?: boolean;
    /** withdraw-gift arriving before its deposit is answered at once with a stand-in for the gift. */
    withdrawBeforeDeposit?: boolean;
    /** Shortening skips the configured design's fence (shortens like `flush: 'none'`). */
    shortenWithoutFence?: boolean;
    /** Calls on an answer whose method returned a promise keep a queue of their own instead of
     * joining that promise's queue (session/dispatch.ts, pipelineOnward), except on a shortening
     * node for another peer's promise: a call addressed to the promise itself, exported to the
     * questioner, can overtake them. The reference node's behaviour before the fix. */
    splitAnswerQueue?: boolean;
  };
}
