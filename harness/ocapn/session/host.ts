/**
 * What a session needs from its node, and the node's options.
 * View: the node owns identity, sturdyrefs, the set of sessions and the event stream; a session
 * asks it (`admit`) before going live, because duplicates and crossed hellos (§4.3, §4.4) are
 * questions about *other* sessions.
 * Events mirror `drivers/driver.ts` NodeEvent structurally (ocapn/ may not import drivers/).
 */
import type { Dialect } from '../syrup/index.js';
import type { Clock, PeerLocation } from '../world.js';
import type { Limits } from '../limits.js';
import type { ExportEntry } from '../captp/tables.js';
import type { Session } from './session.js';

export type FlushDesign = 'none' | 'receiver-initiated';

export interface ReferenceOptions {
  dialect: Dialect;
  flush: FlushDesign;
  /** What the fresh promise swapped in by op:flush resolves to (flush/receiver-initiated.ts). */
  flushResolution?: 'follow-original' | 'manual';
  /**
   * A method that returns a promise has its answer fulfilled at once with that promise (exported
   * as `desc:import-promise`), so the questioner holds an import it can flush. Default true;
   * false waits for full settlement like endo HEAD (§5.6).
   */
  answerWithPromises?: boolean;
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
  };
}

export type OcapnEvent =
  | { type: 'session-open'; peer: string; sessionId: string }
  | { type: 'session-closed'; peer: string; reason: string }
  | { type: 'export-added'; peer: string; position: number; kind: 'object' | 'promise' }
  | { type: 'export-replaced'; peer: string; position: number; refcount: number }
  | { type: 'flush-sent'; peer: string; position: number }
  | { type: 'flush-done'; peer: string; position: number }
  /** A traced code path (flush/marks.ts); harness-only, never on the wire. */
  | { type: 'mark'; name: string; detail?: string }
  | {
      type: 'settled';
      peer: string;
      position: number;
      table: 'export' | 'import' | 'answer' | 'question';
      outcome: 'fulfilled' | 'broken';
    };

export interface SessionHost {
  readonly name: string;
  readonly location: PeerLocation;
  readonly options: ReferenceOptions;
  /** `options.limits` over the defaults. */
  readonly limits: Limits;
  /** The node's clock (virtual in the simulation): handshake timeouts run on it. */
  readonly clock: Clock;
  /** The bootstrap object exported at position 0 of this session (§5.5). */
  bootstrapFor(session: Session): object;
  /** `'ok'`, or the op:abort reason for refusing this session. */
  admit(session: Session): 'ok' | string;
  onLive(session: Session): void;
  onEnded(session: Session, reason: string, wasLive: boolean): void;
  onExportAdded(session: Session, entry: ExportEntry): void;
  emit(event: OcapnEvent): void;
}
