/**
 * The randomness endo's code draws, fed from the node's seeded World.random. The endo worker
 * bundle resolves `@noble/hashes/crypto` (what @noble/curves draws Ed25519 private keys from)
 * and `node:crypto` (endo's gift ids) to this module, so an endo node's keys are a function of
 * the seed and its transcripts replay byte for byte. One node per worker, so one stream.
 * Guarantees: a draw before the node was made throws instead of falling back to real entropy.
 */
import type { Random } from '../../ocapn/world.js';

let source: Random | undefined;

export function useSeededRandom(random: Random): void {
  source = random;
}

function draw(count: number): Uint8Array {
  if (!source) throw new Error('endo driver: randomness drawn before the node was made (no seeded source yet)');
  return source.bytes(count);
}

function fill<T extends ArrayBufferView | null>(array: T): T {
  if (array) new Uint8Array(array.buffer, array.byteOffset, array.byteLength).set(draw(array.byteLength));
  return array;
}

/** Stands in for `globalThis.crypto` where @noble/hashes looks for it. */
export const crypto = { getRandomValues: fill };

/** Stands in for `node:crypto`'s randomBytes (endo calls it for gift ids). */
export function randomBytes(count: number): Uint8Array {
  return draw(count);
}

export default { randomBytes, getRandomValues: fill };
