/**
 * The narrow view of a session that reference handling (captp/) and op:flush (flush/) work
 * through: its tables, how to send one operation, who the peer is, and the two things they need
 * from the node (its options, its event stream). `session/session.ts` implements it.
 * Why a port: the session dispatches into captp/ and flush/; if they imported the Session class
 * back, the three folders would form one import loop. With the port, imports run one way:
 * session/ → flush/ → captp/.
 */
import type { BreakError, BreakReason } from '../break-reason.js';
import type { Limits } from '../limits.js';
import type { NodeEvent } from '../node-types.js';
import type { ReferenceOptions } from '../options.js';
import type { HandoffGive, Op, RefDesc, SigEnvelope } from '../wire/index.js';
import type { Turns } from '../turns.js';
import type { FlushDesignPort } from './flush-port.js';
import type { AnswerEntry, ExportEntry, ExportTable, ImportTable, LocallyNumbered, PeerNumbered, QuestionEntry } from './tables.js';

export type SessionState = 'handshaking' | 'live' | 'ended';

/** What captp/ and flush/ may ask of the node that owns the session. */
export interface PortHost {
  readonly options: ReferenceOptions;
  /** `options.limits` over the defaults. */
  readonly limits: Limits;
  emit(event: NodeEvent): void;
  /** The node's transactional turns (../turns.ts): app code the node runs goes through them. */
  readonly turns?: Turns;
  /** The live session with `peer` that replaced an ended one, if the node has one. */
  currentSession?(peer: string): SessionPort | undefined;
  /**
   * A signed handoff-give arrived on `from`: the local stand-in for the gift (a promise), or
   * undefined when the node does not follow handoffs (the give is then a protocol violation).
   */
  receiveHandoff(from: SessionPort, envelope: SigEnvelope<HandoffGive>): unknown;
  /**
   * `value` is about to be written to `to`'s peer and is not exported on `to` yet: the signed
   * give that hands it off when another session hosts it (the deposit is then already sent),
   * or undefined to export (proxy) it as usual.
   */
  giveHandoff(to: SessionPort, value: object): SigEnvelope<HandoffGive> | undefined;
  /** The node's op:flush design (flush/designs.ts, chosen by `options.flush`). */
  readonly design: FlushDesignPort;
  /** The live session hosting `value` (an import or a question's promise) and how to name it there. */
  locate(value: object): { session: SessionPort; desc: RefDesc<'desc:export' | 'desc:answer'> } | undefined;
  /** Whether writing `value` to `to`'s peer would hand it off (giveHandoff), with no effect. */
  handsOff(to: SessionPort, value: object): boolean;
}

export interface SessionPort {
  readonly state: SessionState;
  /** Why the session ended, once it has. */
  readonly endReason: BreakReason | undefined;
  /** The peer's name in events and tables. */
  readonly peerName: string;
  readonly host: PortHost;
  readonly exports: ExportTable;
  readonly imports: ImportTable;
  /** Questions the peer asked us, at the positions it chose. */
  readonly answers: PeerNumbered<AnswerEntry>;
  /** Our questions. */
  readonly questions: LocallyNumbered<QuestionEntry>;
  readonly questionsByPromise: Map<object, QuestionEntry>;
  /** Importer side of op:flush: set by `flush()`, cleared by op:flush-done or the session's end. */
  readonly pendingFlushes: Map<bigint, { resolve: () => void; reject: (e: BreakError) => void }>;
  /** Exporter side: settlers of the fresh promises swapped in by op:flush, until resolved. */
  readonly flushedSettlers: Map<bigint, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>;
  /** Exports introduced or re-sent by the message being built; committed only if it encodes. */
  readonly staged: Array<{ entry: ExportEntry; added: boolean }> | undefined;
  /** Writes one operation; `build` may stage exports, which count only if the frame is written. */
  send(op: Op | (() => Op), meta?: { question?: bigint }): void;
  /** Calls `callback` once when the session ends (at once if it has): for waits no question or
   * import stands for, such as a flush marker's acknowledgement. */
  whenEnded(callback: (reason: BreakReason) => void): void;
  /** The error a use of the ended session breaks with (its end's category and reason). */
  endedError(verb: 'ended' | 'has ended'): BreakError;
  /** Keeps a value for a callback that may run after the session ended (see Session.hold). */
  hold(value: unknown): object;
  /** The value held under a token, once; undefined after the session ended. */
  take(token: object): unknown;
}
