/**
 * The exporter's side of a third-party handoff: `deposit-gift` and `withdraw-gift` on the
 * bootstrap object.
 * Spec: CapTP draft "Third Party Handoffs", "desc:handoff-give", "desc:handoff-receive",
 * "withdraw-gift" (harness/ocapn/README.md, "Third-party handoffs").
 * View: the exporter E. A gifter G deposits a reference E hosts under a gift id on the G↔E
 * session; a receiver R withdraws it on the E↔R session with a handoff-receive certificate that
 * wraps G's signed handoff-give.
 * Guarantees: a gift is keyed by (the Session ID it was deposited on, its gift id) and handed out
 * once; a withdraw that arrives first waits for its deposit; every certificate or gift error
 * REJECTS that one withdraw with a reason naming the field at fault — it never ends a session
 * (the receiver's session stays usable, and the Python suite expects exactly this).
 */
import { harden } from '../endo-setup.js';
import { Remotable } from '@endo/pass-style';

/* eslint-disable @typescript-eslint/no-explicit-any */
const HP = (globalThis as any).HandledPromise as any;
import { encode } from '../syrup/index.js';
import { toHex } from '../syrup/bytes.js';
import { verify } from '../crypto/keys.js';
import { HandoffGive, writeHandoffGive, writeHandoffReceive, type PublicKey } from '../wire/index.js';
import type { TableEntry } from '../node-types.js';
import { presences } from '../captp/invoke.js';
import { certificateOf } from '../captp/receive-tokens.js';

/** What the exporter needs of a session: its identity, the peer's key, and whether it is live. */
export interface HandoffSession {
  readonly sessionId: Uint8Array | undefined;
  readonly peerPublicId: Uint8Array | undefined;
  readonly peerPublicKey: PublicKey | undefined;
  readonly state: string;
}

/**
 * The planted defect's answer: an object that stands for a gift not deposited yet and passes
 * every call on to it once it is. The receiver holds a final reference before the deposit.
 */
function standIn(gift: Promise<object>): object {
  let presence: object | undefined;
  new HP((_resolve: unknown, _reject: unknown, resolveWithPresence: (h: object) => object) => {
    presence = resolveWithPresence({
      applyMethod: (_p: unknown, method: unknown, args: unknown[]) => HP.applyMethod(gift, method, args),
      applyMethodSendOnly: (_p: unknown, method: unknown, args: unknown[]) => void HP.applyMethodSendOnly(gift, method, args),
      applyFunction: (_p: unknown, args: unknown[]) => HP.applyFunction(gift, args),
      applyFunctionSendOnly: (_p: unknown, args: unknown[]) => void HP.applyFunctionSendOnly(gift, args),
      get: (_p: unknown, name: unknown) => HP.get(gift, name),
    });
  });
  // A presence like an import's: calls on it are routed through its handler, not refused as a
  // local object without the method.
  presences.add(presence as object);
  return Remotable('Alleged: gift not deposited yet', undefined, presence);
}

function fail(reason: string): never {
  throw harden(new Error(`withdraw-gift: ${reason}`));
}

function sameBytes(a: Uint8Array | undefined, b: Uint8Array | undefined): boolean {
  if (!a || !b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

interface Deposit {
  ordinal: number;
  value: object;
}

/** One node's gifts and handoff bookkeeping, across all its sessions. */
export class GiftTable {
  /** Deposited, not yet withdrawn: by session hex, then gift id hex. */
  private readonly gifts = new Map<string, Map<string, Deposit>>();
  /** Withdraws waiting for their deposit, by the same key. */
  private readonly waiting = new Map<string, Array<(value: object) => void>>();
  /** Handoff counts already used on each E↔R session (a count is good once: replay protection). */
  private readonly usedCounts = new WeakMap<HandoffSession, Set<bigint>>();
  private deposits = 0;

  constructor(
    /** The live session with the given Session ID, if any (the G↔E session a give names). */
    private readonly sessionById: (sessionId: Uint8Array) => HandoffSession | undefined,
    /** Mutant `deposit-after-withdraw`: a withdraw that arrives first is answered at once. */
    private readonly answerEarly: () => boolean = () => false,
  ) {}

  deposit(on: HandoffSession, giftId: unknown, value: unknown): void {
    if (!on.sessionId) throw harden(new Error('deposit-gift: the session is not live'));
    if (!(giftId instanceof Uint8Array)) throw harden(new Error('deposit-gift: the gift id must be a bytestring'));
    if (value === null || (typeof value !== 'object' && typeof value !== 'function')) throw harden(new Error('deposit-gift: the gift must be a reference'));
    const session = toHex(on.sessionId);
    const key = `${session}/${toHex(giftId)}`;
    const waiter = this.waiting.get(key)?.shift();
    if (waiter) {
      if (this.waiting.get(key)!.length === 0) this.waiting.delete(key);
      waiter(value as object);
      return;
    }
    const bySession = this.gifts.get(session) ?? new Map<string, Deposit>();
    if (bySession.has(toHex(giftId))) throw harden(new Error(`deposit-gift: gift id ${toHex(giftId)} is already deposited on this session`));
    bySession.set(toHex(giftId), { ordinal: this.deposits++, value: value as object });
    this.gifts.set(session, bySession);
  }

  /** Checks the certificate (CapTP draft order), then hands out the gift or waits for it. */
  withdraw(on: HandoffSession, token: unknown): object | Promise<object> {
    const envelope = certificateOf(token);
    if (!envelope) fail('the argument must be a signed desc:handoff-receive');
    const receive = envelope.signed;
    if (!sameBytes(receive.receivingSession, on.sessionId)) fail('handoff-receive.receivingSession is not the Session ID of the session it arrived on');
    if (!sameBytes(receive.receivingSide, on.peerPublicId)) fail("handoff-receive.receivingSide is not the peer's Public ID on this session");
    const give = receive.signedGive.signed;
    if (!(give instanceof HandoffGive)) fail('handoff-receive.signedGive must wrap a desc:handoff-give');
    const gifter = this.sessionById(give.session);
    if (!gifter || gifter.state !== 'live' || !gifter.peerPublicKey) fail(`handoff-give.session ${toHex(give.session)} is not a live session of this node`);
    if (!verify(receive.signedGive.signature, encode(writeHandoffGive(give)), gifter.peerPublicKey)) {
      fail("handoff-give: invalid signature (not signed by the gifter's key of that session)");
    }
    if (!verify(envelope.signature, encode(writeHandoffReceive(receive)), give.receiverKey)) {
      fail('handoff-receive: invalid signature (not signed by the receiver key the gift names)');
    }
    const used = this.usedCounts.get(on) ?? new Set<bigint>();
    this.usedCounts.set(on, used);
    if (used.has(receive.handoffCount)) fail(`handoff-receive.handoffCount ${receive.handoffCount} was already used on this session (a replayed certificate)`);
    used.add(receive.handoffCount);

    const session = toHex(give.session);
    const id = toHex(give.giftId);
    const deposited = this.gifts.get(session)?.get(id);
    if (deposited) {
      this.gifts.get(session)!.delete(id);
      if (this.gifts.get(session)!.size === 0) this.gifts.delete(session);
      return deposited.value;
    }
    const key = `${session}/${id}`;
    const gift = new Promise<object>((resolve) => {
      const list = this.waiting.get(key) ?? [];
      list.push(resolve);
      this.waiting.set(key, list);
    });
    return this.answerEarly() ? standIn(gift) : gift;
  }

  /** The gifts deposited on one session and not yet withdrawn, in deposit order. */
  rows(on: HandoffSession, styleOf: (value: unknown) => string | undefined): TableEntry[] {
    if (!on.sessionId) return [];
    const bySession = this.gifts.get(toHex(on.sessionId));
    if (!bySession) return [];
    return [...bySession.values()]
      .sort((a, b) => a.ordinal - b.ordinal)
      .map((d) => {
        const row: TableEntry = { position: d.ordinal, kind: 'gift', refcount: 0 };
        const style = styleOf(d.value);
        if (style !== undefined) row.passStyle = style;
        return row;
      });
  }

  /** A session ended: its deposits can no longer be named by a valid give. */
  forget(on: HandoffSession): void {
    if (on.sessionId) this.gifts.delete(toHex(on.sessionId));
  }
}
