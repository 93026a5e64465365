/**
 * Codec benchmark on the seeded 10,000-frame `op:deliver` corpus of `tests/bench/corpus.md`:
 * builds the corpus exactly (checks its SHA-256), then times encodeOp and decodeOp over every
 * frame one at a time — 2 warm-up passes, 7 timed, median — and prints MB/s (10^6 bytes) and
 * messages/s beside endo's figures on the same bytes. Numbers only, never asserted.
 */
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { decode, encode, sym } from '../../harness/ocapn/syrup/index.js';
import { makeStruct, type Passable } from '../../harness/ocapn/passable/index.js';
import { RefDesc, decodeOp, encodeOp, opToSyrup, type Op } from '../../harness/ocapn/wire/index.js';
import { makeXorshift32 } from '../unit/ocapn/syrup/_prng.js';

export const CORPUS_SHA256 = '74fd2411fd2fb0b675a8738bf09c494d8ce754bb8f9cc54bbe97c1730a6e9056';
/** endo's codec on the same corpus, same machine class and sitting (`tests/bench/corpus.md`). */
const ENDO = { encodeMBps: 15.5, decodeMBps: 21.6 };

const METHODS = ['deposit', 'withdraw', 'get-balance', 'transfer', 'subscribe', 'notify', 'query', 'make-car'];
const KEYS = ['alpha', 'brave', 'cargo', 'delta', 'eagle', 'fable', 'gamma', 'hotel', 'index', 'joker', 'kilos', 'lemon', 'metal', 'nodes', 'omega', 'plumb'];
const ALPHA = 'abcdefghijklmnopqrstuvwxyz0123456789 ';

/** The corpus recipe, draw for draw. */
export function buildCorpus(): Op[] {
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
  const ops: Op[] = [];
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

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function timePasses(pass: () => void): number {
  for (let i = 0; i < 2; i++) pass();
  const times: number[] = [];
  for (let i = 0; i < 7; i++) {
    const t0 = performance.now();
    pass();
    times.push((performance.now() - t0) / 1000);
  }
  return median(times);
}

export async function run(): Promise<void> {
  const ops = buildCorpus();
  const frames = ops.map((op) => encodeOp(op));
  const total = frames.reduce((n, f) => n + f.length, 0);
  const hash = createHash('sha256');
  for (const f of frames) hash.update(f);
  const sha = hash.digest('hex');
  console.log(`corpus: ${frames.length} op:deliver frames, ${total} bytes, sha256 ${sha} ${sha === CORPUS_SHA256 ? '(matches tests/bench/corpus.md)' : '(MISMATCH with tests/bench/corpus.md)'}`);

  const line = (what: string, seconds: number, endo?: number) => {
    const mbps = total / 1e6 / seconds;
    const msgs = frames.length / seconds;
    const cmp = endo ? `   endo ${endo} MB/s (×${(mbps / endo).toFixed(1)})` : '';
    console.log(`${what.padEnd(28)} ${mbps.toFixed(1).padStart(7)} MB/s ${Math.round(msgs).toString().padStart(8)} msgs/s${cmp}`);
  };
  line('encodeOp (op → bytes)', timePasses(() => ops.forEach((op) => encodeOp(op))), ENDO.encodeMBps);
  line('decodeOp (bytes → op)', timePasses(() => frames.forEach((f) => decodeOp(f))), ENDO.decodeMBps);
  const values = ops.map((op) => opToSyrup(op));
  line('syrup encode only', timePasses(() => values.forEach((v) => encode(v))));
  line('syrup decode only', timePasses(() => frames.forEach((f) => decode(f))));
}
