/**
 * Reading third-party handoffs off the wire, for the gift checks: every `deposit-gift` a gifter
 * sent to an exporter's bootstrap, every `withdraw-gift` a receiver sent, the gift each one names,
 * and the exporter's answer to each withdraw.
 * Spec anchor: the CapTP draft's "Third Party Handoffs" (harness/ocapn/README.md): a gift is kept
 * by the exporter under (the Session ID of the gifter's session, the gift id); a withdraw carries
 * a signed `desc:handoff-receive` that wraps the gifter's signed `desc:handoff-give`, which names
 * that session and gift id.
 * View: the network's. The session a deposit arrived on is read from the exporter's own
 * `session-open` event for the gifter (the latest one before the deposit was written); a driver
 * that reports none leaves it unknown, and a deposit then matches withdraws by gift id alone.
 * A withdraw is answered by the exporter settling the resolver the withdraw named. A fulfilment
 * that carries a promise is no answer yet: the receiver listens on that promise and the answer is
 * the settlement of that listen (followed a few steps, on the same connection).
 */
import type { SentFrame, Transcript } from '../transcript/types.js';
import { indexTranscript, type TranscriptIndex } from './transcript-index.js';
import { argsOf, asDesc, isDeliver, methodOf, resolverOf, settlementOf, targetOf } from './wire-facts.js';

export interface GiftKey {
  exporter: string;
  /** Hex Session ID of the gifter's session with the exporter; undefined when not reported. */
  session?: string;
  /** Hex gift id. */
  giftId: string;
}

export interface Deposit {
  key: GiftKey;
  frame: SentFrame;
  gifter: string;
  /** seq of its delivery to the exporter; undefined when it never arrived. */
  arrivedSeq?: number;
}

export interface WithdrawAnswer {
  kind: 'fulfill' | 'break';
  /** The frame that settled the withdraw for good (after following promises). */
  frame: SentFrame;
  /** Every settlement frame on the way, the first answering the withdraw itself. */
  frames: SentFrame[];
}

export interface Withdraw {
  key: GiftKey;
  frame: SentFrame;
  receiver: string;
  /** seq of its delivery to the exporter; undefined when it never arrived. */
  arrivedSeq?: number;
  /** The exporter's final answer; undefined while none was sent. */
  answer?: WithdrawAnswer;
}

const hexOf = (node: unknown): string | undefined => {
  if (node && typeof node === 'object' && typeof (node as { bytes?: unknown }).bytes === 'string') return (node as { bytes: string }).bytes;
  return typeof node === 'string' ? node : undefined;
};

/** The handoff-give inside a withdraw's certificate: its session and gift id, if readable. */
export function giveOfWithdraw(op: SentFrame['op']): { session: string; giftId: string } | undefined {
  if (!op) return undefined;
  const envelope = (argsOf(op)[1] as { sigEnvelope?: { signed?: { handoffReceive?: { signedGive?: { signed?: { handoffGive?: Record<string, unknown> } } } } } } | undefined)?.sigEnvelope;
  const give = envelope?.signed?.handoffReceive?.signedGive?.signed?.handoffGive;
  const session = give ? hexOf(give.session) : undefined;
  const giftId = give ? hexOf(give.giftId) : undefined;
  return session !== undefined && giftId !== undefined ? { session, giftId } : undefined;
}

const toBootstrap = (f: SentFrame, method: string): boolean => {
  if (!f.op || !isDeliver(f.op) || methodOf(f.op) !== method) return false;
  const to = targetOf(f.op);
  return to?.kind === 'export' && to.position === 0;
};

/** Same gift: same exporter and gift id, and the same session where both are known. */
export function sameGift(a: GiftKey, b: GiftKey): boolean {
  return a.exporter === b.exporter && a.giftId === b.giftId && (a.session === undefined || b.session === undefined || a.session === b.session);
}

export function giftText(k: GiftKey): string {
  return `gift ${k.giftId.slice(0, 16)}${k.giftId.length > 16 ? '…' : ''} at ${k.exporter}`;
}

/** The exporter's Session ID with `peer` as of `seq` (its latest session-open before it). */
function sessionAt(t: Transcript, node: string, peer: string, seq: number): string | undefined {
  let found: string | undefined;
  for (const e of t.events) {
    if (e.seq > seq) break;
    if (e.kind === 'node' && e.node === node && e.event.type === 'session-open' && e.event.peer === peer) found = e.event.sessionId;
  }
  return found;
}

/** What finally settled the resolver at `position` of `asker` on `connection`, after `afterSeq`. */
function settle(index: TranscriptIndex, connection: string, asker: string, position: number, afterSeq: number, depth = 0): WithdrawAnswer | undefined {
  const s = index.sent.find((f) => f.connection === connection && f.target === asker && f.seq > afterSeq && f.op && settlementOf(f.op)?.resolver === position);
  if (!s) return undefined;
  const kind = settlementOf(s.op!)!.kind;
  const promise = kind === 'fulfill' ? asDesc(argsOf(s.op!)[1]) : undefined;
  if (promise?.kind !== 'import-promise' || depth >= 4) return { kind, frame: s, frames: [s] };
  // A promise: the asker listens on it (it names the promise as `desc:export P` of the settler).
  const listen = index.sent.find((f) => {
    if (f.connection !== connection || f.source !== asker || f.seq <= s.seq || !f.op) return false;
    const to = targetOf(f.op);
    return to?.kind === 'export' && to.position === promise.position && (f.op.op === 'op:listen' || isDeliver(f.op));
  });
  const resolver = listen?.op && resolverOf(listen.op);
  if (!listen || !resolver) return undefined;
  const next = settle(index, connection, asker, resolver.position, listen.seq, depth + 1);
  return next ? { ...next, frames: [s, ...next.frames] } : undefined;
}

export interface HandoffFacts {
  deposits: Deposit[];
  withdraws: Withdraw[];
}

const memo = new WeakMap<Transcript, HandoffFacts>();

export function handoffFacts(t: Transcript): HandoffFacts {
  const hit = memo.get(t);
  if (hit) return hit;
  const index = indexTranscript(t);
  const deposits: Deposit[] = [];
  const withdraws: Withdraw[] = [];
  for (const f of index.sent) {
    if (toBootstrap(f, 'deposit-gift')) {
      const giftId = hexOf(argsOf(f.op!)[1]);
      if (giftId === undefined) continue;
      const session = sessionAt(t, f.target, f.source, f.seq);
      const arrivedSeq = index.frames.get(f.frame)?.delivered?.seq;
      deposits.push({ key: { exporter: f.target, giftId, ...(session ? { session } : {}) }, frame: f, gifter: f.source, ...(arrivedSeq !== undefined ? { arrivedSeq } : {}) });
    } else if (toBootstrap(f, 'withdraw-gift')) {
      const give = giveOfWithdraw(f.op);
      if (!give) continue;
      const arrivedSeq = index.frames.get(f.frame)?.delivered?.seq;
      const resolver = resolverOf(f.op!);
      const answer = resolver ? settle(index, f.connection, f.source, resolver.position, f.seq) : undefined;
      withdraws.push({
        key: { exporter: f.target, ...give },
        frame: f,
        receiver: f.source,
        ...(arrivedSeq !== undefined ? { arrivedSeq } : {}),
        ...(answer ? { answer } : {}),
      });
    }
  }
  const facts = { deposits, withdraws };
  memo.set(t, facts);
  return facts;
}
