/**
 * What a session needs from its node, and the node's options.
 * View: the node owns identity, sturdyrefs, the set of sessions and the event stream; a session
 * asks it (`admit`) before going live, because duplicates and crossed hellos (harness/ocapn/README.md) are
 * questions about *other* sessions.
 * Events and the flush design are the node-facing types of ../node-types.ts.
 */
import type { Dialect, FlushDesign, NodeEvent } from '../node-types.js';
import type { PeerLocation } from '../world.js';
import type { ExportEntry } from '../captp/tables.js';
import type { Session } from './session.js';

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
  /** Test hook: the version string written and required in op:start-session (default "1.0"). */
  captpVersion?: string;
  /** Planted defects of the mutant drivers (drivers/mutants/); all off for the reference node. */
  defects?: {
    /** op:flush swaps the slot but restarts its refcount at 1 instead of keeping it. */
    flushResetsRefcount?: boolean;
    /** op:flush is acknowledged but the old promise stays in the slot. */
    flushWithoutSwap?: boolean;
  };
}

export interface SessionHost {
  readonly name: string;
  readonly location: PeerLocation;
  readonly options: ReferenceOptions;
  /** The bootstrap object exported at position 0 of this session. */
  bootstrapFor(session: Session): object;
  /** `'ok'`, or the op:abort reason for refusing this session. */
  admit(session: Session): 'ok' | string;
  onLive(session: Session): void;
  onEnded(session: Session, reason: string, wasLive: boolean): void;
  onExportAdded(session: Session, entry: ExportEntry): void;
  emit(event: NodeEvent): void;
}
