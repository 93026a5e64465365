/**
 * Test helper: hand-built third-party handoffs for the gift checks. g gifts e's object to r:
 * `deposit-gift` on the g↔e session, a `withdraw-gift` with a certificate naming that session and
 * the gift id on the r↔e session, and e's answer to it.
 */
import type { OpViewJson } from '../../../harness/transcript/types.js';
import { TranscriptBuilder, exp, imo, imp, op, sym } from './_transcript-builder.js';

export const SESSION_GE = 'aa'.repeat(32);
export const GIFT = '01'.repeat(16);

export const deposit = (giftId = GIFT, position = 1): OpViewJson => op.deliver(exp(0), [sym('deposit-gift'), { bytes: giftId }, exp(position)]);

export function certificate(session = SESSION_GE, giftId = GIFT, count = 0): unknown {
  const give = { handoffGive: { receiverKey: 'cc'.repeat(32), exporterLocation: { transport: 'sim', designator: 'e', hints: false }, session, gifterSide: 'dd'.repeat(32), giftId: { bytes: giftId } } };
  return { sigEnvelope: { signed: { handoffReceive: { receivingSession: 'bb'.repeat(32), receivingSide: 'ee'.repeat(32), handoffCount: count, signedGive: { signed: give, signature: { r: '11', s: '22' } } } }, signature: { r: '33', s: '44' } } };
}

export const withdraw = (resolver: number, cert = certificate()): OpViewJson => op.deliver(exp(0), [sym('withdraw-gift'), cert], false, imo(resolver));

/** Three sessions g↔e, r↔e, g↔r with e's session-open events; nothing gifted yet. */
export function handoffWorld() {
  const b = new TranscriptBuilder(['g', 'e', 'r']);
  const ge = b.session('g', 'e');
  b.nodeEvent('e', { type: 'session-open', peer: 'g', sessionId: SESSION_GE });
  const re = b.session('r', 'e');
  b.nodeEvent('e', { type: 'session-open', peer: 'r', sessionId: 'bb'.repeat(32) });
  return { b, ge, re };
}

export { exp, imo, imp, op, sym };
