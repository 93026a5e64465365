/**
 * The gifter's side of a third-party handoff: a reference we imported from the exporter E (on
 * the G↔E session) is being written into a message for another peer R (on the G↔R session).
 * Spec: CapTP draft "Third Party Handoffs", "desc:handoff-give", "deposit-gift"
 * (harness/ocapn/README.md, "Third-party handoffs").
 * View: the gifter G. Instead of re-exporting (proxying) E's object to R, G
 *  1. picks a fresh gift id (32 bytes from the node's own random stream, so runs replay),
 *  2. sends `deposit-gift GIFT-ID <desc:export X>` to E's bootstrap over G↔E, one-way,
 *  3. writes, where the reference stands in R's message, a `desc:handoff-give` naming R's key
 *     on G↔R, E's location, the G↔E Session ID, G's Public ID on G↔E and the gift id, signed
 *     with G's secret key of G↔E.
 * R then withdraws the gift from E directly (handoff/receiver.ts); every later call goes R→E.
 * Ordering: the deposit and the give travel on different connections with no order between
 * them; E parks a withdraw until its deposit arrives (handoff/exporter.ts), so none is needed.
 * Guarantees: synchronous (it runs inside the serialisation of R's message); a message whose
 * encoding fails after the deposit left leaves that one gift unclaimed at E — it never corrupts
 * either session.
 */
import { encode } from '../syrup/index.js';
import { sign, type SessionKeyPair } from '../crypto/keys.js';
import { HandoffGive, OcapnPeer, SigEnvelope, writeHandoffGive, type PublicKey } from '../wire/index.js';
import type { PeerLocation, Random } from '../world.js';

/** What the gifter needs of the G↔E session: identity, keys, where E is, and a way to deposit. */
export interface GifterSession {
  readonly sessionId: Uint8Array | undefined;
  readonly keys: SessionKeyPair;
  readonly peerLocation: PeerLocation | undefined;
}

/** Bytes of a gift id (the draft asks for 32 random bytes). */
export const GIFT_ID_BYTES = 32;

export function newGiftId(random: Random): Uint8Array {
  return random.bytes(GIFT_ID_BYTES);
}

/**
 * The signed give for a gift already deposited (or about to be) on `toExporter` under `giftId`,
 * for the receiver whose key on the G↔R session is `receiverKey`.
 */
export function signedGive(toExporter: GifterSession, receiverKey: PublicKey, giftId: Uint8Array): SigEnvelope<HandoffGive> {
  const where = toExporter.peerLocation;
  if (!where || !toExporter.sessionId) throw new Error('handoff: the session with the exporter is not live');
  const body = new HandoffGive(receiverKey, new OcapnPeer(where.transport, where.designator, where.hints), toExporter.sessionId, toExporter.keys.publicId, giftId);
  return new SigEnvelope(body, sign(encode(writeHandoffGive(body)), toExporter.keys.secretKey));
}
