/**
 * Goal: the codec's fast paths change speed, never bytes or verdicts. (1) `encode` equals a
 * deliberately naive Syrup writer (encode every part, sort dictionary keys and set members,
 * concatenate) on random values with long and non-ASCII strings, big integers, unordered and
 * nested dictionaries; (2) `encodeOp` (written straight to bytes) equals `encode(opToSyrup(op))`;
 * (3) `decodeOp` (op:deliver read straight from bytes) returns what `opFromSyrup(decode(bytes))`
 * returns, and for mutated bytes throws the same error class and message.
 * Method: seeded xorshift32 generators, every dialect.
 */
import { test, expect } from '@playwright/test';
import {
  Sym,
  SyrupDecodeError,
  SyrupDict,
  SyrupEncodeError,
  SyrupRecord,
  SyrupSet,
  decode,
  encode,
  sym,
  type Dialect,
  type SyrupValue,
} from '../../../../harness/ocapn/syrup/index.js';
import { RefDesc, decodeOp, encodeOp, opFromSyrup, opToSyrup, toOpView, type Op } from '../../../../harness/ocapn/wire/index.js';
import { makeXorshift32, type Prng } from '../syrup/_prng.js';
import { makePassableGenerator } from '../_random-passables.js';

const DIALECTS: Dialect[] = ['spec', 'endo', 'python-suite'];
const PIECES = ['a', 'b', 'zz', ' ', '0', 'é', 'ß', '中', '🦊', 'key', 'Key', '~'];

function text(p: Prng, astral: boolean): string {
  // Lengths on both sides of the short/long string threshold (24 code units).
  const n = p.pick([0, 1, 3, 5, 12, 23, 24, 25, 40, 90]);
  let s = '';
  while (s.length < n) {
    const piece = p.r(4) === 0 ? p.pick(PIECES) : String.fromCharCode(0x61 + p.r(26));
    s += !astral && piece === '🦊' ? 'x' : piece;
  }
  return s;
}

function bigint(p: Prng): bigint {
  const n = p.pick([0n, 7n, 2n ** 53n - 1n, 2n ** 53n, 2n ** 64n + 3n, BigInt(p.next()) * BigInt(p.next()), BigInt(p.r(100000))]);
  return p.r(2) ? -n : n;
}

function float(p: Prng, dialect: Dialect): number {
  const specials = [0, NaN, Infinity, -Infinity, 1.5, 5e-324];
  if (dialect !== 'endo') specials.push(-0);
  return p.r(2) ? p.pick(specials) : (p.next() / 2 ** 32) * 1e6 - 5e5;
}

function syrupValue(p: Prng, depth: number, dialect: Dialect): SyrupValue {
  const astral = dialect !== 'endo';
  switch (p.r(depth > 3 ? 6 : 10)) {
    case 0:
      return p.r(2) === 1;
    case 1:
      return bigint(p);
    case 2:
      return float(p, dialect);
    case 3:
      return text(p, astral);
    case 4:
      return new Sym(text(p, true));
    case 5:
      return Uint8Array.from({ length: p.pick([0, 3, 30, 300]) }, () => p.r(256));
    case 6:
      return Array.from({ length: p.r(5) }, () => syrupValue(p, depth + 1, dialect));
    case 7: {
      // Keys in generation order (often unsorted); mixed key kinds sometimes.
      const keys = new Map<string, SyrupValue>();
      for (let i = p.r(6); i > 0; i--) {
        const k: SyrupValue = p.r(5) === 0 ? bigint(p) : text(p, astral);
        keys.set(typeof k === 'bigint' ? `i${k}` : `s${k}`, k);
      }
      return new SyrupDict([...keys.values()].map((k) => [k, syrupValue(p, depth + 1, dialect)]));
    }
    case 8: {
      const items = new Map<string, SyrupValue>();
      for (let i = p.r(5); i > 0; i--) {
        const v = p.r(2) ? bigint(p) : text(p, astral);
        items.set(`${typeof v}:${v}`, v);
      }
      return new SyrupSet([...items.values()]);
    }
    default:
      return new SyrupRecord(new Sym(text(p, true)), Array.from({ length: p.r(4) }, () => syrupValue(p, depth + 1, dialect)));
  }
}

const utf8 = (s: string) => [...Buffer.from(s, 'utf8')];

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

/** Syrup as the spec words it, with no cleverness: the oracle for the writer. */
function naive(v: SyrupValue, dialect: Dialect): number[] {
  const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));
  if (typeof v === 'boolean') return ascii(v ? 't' : 'f');
  if (typeof v === 'bigint') return ascii(v < 0n ? `${-v}-` : `${v}+`);
  if (typeof v === 'number') {
    const b = Buffer.alloc(8);
    if (Number.isNaN(v)) b.writeUInt32BE(0x7ff80000, 0);
    else b.writeDoubleBE(dialect === 'endo' && v === 0 ? 0 : v, 0);
    return [0x44, ...b];
  }
  if (typeof v === 'string') return [...ascii(`${utf8(v).length}"`), ...utf8(v)];
  if (v instanceof Sym) return [...ascii(`${utf8(v.name).length}'`), ...utf8(v.name)];
  if (v instanceof Uint8Array) return [...ascii(`${v.length}:`), ...v];
  if (Array.isArray(v)) return [0x5b, ...v.flatMap((x) => naive(x, dialect)), 0x5d];
  if (v instanceof SyrupSet) {
    const items = v.items.map((x) => naive(x, dialect)).sort(compare);
    return [0x23, ...items.flat(), 0x24];
  }
  if (v instanceof SyrupDict) {
    const entries = v.entries.map(([k, x]) => ({ k, key: naive(k, dialect), value: naive(x, dialect) }));
    const jsOrder = dialect === 'endo' && entries.every((e) => typeof e.k === 'string');
    entries.sort(jsOrder ? (a, b) => ((a.k as string) < (b.k as string) ? -1 : 1) : (a, b) => compare(a.key, b.key));
    return [0x7b, ...entries.flatMap((e) => [...e.key, ...e.value]), 0x7d];
  }
  const r = v as SyrupRecord;
  return [0x3c, ...naive(r.label, dialect), ...r.fields.flatMap((x) => naive(x, dialect)), 0x3e];
}

test('encode equals the naive writer on random values in every dialect', () => {
  const p = makeXorshift32(0xc0dec001);
  let n = 0;
  for (const dialect of DIALECTS) {
    for (let i = 0; i < 300; i++) {
      const v = syrupValue(p, 0, dialect);
      expect(Buffer.from(encode(v, { dialect })).toString('hex')).toBe(Buffer.from(naive(v, dialect)).toString('hex'));
      n++;
    }
  }
  expect(n).toBe(900);
});

test('encode refuses duplicates and lone surrogates on the long-string path too', () => {
  const long = 'x'.repeat(40);
  expect(() => encode(`${long}\ud800`)).toThrow(SyrupEncodeError);
  expect(() => encode(new Sym(`\udc00${long}`))).toThrow(/lone surrogate/);
  expect(() => encode(`${long}🦊`, { dialect: 'endo' })).toThrow(/above U\+FFFF/);
  expect(encode(`${long}🦊`).length).toBe(3 + 44);
  expect(() => encode(new SyrupDict([[long, 1n], ['a', 2n], [long, 3n]]))).toThrow(/duplicate dictionary key/);
  expect(() => encode(new SyrupSet([2n, 1n, 2n]))).toThrow(/duplicate set member/);
});

const passable = makePassableGenerator({
  text,
  integer: bigint,
  float,
  bytes: (p) => Uint8Array.from({ length: p.pick([0, 5, 100]) }, () => p.r(256)),
});

function deliver(p: Prng, dialect: Dialect, i: number): Op {
  return {
    type: 'op:deliver',
    to: new RefDesc(p.r(2) ? 'desc:export' : 'desc:answer', BigInt(p.r(20))),
    args: [sym('go'), ...Array.from({ length: p.r(5) }, () => passable(p, 0, dialect))],
    answer: p.r(3) === 0 ? false : BigInt(i),
    resolveMe: p.r(3) === 0 ? false : new RefDesc(p.r(2) ? 'desc:import-object' : 'desc:import-promise', BigInt(p.r(64))),
  };
}

function mutate(p: Prng, bytes: Uint8Array): Uint8Array {
  const out = [...bytes];
  const at = p.r(out.length);
  switch (p.r(3)) {
    case 0:
      out[at] = p.pick([0x5b, 0x5d, 0x7b, 0x7d, 0x3c, 0x3e, 0x30, 0x31, 0x2b, 0x2d, 0x22, 0x27, 0x3a, 0x66, 0x23, p.r(256)]);
      break;
    case 1:
      out.splice(at, 1);
      break;
    default:
      out.length = at;
  }
  return Uint8Array.from(out);
}

/** The lossless operation view as text: a cheap exact comparison of two ops. */
const shown = (op: Op) => JSON.stringify(toOpView(op));

/** What the value route says about `bytes`: the op, or the error's class and message. */
function slowVerdict(bytes: Uint8Array, dialect: Dialect): string {
  try {
    return shown(opFromSyrup(decode(bytes, { dialect }), dialect));
  } catch (error) {
    return `${(error as Error).name}: ${(error as Error).message}`;
  }
}

function fastVerdict(bytes: Uint8Array, dialect: Dialect): string {
  try {
    return shown(decodeOp(bytes, dialect));
  } catch (error) {
    return `${(error as Error).name}: ${(error as Error).message}`;
  }
}

test('encodeOp and decodeOp agree with the value route, also on broken bytes', () => {
  const p = makeXorshift32(0xc0dec002);
  let ops = 0;
  let broken = 0;
  for (const dialect of DIALECTS) {
    for (let i = 0; i < 150; i++) {
      const op = deliver(p, dialect, i);
      const bytes = encodeOp(op, dialect);
      expect(Buffer.from(bytes).equals(Buffer.from(encode(opToSyrup(op), { dialect })))).toBe(true);
      expect(fastVerdict(bytes, dialect)).toEqual(slowVerdict(bytes, dialect));
      ops++;
      for (let k = 0; k < 3; k++) {
        const bad = mutate(p, bytes);
        const verdict = fastVerdict(bad, dialect);
        expect(verdict).toEqual(slowVerdict(bad, dialect));
        if (verdict.includes('Error: ')) broken++;
      }
    }
  }
  expect(ops).toBe(450);
  expect(broken).toBeGreaterThan(700);
});

test('a passable that cannot be written fails encodeOp with the value route error', () => {
  const op = { type: 'op:deliver', to: new RefDesc('desc:export', 1n), args: ['x'.repeat(30) + '\ud800', new Map()], answer: false, resolveMe: false } as unknown as Op;
  expect(() => encodeOp(op)).toThrow(/not a passable: Map/);
  expect(() => decodeOp(Uint8Array.of(0x3c))).toThrow(SyrupDecodeError);
});

test('decodeOp agrees with the value route on near-miss op:deliver frames', () => {
  const frames = [
    `<10'op:deliver<11'desc:export1+>[2'go]3-f>`, // negative answer position
    `<10'op:deliver<11'desc:export1->[2'go]f f>`, // negative export position
    `<10'op:deliver<11'desc:export1+>[2'go{1+1"a}]ff>`, // struct with an integer key
    `<10'op:deliver<11'desc:export1+>[2'go#1+$]ff>`, // a set is not passable
    `<10'op:deliver<11'desc:export1+>[2'go{1"b1+1"a2+}]ff>`, // struct keys out of order
    `<10'op:deliver<18'desc:import-object1+>[2'go]ff>`, // wrong descriptor for the target
    `<10'op:deliver<11'desc:export1+>[2'go]f<11'desc:export1+>>`, // wrong descriptor for resolveMe
    `<10'op:deliver<11'desc:export1+>[2'go]f>`, // one field short
    `<10'op:deliver<11'desc:export1+>[2'go]fff>`, // one field too many
    `<10'op:deliver<11"desc:export1+>[2'go]ff>`, // string label (endo dialect tolerates it)
    `<10'op:deliver<11'desc:export1+>[2'go<4'void>]ff>f`, // trailing bytes
    `<10'op:deliver<11'desc:export1+>[2'go<4'void>D\x80\x00\x00\x00\x00\x00\x00\x00]ff>`, // -0 (endo rejects)
  ].map((s) => Uint8Array.from(s, (c) => c.charCodeAt(0)));
  let differ = 0;
  for (const dialect of DIALECTS) {
    for (const bytes of frames) {
      expect(fastVerdict(bytes, dialect)).toEqual(slowVerdict(bytes, dialect));
      if (fastVerdict(bytes, dialect).includes('Error: ')) differ++;
    }
  }
  expect(differ).toBeGreaterThan(25);
});
