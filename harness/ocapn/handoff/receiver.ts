/**
 * The receiver's side of a third-party handoff: a signed `desc:handoff-give` arrived where a
 * reference stands.
 * Spec: CapTP draft "Third Party Handoffs", "desc:handoff-receive" (harness/ocapn/README.md,
 * "Third-party handoffs").
 * View: the receiver R. The gifter G sent us, on the G↔R session, a give naming the exporter E;
 * local code gets a promise at once, and we open (or reuse) the E↔R session, sign a
 * handoff-receive with OUR key of the G↔R session (the key the give names), and ask E's
 * bootstrap to `withdraw-gift`; the promise follows E's answer.
 * Guarantees: never throws into the frame being decoded — any failure (the give names another
 * receiver key, E cannot be reached, E refuses) rejects only that promise; handoff counts are
 * per E↔R session, from 0, never reused.
 */
import { harden } from '../endo-setup.js';
import { encode } from '../syrup/index.js';
import { sign, type SessionKeyPair } from '../crypto/keys.js';
import { HandoffReceive, SigEnvelope, writeHandoffReceive, type HandoffGive } from '../wire/index.js';
import { peerBootstrap } from '../captp/references.js';
import type { SessionPort } from '../captp/session-port.js';
import type { PeerLocation } from '../world.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
const HP = (globalThis as any).HandledPromise as any;

/** What the receiver needs of a session: its keys and, once live, its Session ID. */
export interface ReceiverSession extends SessionPort {
  readonly keys: SessionKeyPair;
  readonly sessionId: Uint8Array | undefined;
}

const nextCounts = new WeakMap<object, bigint>();

/** The local stand-ins for gifts being withdrawn: a promise fulfilled with one was shortened. */
const handoffPromises = new WeakSet<object>();

export function isHandoffPromise(value: unknown): boolean {
  return typeof value === 'object' && value !== null && handoffPromises.has(value);
}

function takeHandoffCount(session: object): bigint {
  const count = nextCounts.get(session) ?? 0n;
  nextCounts.set(session, count + 1n);
  return count;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

export function followHandoff(
  from: ReceiverSession,
  envelope: SigEnvelope<HandoffGive>,
  open: (location: PeerLocation) => Promise<ReceiverSession>,
): Promise<unknown> {
  const give = envelope.signed;
  const gift: Promise<unknown> = (async () => {
    if (!sameBytes(give.receiverKey.q, from.keys.publicKey.q)) {
      throw harden(new Error('handoff: handoff-give.receiverKey is not our key on the session the gift arrived on'));
    }
    const where = give.exporterLocation;
    const exporter = await open({ transport: where.transport, designator: where.designator, hints: where.hints });
    const body = new HandoffReceive(exporter.sessionId!, exporter.keys.publicId, takeHandoffCount(exporter), envelope);
    const certificate = new SigEnvelope(body, sign(encode(writeHandoffReceive(body)), from.keys.secretKey));
    return HP.applyMethod(peerBootstrap(exporter), 'withdraw-gift', [certificate]);
  })();
  gift.catch(() => {});
  handoffPromises.add(gift);
  return gift;
}
