/**
 * Session keys and identifiers: Ed25519 key pairs, Public ID and Session ID.
 * Spec: CapTP draft "Cryptography" (checked against the `derived:*` vectors in fixtures/vectors).
 * View: one node; every connection gets its own key pair, derived from the node's identity seed
 * and a per-node connection counter so the same seed and the same order of connections give the
 * same bytes on the wire (docs/architecture.md, "Determinism"). Ed25519 signing is deterministic (RFC 8032), so
 * signatures are reproducible too.
 * Guarantees: synchronous, no ambient randomness (@noble/curves + @noble/hashes only).
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { encode } from '../syrup/index.js';
import { PublicKey, Signature, writePublicKey } from '../wire/components.js';

export interface SessionKeyPair {
  readonly secretKey: Uint8Array;
  readonly publicKey: PublicKey;
  /** SHA-256(SHA-256(syrup(public-key list))), 32 bytes. */
  readonly publicId: Uint8Array;
}

const encoder = new TextEncoder();

/**
 * The secret key of connection number `counter`: SHA-256 over a domain label, the identity seed
 * and the counter. A KDF instead of the injected Random so a key never depends on how many
 * other draws happened before it (restart with `keep` re-derives the same identity stream).
 */
export function deriveSessionSecret(identitySeed: Uint8Array, counter: number, incarnation = 0): Uint8Array {
  const label = encoder.encode('ocapn-conformance/session-key/v1');
  const input = new Uint8Array(label.length + identitySeed.length + 8);
  input.set(label, 0);
  input.set(identitySeed, label.length);
  const view = new DataView(input.buffer);
  // The incarnation is mixed in so a restarted node never reuses a previous life's session keys.
  view.setUint32(label.length + identitySeed.length, incarnation >>> 0, false);
  view.setUint32(label.length + identitySeed.length + 4, counter >>> 0, false);
  return sha256(input);
}

export function keyPairFromSecret(secretKey: Uint8Array): SessionKeyPair {
  const publicKey = new PublicKey(ed25519.getPublicKey(secretKey));
  return { secretKey, publicKey, publicId: publicIdOf(publicKey) };
}

export function makeSessionKeyPair(identitySeed: Uint8Array, counter: number, incarnation = 0): SessionKeyPair {
  return keyPairFromSecret(deriveSessionSecret(identitySeed, counter, incarnation));
}

/** Public ID = SHA-256(SHA-256(the 96-byte Syrup encoding of the public-key list)). */
export function publicIdOf(key: PublicKey): Uint8Array {
  return sha256(sha256(encode(writePublicKey(key))));
}

/** Session ID = SHA-256(SHA-256("prot0" ‖ lower Public ID ‖ higher Public ID)). */
export function sessionIdOf(a: Uint8Array, b: Uint8Array): Uint8Array {
  const [lo, hi] = compareIds(a, b) <= 0 ? [a, b] : [b, a];
  const prefix = encoder.encode('prot0');
  const input = new Uint8Array(prefix.length + lo.length + hi.length);
  input.set(prefix, 0);
  input.set(lo, prefix.length);
  input.set(hi, prefix.length + lo.length);
  return sha256(sha256(input));
}

/** Bytewise comparison of two IDs (crossed hellos compare Public IDs this way). */
export function compareIds(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

export function sign(message: Uint8Array, secretKey: Uint8Array): Signature {
  const sig = ed25519.sign(message, secretKey);
  return new Signature(sig.slice(0, 32), sig.slice(32, 64));
}

/** False on any malformed input as well as on a wrong signature: a peer's bytes never throw. */
export function verify(signature: Signature, message: Uint8Array, publicKey: PublicKey): boolean {
  const sig = new Uint8Array(64);
  sig.set(signature.r, 0);
  sig.set(signature.s, 32);
  try {
    return ed25519.verify(sig, message, publicKey.q);
  } catch {
    return false;
  }
}

