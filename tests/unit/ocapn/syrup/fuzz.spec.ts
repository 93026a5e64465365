/**
 * Goal: the codec never crashes, hangs or accepts non-canonical bytes, and every passable
 * round-trips.
 * Method: seeded xorshift32 (no Math.random). (1) random passables → bytes → passable, equal, in
 * each dialect they are valid for; (2) random byte strings from the Syrup alphabet and (3)
 * mutations of valid messages go through decode/decodeOp: only SyrupDecodeError/OpDecodeError
 * may escape, and whatever is accepted (Syrup key order) re-encodes to the identical bytes.
 * Prints how many cases ran.
 */
import { test, expect } from '@playwright/test';
import { SyrupDecodeError, decode, encode, sym } from '../../../../harness/ocapn/syrup/index.js';
import { PassableDecodeError, decodePassable, encodePassable } from '../../../../harness/ocapn/wire/index.js';
import { OcapnPeer, OpDecodeError, RefDesc, Sturdyref, encodeOp, opFromSyrup, toValueView, type Op } from '../../../../harness/ocapn/wire/index.js';
import { makeXorshift32, type Prng } from './_prng.js';
import { makePassableGenerator } from '../_random-passables.js';

const CHARS = ['a', 'b', 'z', ' ', '0', '"', "'", ':', '{', 'é', 'ß', '中', '🦊', '\u0000', '\ufeff'];

function randomText(p: Prng, astral: boolean): string {
  let s = '';
  const n = p.r(8);
  for (let i = 0; i < n; i++) {
    const c = p.pick(CHARS);
    s += !astral && c === '🦊' ? 'x' : c;
  }
  return s;
}

const randomPassable = makePassableGenerator({
  text: randomText,
  integer: (p) => (p.r(3) === 0 ? BigInt(p.next()) * BigInt(p.next()) * (p.r(2) ? -1n : 1n) : BigInt(p.r(200)) - 100n),
  float: (p, dialect) => {
    const specials = [0, NaN, Infinity, -Infinity, 1.5, -2.25e300, 5e-324];
    if (dialect !== 'endo') specials.push(-0);
    return p.r(2) ? p.pick(specials) : (p.next() / 2 ** 32) * 1000 - 500;
  },
  bytes: (p) => Uint8Array.from({ length: p.r(12) }, () => p.r(256)),
  extra: [(p, dialect) => new Sturdyref(new OcapnPeer('tcp', randomText(p, dialect !== 'endo'), p.r(2) ? false : { host: '127.0.0.1' }), Uint8Array.of(p.r(256)))],
});

const ALPHABET = '0123456789+-:"\'tfDF[]{}<>#$ab'.split('').map((c) => c.charCodeAt(0));

function randomBytes(p: Prng): Uint8Array {
  return Uint8Array.from({ length: p.r(40) }, () => (p.r(8) === 0 ? p.r(256) : p.pick(ALPHABET)));
}

function mutate(p: Prng, bytes: Uint8Array): Uint8Array {
  const out = [...bytes];
  for (let k = 1 + p.r(3); k > 0; k--) {
    const at = p.r(out.length + 1);
    switch (p.r(4)) {
      case 0:
        out[at] = p.r(2) ? p.pick(ALPHABET) : p.r(256);
        break;
      case 1:
        out.splice(at, 0, p.pick(ALPHABET));
        break;
      case 2:
        out.splice(at, 1);
        break;
      default:
        out.length = Math.min(out.length, at);
    }
  }
  return Uint8Array.from(out.filter((b) => b !== undefined));
}

/** JSON with object keys sorted: struct entry order is the encoder's choice, not the value's. */
function sortedJson(x: unknown): string {
  if (Array.isArray(x)) return `[${x.map(sortedJson).join(',')}]`;
  if (x && typeof x === 'object') {
    const o = x as Record<string, unknown>;
    return `{${Object.keys(o).sort().map((k) => `${JSON.stringify(k)}:${sortedJson(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(x);
}

const SEED_OPS: Op[] = [
  { type: 'op:deliver', to: new RefDesc('desc:export', 5n), args: [sym('fetch'), Uint8Array.of(1, 2), { a: 1n, bb: [true, 'x'] }], answer: 3n, resolveMe: new RefDesc('desc:import-object', 2n) },
  { type: 'op:listen', to: new RefDesc('desc:answer', 1n), resolveMe: new RefDesc('desc:import-promise', 2n), wantsPartial: false },
  { type: 'op:gc-exports', exportPositions: [1n, 2n], wireDeltas: [3n, 1n] },
  { type: 'op:get', receiver: new RefDesc('desc:export', 3n), fieldName: 'f', answer: 9n },
  { type: 'op:flush', to: new RefDesc('desc:export', 1n), confirm: new RefDesc('desc:import-object', 4n) },
  { type: 'op:abort', reason: 'bye' },
];

/** Feeds one input to every reader; returns 1 when it was accepted by the Syrup layer. */
function probe(bytes: Uint8Array): number {
  let value;
  try {
    value = decode(bytes, { dictOrder: 'syrup' });
  } catch (error) {
    if (!(error instanceof SyrupDecodeError)) throw error;
    return 0;
  }
  // Strictness: anything accepted is already canonical.
  expect(Buffer.from(encode(value)).equals(Buffer.from(bytes))).toBe(true);
  try {
    opFromSyrup(value);
  } catch (error) {
    if (!(error instanceof OpDecodeError)) throw error;
  }
  try {
    decodePassable(bytes);
  } catch (error) {
    if (!(error instanceof PassableDecodeError)) throw error;
  }
  return 1;
}

test('fuzz: random passables round-trip in every dialect', () => {
  const p = makeXorshift32(0x5eed0001);
  let n = 0;
  const bad: string[] = [];
  for (const dialect of ['spec', 'endo', 'python-suite'] as const) {
    for (let i = 0; i < 3000; i++) {
      const value = randomPassable(p, 0, dialect);
      const bytes = encodePassable(value, { dialect });
      const back = decodePassable(bytes, { dialect });
      // The value view is lossless for passables (floats, bigints, selectors vs strings); a
      // string compare keeps 9000 cases fast where a deep toEqual takes minutes.
      if (sortedJson(toValueView(back)) !== sortedJson(toValueView(value))) bad.push(`${dialect} #${i}`);
      n++;
    }
  }
  console.log(`fuzz: ${n} random passables round-tripped`);
  expect(bad).toEqual([]);
  expect(n).toBe(9000);
});

test('fuzz: random and mutated bytes only ever raise decode errors', () => {
  const p = makeXorshift32(0x5eed0002);
  let cases = 0;
  let accepted = 0;
  for (let i = 0; i < 8000; i++, cases++) accepted += probe(randomBytes(p));
  const seeds = SEED_OPS.map((op) => encodeOp(op));
  for (let i = 0; i < 6000; i++, cases++) accepted += probe(mutate(p, p.pick(seeds)));
  for (let i = 0; i < 3000; i++, cases++) accepted += probe(mutate(p, encodePassable(randomPassable(p, 0, 'spec'))));
  console.log(`fuzz: ${cases} byte strings probed, ${accepted} accepted (and canonical)`);
  expect(cases).toBe(17000);
  expect(accepted).toBeGreaterThan(100);
});

test('fuzz: deep nesting is refused cleanly, not by stack overflow', () => {
  const deep = new Uint8Array(100_000).fill(0x5b);
  expect(() => decode(deep)).toThrow(/too-deep/);
  const wide = Buffer.from('9'.repeat(40) + ':', 'latin1');
  expect(() => decode(wide)).toThrow(/truncated/);
});
