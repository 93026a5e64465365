/**
 * Received handoff-receive envelopes stand, for local code, as opaque tokens: unmarshalling makes
 * the token (references.ts), and the exporter's `withdraw-gift` reads the certificate back from it
 * (handoff/exporter.ts). It lives here, below handoff/, so that captp/ never imports handoff/.
 */
import { Far } from '@endo/pass-style';
import type { HandoffReceive, SigEnvelope } from '../wire/index.js';

const certificates = new WeakMap<object, SigEnvelope<HandoffReceive>>();

export function receiveToken(envelope: SigEnvelope<HandoffReceive>): object {
  const token = Far('HandoffReceive', {});
  certificates.set(token, envelope);
  return token;
}

/** The certificate a token stands for, or undefined for anything that is not such a token. */
export function certificateOf(token: unknown): SigEnvelope<HandoffReceive> | undefined {
  return token !== null && typeof token === 'object' ? certificates.get(token) : undefined;
}
