/**
 * What a session needs from its node (the node's options live in ../options.ts).
 * View: the node owns identity, sturdyrefs, the set of sessions and the event stream; a session
 * asks it (`admit`) before going live, because duplicates and crossed hellos (harness/ocapn/README.md) are
 * questions about *other* sessions.
 * Events are the node-facing types of ../node-types.ts.
 */
import type { BreakReason } from '../break-reason.js';
import type { NodeEvent } from '../node-types.js';
import type { ReferenceOptions } from '../options.js';
import type { Clock, PeerLocation } from '../world.js';
import type { Limits } from '../limits.js';
import type { ExportEntry } from '../captp/tables.js';
import type { Session } from './session.js';
import type { Turns } from '../turns.js';
import type { FlushDesignPort } from '../captp/flush-port.js';
import type { HandoffGive, RefDesc, SigEnvelope } from '../wire/index.js';

export type { ReferenceOptions } from '../options.js';

export interface SessionHost {
  readonly name: string;
  readonly location: PeerLocation;
  readonly options: ReferenceOptions;
  /** `options.limits` over the defaults. */
  readonly limits: Limits;
  /** The node's clock (virtual in the simulation): handshake timeouts run on it. */
  readonly clock: Clock;
  /** The bootstrap object exported at position 0 of this session. */
  bootstrapFor(session: Session): object;
  /** `'ok'`, or the op:abort reason for refusing this session. */
  admit(session: Session): 'ok' | string;
  onLive(session: Session): void;
  onEnded(session: Session, reason: BreakReason, wasLive: boolean): void;
  onExportAdded(session: Session, entry: ExportEntry): void;
  /** The imports and question promises of this node's ended sessions (each session adds its own
   * as it ends): a later release of one is a no-op, a release of anything else the caller's mistake. */
  readonly endedReferences: WeakSet<object>;
  emit(event: NodeEvent): void;
  /** The node's transactional turns (../turns.ts). */
  readonly turns?: Turns;
  /** The live session with `peer`, if any (a reference from an ended session names it in its error). */
  currentSession?(peer: string): Session | undefined;
  receiveHandoff(from: Session, envelope: SigEnvelope<HandoffGive>): unknown;
  giveHandoff(to: Session, value: object): SigEnvelope<HandoffGive> | undefined;
  handsOff(to: Session, value: object): boolean;
  locate(value: object): { session: Session; desc: RefDesc<'desc:export' | 'desc:answer'> } | undefined;
  /** The node's op:flush design (flush/designs.ts): every point where designs differ goes through it. */
  readonly design: FlushDesignPort;
}
