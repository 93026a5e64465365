/**
 * One CapTP session over one connection: handshake state, the four tables, sending and
 * receiving whole operations, and the end of the session.
 * Spec: CapTP draft "Establishing a connection", "op:start-session", "op:abort"
 * (harness/ocapn/README.md, "Sessions").
 * View: ours. The node decides which sessions may go live (duplicates, crossed hellos); this
 * class validates what a single connection can validate on its own.
 * Guarantees: nothing a peer writes makes `receive` throw — every fault ends as our `op:abort`
 * with a short reason, and only this session ends. After `end`, nothing more is written.
 * Elsewhere: handlers of live operations (session/dispatch.ts), references (captp/references.ts).
 */
import { encode, SyrupDecodeError, toHex, type Dialect } from '../syrup/index.js';
import { decodeOp, encodeOp, OpDecodeError, MyLocation, OcapnPeer, writeMyLocation, type Op, type OpStartSession, type PublicKey } from '../wire/index.js';
import { publicIdOf, sessionIdOf, sign, verify, type SessionKeyPair } from '../crypto/keys.js';
import type { Connection, ConnectionEnd, PeerLocation } from '../world.js';
import { ExportTable, ImportTable, LocallyNumbered, PeerNumbered, type AnswerEntry, type ExportEntry, type QuestionEntry } from '../captp/tables.js';
import { ProtocolViolation, violation } from '../violation.js';
import type { SessionPort, SessionState } from '../captp/session-port.js';
import { limitReason } from '../limits.js';
import { BreakError, breakReason, type BreakCategory, type BreakReason } from '../break-reason.js';
import type { SessionHost } from './host.js';
import { dispatchLive } from './dispatch.js';

export const CAPTP_VERSION = '1.0';

export type { SessionState } from '../captp/session-port.js';

export class Session implements SessionPort {
  state: SessionState = 'handshaking';
  /** Set by the peer's valid op:start-session. */
  peerLocation: PeerLocation | undefined;
  peerPublicId: Uint8Array | undefined;
  /** The peer's session key (third-party handoffs verify gifts it signed). */
  peerPublicKey: PublicKey | undefined;
  sessionId: Uint8Array | undefined;
  /** Why the session ended; set once by `end`. */
  endReason: BreakReason | undefined;

  readonly exports = new ExportTable();
  readonly imports = new ImportTable();
  /** Questions the peer asked us, at the positions it chose. */
  readonly answers = new PeerNumbered<AnswerEntry>();
  /** Our questions; numbered from 1 (endo readers require positive positions for op:get, App. A). */
  readonly questions = new LocallyNumbered<QuestionEntry>(1n);
  readonly questionsByPromise = new Map<object, QuestionEntry>();
  /** Importer side of op:flush: set by `flush()`, cleared by op:flush-done or the session's end. */
  readonly pendingFlushes = new Map<bigint, { resolve: () => void; reject: (e: BreakError) => void }>();
  private readonly endWatchers: Array<(reason: BreakReason) => void> = [];
  /** Exporter side: settlers of the fresh promises swapped in by op:flush, until resolved. */
  readonly flushedSettlers = new Map<bigint, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();
  /** Exports introduced or re-sent by the message being built; committed only if it encodes. */
  staged: Array<{ entry: ExportEntry; added: boolean }> | undefined;
  /** Set while a received frame is handled: frames sent meanwhile wait here (see `receive`). */
  private outbox: Uint8Array[] | undefined;
  /** Values callbacks wait to use (the peer's resolvers), by token; see `hold`. */
  private readonly held = new Map<object, unknown>();
  /** The connection's handlers reach the session only through this; cut when it ends. */
  private readonly link: { session: Session | undefined } = { session: this };
  /** Counts frames received, for error messages (`frame #3 from b`). */
  private received = 0;
  /** Cancels the handshake timeout; set by `start`, cleared when the session goes live or ends. */
  private cancelHandshakeTimer: (() => void) | undefined;
  /** Cancels the inactivity timer; armed while the peer owes us something (see `watchPeer`). */
  private cancelInactivityTimer: (() => void) | undefined;
  /** Virtual time of the last frame received from the peer (or of going live). */
  private lastHeardMs = 0;

  constructor(
    readonly host: SessionHost,
    readonly connection: Connection,
    readonly keys: SessionKeyPair,
    /** For outgoing sessions, the location we dialled. */
    readonly dialled: PeerLocation | undefined,
  ) {
    this.exports.add({ position: 0n, kind: 'object', value: host.bootstrapFor(this), refcount: 0 });
    // The netlayer may keep a closed connection (and so its handlers) around; through `link`
    // it keeps nothing of an ended session.
    const link = this.link;
    connection.onMessage((bytes) => link.session?.receive(bytes));
    connection.onClose((end) => link.session?.onConnectionEnd(end));
  }

  get outgoing(): boolean {
    return this.connection.outgoing;
  }

  get dialect(): Dialect {
    return this.host.options.dialect;
  }

  /** The peer's name in events and tables (its designator; `?` before its hello). */
  get peerName(): string {
    return this.peerLocation?.designator ?? this.dialled?.designator ?? '?';
  }

  get sessionIdHex(): string {
    return this.sessionId ? toHex(this.sessionId) : '';
  }

  /** Initiators speak first (the responder waits for us). */
  start(): void {
    const ms = this.host.limits.handshakeTimeoutMs;
    const clock = this.host.clock;
    this.cancelHandshakeTimer = clock.setTimer(clock.now() + ms, () => {
      this.cancelHandshakeTimer = undefined;
      if (this.state === 'handshaking') this.abort(limitReason('handshakeTimeoutMs', `no valid op:start-session within ${ms} ms`));
    });
    if (this.outgoing) this.sendHello();
  }

  private stopHandshakeTimer(): void {
    this.cancelHandshakeTimer?.();
    this.cancelHandshakeTimer = undefined;
  }

  private sendHello(): void {
    const { transport, designator, hints } = this.host.location;
    const location = new OcapnPeer(transport, designator, hints);
    const signed = encode(writeMyLocation(new MyLocation(location)), { dialect: this.dialect });
    this.send({
      type: 'op:start-session',
      captpVersion: this.host.options.captpVersion ?? CAPTP_VERSION,
      sessionPubkey: this.keys.publicKey,
      location,
      locationSig: sign(signed, this.keys.secretKey),
    });
  }

  /**
   * Writes one operation. `build` may allocate exports (staged); if it or the encoder throws,
   * the new exports are dropped again and the error goes to the caller, nothing is written.
   */
  send(op: Op | (() => Op), meta?: { question?: bigint }): void {
    if (this.state === 'ended') throw this.endedError('has ended');
    // Inside a transactional turn's window the operation waits for the turn's end (../turns.ts).
    if (this.state === 'live' && this.host.turns?.capture(this, op, meta?.question)) return;
    this.sendNow(op);
  }

  /** Writes one operation now, whatever turn is open (a committing turn writes through this). */
  sendNow(op: Op | (() => Op)): void {
    if (this.state === 'ended') throw this.endedError('has ended');
    const outer = this.staged;
    this.staged = [];
    let bytes: Uint8Array;
    try {
      const built = typeof op === 'function' ? op() : op;
      bytes = encodeOp(built, this.dialect);
    } catch (error) {
      for (const { entry, added } of this.staged) if (added) this.exports.drop(entry.position);
      this.staged = outer;
      throw error;
    }
    const staged = this.staged;
    this.staged = outer;
    for (const { entry, added } of staged) {
      entry.refcount += 1;
      if (added) this.host.onExportAdded(this, entry);
    }
    if (this.outbox) this.outbox.push(bytes);
    else this.connection.write(bytes);
    if (this.state === 'live') this.watchPeer();
  }

  /** Breaks and forgets our question at `position`, whose op:deliver a failed turn never wrote. */
  dropQuestion(position: bigint, error: Error): void {
    const question = this.questions.get(position);
    if (!question) return;
    this.questions.drop(position);
    for (const [key, value] of [...this.questionsByPromise]) if (value === question) this.questionsByPromise.delete(key);
    if (question.settled) return;
    question.settled = 'broken';
    this.host.emit({ type: 'settled', peer: this.peerName, position: Number(position), table: 'question', outcome: 'broken' });
    question.reject(error);
  }

  /** True while the peer owes us a reply: an unsettled question or an unacknowledged flush. */
  private owed(): boolean {
    if (this.pendingFlushes.size > 0) return true;
    for (const question of this.questions.byPosition.values()) if (!question.settled) return true;
    return false;
  }

  /**
   * Inactivity: while the peer owes us something, nothing received for `inactivityTimeoutMs`
   * ends the session (limits.ts). One timer at a time, due at last-heard + timeout; when it fires
   * early (we heard meanwhile) it re-arms from the newer time.
   */
  private watchPeer(): void {
    if (this.cancelInactivityTimer || this.state !== 'live' || !this.owed()) return;
    if (this.host.options.defects?.noInactivityTimeout) return;
    const ms = this.host.limits.inactivityTimeoutMs;
    const clock = this.host.clock;
    this.cancelInactivityTimer = clock.setTimer(this.lastHeardMs + ms, () => {
      this.cancelInactivityTimer = undefined;
      if (this.state !== 'live' || !this.owed()) return;
      if (clock.now() - this.lastHeardMs >= ms) {
        this.abort(inactivityReason(this.peerName, ms), 'inactivity');
        return;
      }
      this.watchPeer();
    }, { watchdog: true });
  }

  private stopInactivityTimer(): void {
    this.cancelInactivityTimer?.();
    this.cancelInactivityTimer = undefined;
  }

  receive(bytes: Uint8Array): void {
    if (this.state === 'ended') return;
    this.received += 1;
    this.lastHeardMs = this.host.clock.now();
    const { maxFrameBytes, maxDepth, maxIntegerDigits } = this.host.limits;
    if (bytes.length > maxFrameBytes) {
      this.abort(limitReason('maxFrameBytes', `frame of ${bytes.length} bytes exceeds ${maxFrameBytes}`));
      return;
    }
    // What handling this frame writes waits until the whole frame is accepted: a frame refused
    // half-way (say, its second descriptor is unknown) must not have sent anything for its first.
    this.outbox = [];
    try {
      const op = decodeOp(bytes, this.dialect, { source: `frame #${this.received} from ${this.peerName}`, maxDepth, maxIntegerDigits });
      if (this.state === 'handshaking') this.onHandshake(op);
      else dispatchLive(this, op);
    } catch (error) {
      this.outbox = undefined;
      this.abort(reasonOf(error));
      return;
    }
    const out = this.outbox;
    this.outbox = undefined;
    if ((this.state as SessionState) === 'ended') return; // ended while handling (refused hello, peer's op:abort)
    for (const frame of out) this.connection.write(frame);
    if (this.state === 'live') this.watchPeer();
  }

  private onHandshake(op: Op): void {
    if (op.type === 'op:abort') {
      this.end(breakReason('session-aborted', `peer aborted: ${op.reason}`));
      return;
    }
    if (op.type !== 'op:start-session') violation(`${op.type} before the session is live`);
    this.checkHello(op);
    const verdict = this.host.admit(this);
    if (verdict !== 'ok') {
      this.abort(verdict);
      return;
    }
    if (!this.outgoing) this.sendHello();
    this.stopHandshakeTimer();
    this.state = 'live';
    this.lastHeardMs = this.host.clock.now();
    this.host.onLive(this);
  }

  private checkHello(op: OpStartSession): void {
    const wanted = this.host.options.captpVersion ?? CAPTP_VERSION;
    if (op.captpVersion !== wanted) violation(`op:start-session.captpVersion: expected "${wanted}", got "${op.captpVersion}"`);
    const signed = (dialect: Dialect) => encode(writeMyLocation(new MyLocation(op.location)), { dialect });
    // Hints order differs between Syrup and endo struct order (README.md, struct key order): accept a signature over either.
    const ok = verify(op.locationSig, signed('spec'), op.sessionPubkey) || verify(op.locationSig, signed('endo'), op.sessionPubkey);
    if (!ok) violation('op:start-session.locationSig: invalid location signature');
    const location: PeerLocation = { transport: op.location.transport, designator: op.location.designator, hints: op.location.hints };
    if (this.dialled && (this.dialled.transport !== location.transport || this.dialled.designator !== location.designator)) {
      violation(`op:start-session.location: dialled ${this.dialled.designator}, peer says ${location.designator}`);
    }
    this.peerLocation = location;
    this.peerPublicKey = op.sessionPubkey;
    this.peerPublicId = publicIdOf(op.sessionPubkey);
    this.sessionId = sessionIdOf(this.keys.publicId, this.peerPublicId);
  }

  /** Our decision to end the session: tell the peer why, then close. An abort is `session-aborted`
   * unless it is the inactivity timeout's (the category says why we gave up, the wire only `reason`). */
  abort(reason: string, category: Extract<BreakCategory, 'session-aborted' | 'inactivity'> = 'session-aborted'): void {
    if (this.state === 'ended') return;
    try {
      this.connection.write(encodeOp({ type: 'op:abort', reason }, this.dialect));
    } catch {
      // A reason that cannot be encoded still ends the session; the peer sees the close.
    }
    this.end(breakReason(category, reason), true);
  }

  /** Ends without op:abort (graceful shutdown, or the peer already said why). */
  end(reason: BreakReason, closeConnection = true): void {
    if (this.state === 'ended') return;
    const wasLive = this.state === 'live';
    this.state = 'ended';
    this.endReason = reason;
    this.stopHandshakeTimer();
    this.stopInactivityTimer();
    const error = this.endedError('ended');
    for (const question of this.questions.byPosition.values()) {
      if (!question.settled) {
        question.settled = 'broken';
        question.reject(error);
      }
    }
    for (const entry of this.imports.byPosition.values()) {
      if (entry.kind === 'promise' && !entry.settled) {
        entry.settled = 'broken';
        entry.reject?.(error);
      }
    }
    this.host.design.onSessionEnd(this, error);
    for (const watcher of this.endWatchers.splice(0)) watcher(reason);
    this.release();
    if (closeConnection) this.connection.close();
    this.host.onEnded(this, reason, wasLive);
  }

  /** The error a use of the ended session breaks with: its end's category, the end's reason quoted. */
  endedError(verb: 'ended' | 'has ended'): BreakError {
    const reason = this.endReason ?? breakReason('closed', 'ended');
    return new BreakError(breakReason(reason.category, `session with ${this.peerName} ${verb}: ${reason.message}`));
  }

  whenEnded(callback: (reason: BreakReason) => void): void {
    if (this.state === 'ended') callback(this.endReason ?? breakReason('closed', 'ended'));
    else this.endWatchers.push(callback);
  }

  /**
   * Keeps `value` for a callback that may run much later (when an app promise settles): the
   * callback keeps only the token, so if the session ends first `release` frees the value.
   */
  hold(value: unknown): object {
    const token = {};
    if (this.state !== 'ended') this.held.set(token, value);
    return token;
  }

  /** The value held under `token`, once; undefined after the session ended. */
  take(token: object): unknown {
    const value = this.held.get(token);
    this.held.delete(token);
    return value;
  }

  /**
   * Drops every table and reference of an ended session. App promises it was called through may
   * stay pending for ever and their callbacks still name this session; what they keep alive is
   * then this small object, not its tables, presences and the peer's arguments.
   */
  private release(): void {
    for (const ref of [...this.imports.byValue.keys(), ...this.questionsByPromise.keys()]) this.host.endedReferences.add(ref);
    this.pendingFlushes.clear();
    this.flushedSettlers.clear();
    this.held.clear();
    this.questionsByPromise.clear();
    for (const table of [this.exports, this.imports, this.answers, this.questions]) table.byPosition.clear();
    this.exports.byValue.clear();
    this.imports.byValue.clear();
    this.staged = undefined;
    this.link.session = undefined;
  }

  private onConnectionEnd(end: ConnectionEnd): void {
    if (end.kind === 'local') return;
    if (end.kind === 'reset' && this.host.options.defects?.writesAfterReset === true) return;
    // Kept apart on purpose: a close is the peer's decision (FIN), a reset is the transport failing
    // (RST); the break's category says which one it was, and a dial that never reached the peer.
    const closed = end.kind === 'closed' || this.host.options.defects?.resetAsClose === true;
    if (closed || end.kind !== 'reset') this.end(breakReason('closed', 'connection closed by peer'), false);
    else this.end(breakReason(end.unreachable ? 'unreachable' : 'reset', `connection reset: ${end.reason}`), false);
  }
}

/** The reason a session ends with when the peer owed us a reply and stayed silent too long. */
export function inactivityReason(peer: string, ms: number): string {
  return `inactivity timeout: nothing received from ${peer} for ${ms} ms (limit inactivityTimeoutMs)`;
}

/** The op:abort reason for an error raised while handling a peer's frame (short, no stack). */
export function reasonOf(error: unknown): string {
  if (error instanceof ProtocolViolation) return error.message;
  if (error instanceof OpDecodeError) return error.message;
  if (error instanceof SyrupDecodeError) return `undecodable frame: ${error.message}`;
  const message = error instanceof Error ? error.message : String(error);
  return `internal error: ${message}`;
}
