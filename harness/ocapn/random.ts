/**
 * Seeded randomness for everything simulated: xoshiro128** streams whose state is derived with
 * SHA-256 from (seed, label path). Forking by label keeps streams independent, so adding a draw
 * in one place never shifts another stream (`world.random.fork('link:a→b')`).
 * Not cryptographically strong on purpose: replay matters here, secrecy does not.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import type { Random } from './world.js';

const encoder = new TextEncoder();

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

function stateFrom(path: string): Uint32Array {
  const digest = sha256(encoder.encode(path));
  const state = new Uint32Array(4);
  const view = new DataView(digest.buffer, digest.byteOffset, digest.byteLength);
  for (let i = 0; i < 4; i++) state[i] = view.getUint32(i * 4, false);
  // xoshiro must not start from all zeros; SHA-256 makes that practically impossible, but a
  // zero state would silently yield a constant stream, so guard it anyway.
  if (state.every((w) => w === 0)) state[0] = 1;
  return state;
}

/** A deterministic Random for `seed`; `path` names the stream (forks append `/label`). */
export function makeRandom(seed: number | string, path = 'root'): Random {
  const s = stateFrom(`${seed}:${path}`);
  const nextU32 = (): number => {
    const result = (rotl((s[1] * 5) >>> 0, 7) * 9) >>> 0;
    const t = (s[1] << 9) >>> 0;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 11);
    return result;
  };
  return {
    nextU32,
    bytes(count: number): Uint8Array {
      const out = new Uint8Array(count);
      for (let i = 0; i < count; i += 4) {
        let word = nextU32();
        for (let j = i; j < Math.min(i + 4, count); j++) {
          out[j] = word & 0xff;
          word >>>= 8;
        }
      }
      return out;
    },
    fork: (label: string) => makeRandom(seed, `${path}/${label}`),
  };
}

/** Uniform integer in [0, n) without modulo bias worth caring about for n ≪ 2^32. */
export function randomInt(random: Random, n: number): number {
  return Math.floor((random.nextU32() / 2 ** 32) * n);
}

/** Uniform float in [0, 1). */
export function randomUnit(random: Random): number {
  return random.nextU32() / 2 ** 32;
}
