/**
 * The reference OCapN node: identity, sturdyrefs, one live session per peer, and the local API
 * the harness drives (enliven, flush, release, tables, events).
 * Spec: CapTP draft "Establishing a connection", "The bootstrap Object" (harness/ocapn/README.md,
 * "Sessions").
 * View: one node. It is handed a World (clock, random, netlayer) and an identity seed; it reads
 * nothing ambient, so the same seed and the same delivery order give the same bytes.
 * Guarantees: at most one live session per peer (designator + transport, Locators.md); a peer's
 * bytes never throw out of a netlayer callback; crossed hellos keep the connection whose
 * initiator has the higher Public ID, on both sides.
 * Elsewhere: per-session state (session/), references (captp/), op:flush (flush/).
 */
import { harden } from './endo-setup.js';
import { Far, getInterfaceOf } from '@endo/pass-style';
import { compareIds, makeSessionKeyPair } from './crypto/keys.js';
import { latin1 } from './syrup/bytes.js';
import type { Connection, PeerLocation, Random, World } from './world.js';
import { Session } from './session/session.js';
import type { ReferenceOptions, SessionHost } from './session/host.js';
import type { NodeEvent, SturdyRefLocator, TableSnapshot } from './node-types.js';
import type { ExportEntry } from './captp/tables.js';
import { call, peerBootstrap, watchExport } from './captp/references.js';
import { resolveFlushed } from './flush/receiver-initiated.js';
import { snapshotSession } from './introspect.js';
import { GiftTable } from './handoff/exporter.js';
import { followHandoff } from './handoff/receiver.js';
import { newGiftId, signedGive } from './handoff/gifter.js';
import { descAnswer, descExport, type HandoffGive, type RefDesc, type SigEnvelope } from './wire/index.js';
import { FLUSH_DESIGNS } from './flush/designs.js';
import { toHex } from './syrup/bytes.js';
import { limitReason, resolveLimits, type Limits } from './limits.js';
import { Turns } from './turns.js';
import { BreakError, breakError, breakReason, type BreakReason } from './break-reason.js';

export interface ReferenceNodeConfig {
  name: string;
  identitySeed: Uint8Array;
  options: ReferenceOptions;
  /** 0 for the first start, +1 per restart; mixed into the session keys. */
  incarnation?: number;
}

const peerKey = (location: PeerLocation): string => `${location.transport}:${location.designator}`;

/** The op:abort reason both sides of crossed hellos give the losing connection (the drafts leave the text free). */
export const CROSSED_HELLOS_REASON = 'Crossed hellos mitigated';

/** True when the peer refused our connection because it keeps its own: its abort names crossed hellos. */
const lostCrossedHellos = (reason: string): boolean => reason.startsWith('peer aborted:') && /crossed hellos/i.test(reason);

export class ReferenceNode {
  readonly name: string;
  readonly location: PeerLocation;
  readonly options: ReferenceOptions;
  readonly limits: Limits;
  /** Live sessions by peer key. Set by a session going live; cleared when it ends. */
  private readonly live = new Map<string, Session>();
  /** Every session not yet ended, live or handshaking, in order of creation. */
  private readonly sessions: Session[] = [];
  /** Callers of `sessionTo` waiting for a live session with a peer. */
  private readonly waiters = new Map<string, Array<{ resolve: (s: Session) => void; reject: (e: BreakError) => void }>>();
  /** Peers whose crossed-hellos winner we are still waiting for, with the timer that gives up (see `onEnded`). */
  private readonly awaitingWinner = new Map<string, () => void>();
  private readonly sturdyrefs = new Map<string, object>();
  private readonly handlers: Array<(event: NodeEvent) => void> = [];
  /** Numbers our connections, so each gets a fresh key pair derived from the seed (crypto/keys.ts). */
  private connectionCount = 0;
  private stopped = false;
  private readonly host: SessionHost;
  /** The references of this node's ended sessions (SessionHost.endedReferences). */
  private readonly endedReferences = new WeakSet<object>();
  /** Transactional turns around app code this node runs (turns.ts). */
  private readonly turns: Turns;
  /** Gift ids for the handoffs we give: a stream of its own, so they never shift other draws. */
  private readonly giftIds: Random;
  /** Gifts deposited by gifters, waiting for their receivers (handoff/exporter.ts). */
  readonly gifts = new GiftTable(
    (id) => this.sessions.find((s) => s.state === 'live' && s.sessionId !== undefined && toHex(s.sessionId) === toHex(id)),
    () => this.options.defects?.withdrawBeforeDeposit === true,
  );

  constructor(
    private readonly config: ReferenceNodeConfig,
    readonly world: World,
  ) {
    this.name = config.name;
    this.location = world.netlayer.location;
    this.options = config.options;
    this.limits = resolveLimits(config.options.limits);
    this.turns = new Turns((event) => this.emit(event), () => this.options.defects?.outputFromFailedTurn === true);
    this.host = this.makeHost();
    this.giftIds = world.random.fork('handoff/gift-ids');
    world.netlayer.onAccept((connection) => this.accept(connection));
  }

  private makeHost(): SessionHost {
    return {
      name: this.name,
      location: this.location,
      options: this.options,
      limits: this.limits,
      clock: this.world.clock,
      bootstrapFor: (session) => this.makeBootstrap(session),
      admit: (session) => this.admit(session),
      onLive: (session) => this.onLive(session),
      onEnded: (session, reason, wasLive) => this.onEnded(session, reason, wasLive),
      onExportAdded: (session, entry) => this.onExportAdded(session, entry),
      endedReferences: this.endedReferences,
      emit: (event) => this.emit(event),
      turns: this.turns,
      currentSession: (peer) => this.liveByName(peer),
      receiveHandoff: (from, envelope) => (this.options.handoffs === 'proxy' ? undefined : followHandoff(from, envelope, (location) => this.sessionTo(location))),
      giveHandoff: (to, value) => this.giveHandoff(to, value),
      handsOff: (to, value) => this.hostOf(to, value) !== undefined,
      design: FLUSH_DESIGNS[this.options.flush],
      locate: (value) => this.locate(value),
    };
  }

  /**
   * The gifter's side (handoff/gifter.ts): `value`, about to be written to `to`'s peer, is a
   * presence another live session imported — deposit it there and hand `to`'s peer a signed give.
   * With `handoffs: 'proxy'` (or for anything else) undefined: `to` exports it as before.
   */
  private giveHandoff(to: Session, value: object): SigEnvelope<HandoffGive> | undefined {
    const from = this.hostOf(to, value);
    if (!from || !to.peerPublicKey) return undefined;
    const giftId = newGiftId(this.giftIds);
    call(from, descExport(0n), 'deposit-gift', [giftId, value], true);
    return signedGive(from, to.peerPublicKey, giftId);
  }

  /** The live session hosting `value` (imported there, or a question asked there) and its descriptor there. */
  private locate(value: object): { session: Session; desc: RefDesc<'desc:export' | 'desc:answer'> } | undefined {
    for (const session of this.live.values()) {
      const imported = session.imports.byValue.get(value);
      if (imported) return { session, desc: descExport(imported.position) };
      const question = session.questionsByPromise.get(value);
      if (question && session.questions.get(question.position) === question) return { session, desc: descAnswer(question.position) };
    }
    return undefined;
  }

  /**
   * The other live session that hosts `value` when the node hands it off to `to`'s peer
   * (`handoffs: 'shorten'`): a presence or promise imported there, or the promise of a question
   * asked there (promise shortening: the receiver gets the host's promise, not ours).
   */
  private hostOf(to: Session, value: object): Session | undefined {
    if ((this.options.handoffs ?? 'shorten') !== 'shorten') return undefined;
    for (const from of this.live.values()) {
      if (from === to) continue;
      if (from.imports.byValue.has(value)) return from;
      const question = from.questionsByPromise.get(value);
      if (question && from.questions.get(question.position) === question) return from;
    }
    return undefined;
  }

  /** The bootstrap object at export 0 of `session`: fetch, and the exporter's side of handoffs. */
  private makeBootstrap(session: Session): object {
    return Far('Bootstrap', {
      fetch: (swiss: unknown) => {
        const key = swiss instanceof Uint8Array ? latin1(swiss) : String(swiss);
        const found = this.sturdyrefs.get(key);
        if (!found) throw harden(new Error(`fetch: no object for swiss number "${key}"`));
        return found;
      },
      // `handoffs: 'proxy'` keeps the node's earlier behaviour: gifts are refused explicitly.
      'deposit-gift': (giftId: unknown, gift: unknown) => {
        if (this.options.handoffs === 'proxy') throw harden(new Error('deposit-gift: this node proxies third-party references (handoffs: proxy)'));
        this.gifts.deposit(session, giftId, gift);
      },
      'withdraw-gift': (certificate: unknown) => {
        if (this.options.handoffs === 'proxy') throw harden(new Error('withdraw-gift: this node proxies third-party references (handoffs: proxy)'));
        return this.gifts.withdraw(session, certificate);
      },
    });
  }

  onEvent(handler: (event: NodeEvent) => void): void {
    this.handlers.push(handler);
  }

  private emit(event: NodeEvent): void {
    for (const handler of this.handlers) handler(event);
  }

  registerSturdyRef(swiss: string, object: object): SturdyRefLocator {
    this.sturdyrefs.set(swiss, object);
    return harden({ location: this.location, swiss });
  }

  private newSession(connection: Connection, dialled: PeerLocation | undefined): Session {
    const keys = makeSessionKeyPair(this.config.identitySeed, this.connectionCount++, this.config.incarnation ?? 0);
    const session = new Session(this.host, connection, keys, dialled);
    this.sessions.push(session);
    return session;
  }

  private accept(connection: Connection): void {
    if (this.stopped) {
      connection.close();
      return;
    }
    const session = this.newSession(connection, undefined);
    const handshaking = this.sessions.filter((s) => s.state === 'handshaking').length;
    if (handshaking > this.limits.maxHandshakingSessions) {
      session.abort(limitReason('maxHandshakingSessions', `${this.limits.maxHandshakingSessions} connections are already handshaking`));
      return;
    }
    session.start();
  }

  /** A live session with `location`'s peer: reuses one, waits for one handshaking, or dials. */
  sessionTo(location: PeerLocation): Promise<Session> {
    if (this.stopped) return Promise.reject(breakError('closed', `${this.name} is shut down`));
    const key = peerKey(location);
    if (key === peerKey(this.location)) return Promise.reject(breakError('unreachable', `${this.name} cannot open a session with itself`));
    const existing = this.live.get(key);
    if (existing) return Promise.resolve(existing);
    const waiting = new Promise<Session>((resolve, reject) => {
      const list = this.waiters.get(key) ?? [];
      list.push({ resolve, reject });
      this.waiters.set(key, list);
    });
    // While we wait for a crossed-hellos winner, dialling again would only cross once more.
    if (!this.awaitingWinner.has(key) && !this.sessions.some((s) => s.state === 'handshaking' && s.dialled && peerKey(s.dialled) === key)) {
      this.newSession(this.world.netlayer.connect(location), location).start();
    }
    return waiting;
  }

  private admit(session: Session): 'ok' | string {
    const location = session.peerLocation!;
    const key = peerKey(location);
    if (key === peerKey(this.location)) return 'op:start-session.location: a session with myself';
    if (this.live.has(key)) return `op:start-session: a session with ${location.designator} is already live`;
    if (this.live.size >= this.limits.maxLiveSessions) return limitReason('maxLiveSessions', `${this.live.size} sessions are already live`);
    if (!session.outgoing) {
      const mine = this.sessions.find((s) => s !== session && s.state === 'handshaking' && s.dialled && peerKey(s.dialled) === key);
      if (mine) {
        // Crossed hellos (README.md, where the sources disagree): both sides compare the two initiators' Public IDs and keep the
        // connection whose initiator's ID is higher; the loser is aborted by both.
        if (compareIds(mine.keys.publicId, session.peerPublicId!) > 0) return CROSSED_HELLOS_REASON;
        mine.abort(CROSSED_HELLOS_REASON);
      }
    }
    return 'ok';
  }

  private onLive(session: Session): void {
    const key = peerKey(session.peerLocation!);
    this.live.set(key, session);
    this.awaitingWinner.get(key)?.();
    this.awaitingWinner.delete(key);
    this.emit({ type: 'session-open', peer: session.peerName, sessionId: session.sessionIdHex });
    const list = this.waiters.get(key) ?? [];
    this.waiters.delete(key);
    for (const waiter of list) waiter.resolve(session);
  }

  private onEnded(session: Session, ended: BreakReason, wasLive: boolean): void {
    const reason = ended.message;
    const index = this.sessions.indexOf(session);
    if (index >= 0) this.sessions.splice(index, 1);
    this.gifts.forget(session);
    const location = session.peerLocation ?? session.dialled;
    if (wasLive && location && this.live.get(peerKey(location)) === session) {
      this.live.delete(peerKey(location));
    }
    if (wasLive) this.emit({ type: 'session-closed', peer: session.peerName, reason });
    if (!location) return;
    const key = peerKey(location);
    // Waiters fail only when no other attempt for that peer is still under way (a crossed-hellos
    // loser hands over to the winner).
    const other = this.live.has(key) || this.sessions.some((s) => s.state === 'handshaking' && (s.peerLocation ?? s.dialled) && peerKey((s.peerLocation ?? s.dialled)!) === key);
    if (other) return;
    if (!wasLive && session.outgoing && lostCrossedHellos(reason) && !this.awaitingWinner.has(key) && !this.stopped) {
      // The peer kept its own connection to us; its hello may not have reached us yet (the
      // netlayer can deliver its abort on our connection first). The waiters move to that
      // connection instead of breaking: they wait for it to go live, for at most one handshake
      // timeout, and break only if it never comes.
      const ms = this.limits.handshakeTimeoutMs;
      const cancel = this.world.clock.setTimer(this.world.clock.now() + ms, () => {
        this.awaitingWinner.delete(key);
        if (!this.live.has(key)) this.failWaiters(key, breakReason(ended.category, `session with ${location.designator} failed: ${reason}; the peer's own connection did not go live within ${ms} ms (limit handshakeTimeoutMs)`));
      });
      this.awaitingWinner.set(key, cancel);
      return;
    }
    this.awaitingWinner.get(key)?.();
    this.awaitingWinner.delete(key);
    this.failWaiters(key, breakReason(ended.category, `session with ${location.designator} failed: ${reason}`));
  }

  private failWaiters(key: string, reason: BreakReason): void {
    const list = this.waiters.get(key) ?? [];
    this.waiters.delete(key);
    for (const waiter of list) waiter.reject(new BreakError(reason));
  }

  private onExportAdded(session: Session, entry: ExportEntry): void {
    const object = entry.kind === 'object' ? getInterfaceOf(entry.value) : undefined;
    this.emit({ type: 'export-added', peer: session.peerName, position: Number(entry.position), kind: entry.kind, ...(object !== undefined ? { object } : {}) });
    watchExport(session, entry);
  }

  /**
   * Runs `fn` as one transactional turn (turns.ts): what it sends (its eventual sends included)
   * is written when it returns, and discarded when it throws. Settles when the turn has ended:
   * with `fn`'s value, or broken with the turn's reason.
   */
  turn<T>(fn: () => T): Promise<T> {
    const { turn, end } = this.turns.begin();
    return new Promise<T>((resolve, reject) => {
      let value: T;
      turn.onEnd = (failure) => (failure ? reject(failure.error) : resolve(value));
      try {
        value = fn();
      } catch (error) {
        end({ error });
        return;
      }
      end();
    });
  }

  /** Fetches a sturdyref: `E(bootstrap).fetch(swiss)` over a (new or reused) session. */
  // Remote references are untyped on the wire; callers narrow them (`E(ref).method()` is fine).
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async enliven(locator: SturdyRefLocator): Promise<any> {
    const session = await this.sessionTo(locator.location);
    const bootstrap = peerBootstrap(session);
    const HP = (globalThis as { HandledPromise?: { applyMethod(t: unknown, m: string, a: unknown[]): Promise<unknown> } }).HandledPromise!;
    return HP.applyMethod(bootstrap, 'fetch', [new TextEncoder().encode(locator.swiss)]);
  }

  /** The live session and import position of `ref` (a presence or remote promise we imported). */
  private findImport(ref: object): { session: Session; position: bigint } | undefined {
    for (const session of this.live.values()) {
      const entry = session.imports.byValue.get(ref);
      if (entry) return { session, position: entry.position };
      // A question answered with one of the peer's promises (answers with promises): that import.
      const resolvedTo = session.questionsByPromise.get(ref)?.resolvedTo;
      const via = resolvedTo && session.imports.byValue.get(resolvedTo);
      if (via) return { session, position: via.position };
    }
    return undefined;
  }

  flush(ref: object): Promise<void> {
    const found = this.findImport(ref);
    if (!found) {
      const asked = [...this.live.values()].find((s) => s.questionsByPromise.get(ref) && !s.questionsByPromise.get(ref)!.settled);
      if (asked) {
        const position = asked.questionsByPromise.get(ref)!.position;
        return Promise.reject(breakError('flush-rejected', `flush: question ${position} to ${asked.peerName} is not answered yet (flush needs the promise it resolves to)`));
      }
      return Promise.reject(breakError('flush-rejected', 'flush: not an imported promise, nor a question answered with one, on a live session'));
    }
    return this.host.design.requestFlush(found.session, found.position);
  }

  flushPosition(peer: string, position: number): Promise<void> {
    const session = this.liveByName(peer);
    if (!session) return Promise.reject(breakError('flush-rejected', `flush: no live session with ${peer}`));
    return this.host.design.requestFlush(session, BigInt(position));
  }

  /** Manual flush resolution (`flushResolution: 'manual'`): settle the fresh promise in slot N. */
  resolveFlushed(peer: string, position: number, outcome: { value: unknown } | { error: unknown }): void {
    const session = this.liveByName(peer);
    if (!session) throw new Error(`resolveFlushed: no live session with ${peer}`);
    resolveFlushed(session, BigInt(position), outcome);
  }

  /**
   * Explicit GC (no FinalizationRegistry: runs stay deterministic): an import → `op:gc-exports [N] [delta]`
   * with the occurrences received since the last report; a question's promise → `op:gc-answers`.
   */
  release(ref: object): void {
    for (const session of this.live.values()) {
      const entry = session.imports.byValue.get(ref);
      if (entry) {
        this.releaseImport(session, entry.position, entry.refcount);
        return;
      }
      const question = session.questionsByPromise.get(ref);
      if (question) {
        session.questions.drop(question.position);
        for (const [key, value] of [...session.questionsByPromise]) if (value === question) session.questionsByPromise.delete(key);
        const label = this.options.dialect === 'python-suite' ? 'op:gc-answer' : 'op:gc-answers';
        session.send({ type: label, answerPositions: [question.position] });
        return;
      }
    }
    // A reference of a session that has ended: the end dropped its tables, so there is nothing
    // left to release (and nobody to tell). A scenario's release step after a peer aborted the
    // session is then a no-op — the wire shows no op:gc-*, which the gc checks judge — not a crash
    // that hides what ended the session (Goblins FINDINGS.md H2).
    if (this.endedReferences.has(ref)) return;
    throw new Error('release: not a reference imported or asked over a live session');
  }

  /**
   * Explicit GC by position: drop the import at `position` of the live session with `peer` (the
   * peer's export `position`) → `op:gc-exports [position] [delta]`, as `release` does for the
   * presence or promise itself. For scenarios that name a slot rather than a kickoff result.
   */
  releasePosition(peer: string, position: number): void {
    const session = this.liveByName(peer);
    if (!session) throw new Error(`release: no live session with ${peer}`);
    const entry = session.imports.get(BigInt(position));
    if (!entry) throw new Error(`release: no import at position ${position} from ${peer}`);
    this.releaseImport(session, entry.position, entry.refcount);
  }

  private releaseImport(session: Session, position: bigint, refcount: number): void {
    session.imports.drop(position);
    if (refcount > 0) {
      const label = this.options.dialect === 'python-suite' ? 'op:gc-export' : 'op:gc-exports';
      session.send({ type: label, exportPositions: [position], wireDeltas: [BigInt(refcount)] });
    }
  }

  private liveByName(peer: string): Session | undefined {
    return [...this.live.values()].find((s) => s.peerName === peer);
  }

  /** Every live session's tables, sessions ordered by peer name (introspect.ts). */
  tables(): TableSnapshot {
    const sessions = [...this.live.values()].sort((a, b) => (a.peerName < b.peerName ? -1 : a.peerName > b.peerName ? 1 : 0));
    return { node: this.name, sessions: sessions.map((s) => snapshotSession(s, this.gifts)) };
  }

  /** Graceful stop: every session ends without op:abort; the netlayer closes. */
  async shutdown(): Promise<void> {
    this.stopped = true;
    // The planted defect: the connection is already over (RST) when the session ends on it.
    if (this.options.defects?.stopResets === true) for (const session of this.sessions) session.connection.reset?.();
    for (const session of [...this.sessions]) session.end(breakReason('closed', 'shutdown'));
    for (const [key, cancel] of [...this.awaitingWinner]) {
      cancel();
      this.awaitingWinner.delete(key);
      this.failWaiters(key, breakReason('closed', `${this.name} is shut down`));
    }
    this.world.netlayer.shutdown();
  }

  exportState(): { [key: string]: unknown } {
    return { name: this.name, sturdyrefs: [...this.sturdyrefs.keys()].sort() };
  }
}
