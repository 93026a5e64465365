/**
 * The seeded 10,000-frame `op:deliver` corpus of the codec benchmark (recipe: tests/bench/corpus.md), draw for draw, and the
 * timing rule every codec figure follows (MB = 10^6 bytes; `gc()` before each pass; 2 warm-up
 * passes, 7 timed, median). Shared by the bench (our codec) and the endo worker (endo's codec
 * on values built from the same ops), so both sides measure exactly the same messages.
 */
import { performance } from 'node:perf_hooks';
import { sym } from '../../harness/ocapn/syrup/index.js';
import { makeStruct, type Passable } from '../../harness/ocapn/wire/index.js';
import { RefDesc, type OpDeliver } from '../../harness/ocapn/wire/index.js';
import { makeXorshift32 } from '../unit/ocapn/syrup/_prng.js';

/** SHA-256 of the 10,000 encoded messages, concatenated (8,699,179 bytes). */
export const CORPUS_SHA256 = '74fd2411fd2fb0b675a8738bf09c494d8ce754bb8f9cc54bbe97c1730a6e9056';
export const WARMUP_PASSES = 2;
export const TIMED_PASSES = 7;

const METHODS = ['deposit', 'withdraw', 'get-balance', 'transfer', 'subscribe', 'notify', 'query', 'make-car'];
const KEYS = ['alpha', 'brave', 'cargo', 'delta', 'eagle', 'fable', 'gamma', 'hotel', 'index', 'joker', 'kilos', 'lemon', 'metal', 'nodes', 'omega', 'plumb'];
const ALPHA = 'abcdefghijklmnopqrstuvwxyz0123456789 ';

/** The corpus recipe, draw for draw. */
export function buildCorpus(): OpDeliver[] {
  const { next, r } = makeXorshift32(0x2545f491);
  const text = (length: number) => {
    let s = '';
    for (let i = 0; i < length; i++) s += ALPHA[r(37)];
    return s;
  };
  const value = (d: number): Passable => {
    switch (r(d < 2 ? 8 : 6)) {
      case 0:
        return text(4 + r(60));
      case 1: {
        if (r(2) === 0) return BigInt(r(1000));
        const hi = BigInt(next());
        const lo = BigInt(next());
        const n = hi * 2n ** 32n + lo;
        return r(2) === 1 ? -n : n;
      }
      case 2: {
        const length = 16 + r(240);
        return Uint8Array.from({ length }, () => r(256));
      }
      case 3:
        return r(2) === 1;
      case 4:
        return (next() / 2 ** 32) * 1000 - 500;
      case 5:
        return text(60 + r(300));
      case 6:
        return Array.from({ length: r(8) }, () => value(d + 1));
      default: {
        const count = r(6) + 1;
        const keys = [...new Set(Array.from({ length: count }, () => KEYS[r(16)]))].sort();
        return makeStruct(keys.map((k) => [k, value(d + 1)] as const));
      }
    }
  };
  const ops: OpDeliver[] = [];
  for (let i = 0; i < 10_000; i++) {
    const to = new RefDesc('desc:export', BigInt(r(16)));
    const args: Passable[] = [sym(METHODS[r(8)])];
    const k = 3 + r(6);
    for (let j = 0; j < k; j++) args.push(value(0));
    const answer = r(4) === 0 ? false : BigInt(i);
    const resolveMe = r(4) === 0 ? false : new RefDesc('desc:import-object', BigInt(r(64)));
    ops.push({ type: 'op:deliver', to, args, answer, resolveMe });
  }
  return ops;
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** `gc()` when the process runs with --expose-gc (the bench command sees to that). */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** One pass in seconds, after a full collection so no pass pays for the previous one's garbage. */
export function timeOnePass(pass: () => void): number {
  collectGarbage();
  const t0 = performance.now();
  pass();
  return (performance.now() - t0) / 1000;
}
