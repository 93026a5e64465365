// Goal: the encoder refuses what the decoder rejects — every operation encodeOp writes decodes
// again in the same dialect (and re-encodes to the same bytes), and what it refuses the decoder
// would refuse too.
// Method: seeded random operations of every kind (xorshift32, no Math.random), with edge values
// on purpose (position 0, zero wire deltas, lists of different lengths, -0, astral strings), in
// every dialect.
import { test, expect } from '@playwright/test';
import { makeXorshift32, type Prng } from '../syrup/_prng.js';
import { encode, Sym, SyrupEncodeError, type Dialect } from '../../../../harness/ocapn/syrup/index.js';
import { decodeOp, encodeOp, opFromSyrup, opToSyrup, OpEncodeError, RefDesc, type Op, type RefDescType } from '../../../../harness/ocapn/wire/index.js';
import { PassableError, Tagged, type Passable } from '../../../../harness/ocapn/passable/index.js';

const DIALECTS: Dialect[] = ['spec', 'endo', 'python-suite'];
const CASES = 1000;

function num(g: Prng): bigint {
  // Zero often, since zero is where the rules differ.
  return g.r(4) === 0 ? 0n : BigInt(g.r(1000));
}
function text(g: Prng): string {
  return g.pick(['', 'a', 'hello', 'ü', '😀', 'x'.repeat(g.r(40))]);
}
function ref<T extends RefDescType>(g: Prng, kinds: T[]): RefDesc<T> {
  return new RefDesc(g.pick(kinds), num(g));
}
function passable(g: Prng, depth = 0): Passable {
  switch (g.r(depth > 2 ? 7 : 11)) {
    case 0: return num(g) * (g.r(2) ? 1n : -1n);
    case 1: return text(g);
    case 2: return g.r(2) === 0;
    case 3: return g.pick([0, -0, 1.5, NaN, Infinity, -1e300]);
    case 4: return new Uint8Array(g.r(5)).fill(g.r(256));
    case 5: return new Sym(g.pick(['fetch', 'say', '', 'deposit-gift']));
    case 6: return ref(g, ['desc:export', 'desc:answer', 'desc:import-object', 'desc:import-promise']);
    case 7: return Array.from({ length: g.r(4) }, () => passable(g, depth + 1));
    case 8: {
      const out: Record<string, Passable> = {};
      for (let i = g.r(4); i > 0; i--) out[text(g)] = passable(g, depth + 1);
      return out;
    }
    case 9: return new Tagged(g.pick(['t', 'copySet']), passable(g, depth + 1));
    default: return new PassableError(text(g));
  }
}
const receiver = (g: Prng) => ref(g, ['desc:export' as const, 'desc:answer' as const]);
const resolver = (g: Prng) => ref(g, ['desc:import-object' as const, 'desc:import-promise' as const]);
function positions(g: Prng, n: number): bigint[] {
  return Array.from({ length: n }, () => num(g));
}

function randomOp(g: Prng): Op {
  switch (g.r(12)) {
    case 0: return { type: 'op:abort', reason: text(g) };
    case 1: return { type: 'op:deliver', to: receiver(g), args: Array.from({ length: g.r(4) }, () => passable(g)), answer: g.r(2) ? num(g) : false, resolveMe: g.r(2) ? resolver(g) : false };
    case 2: return { type: 'op:deliver-only', to: receiver(g), args: [passable(g)] };
    case 3: return g.r(2) ? { type: 'op:listen', to: receiver(g), resolveMe: resolver(g) } : { type: 'op:listen', to: receiver(g), resolveMe: resolver(g), wantsPartial: g.r(2) === 0 };
    case 4: return { type: 'op:get', receiver: receiver(g), fieldName: text(g), answer: num(g) };
    case 5: return { type: 'op:index', receiver: receiver(g), index: num(g), answer: num(g) };
    case 6: return { type: 'op:untag', receiver: receiver(g), tag: text(g), answer: num(g) };
    case 7: {
      const n = g.r(4);
      return { type: g.pick(['op:gc-exports', 'op:gc-export'] as const), exportPositions: positions(g, n), wireDeltas: positions(g, g.r(5) === 0 ? n + 1 : n) };
    }
    case 8: return { type: g.pick(['op:gc-answers', 'op:gc-answer'] as const), answerPositions: positions(g, g.r(4)) };
    case 9: return { type: 'op:flush', position: num(g) };
    case 10: return { type: 'op:flush', to: receiver(g), confirm: resolver(g) };
    default: return { type: 'op:flush-done', position: num(g) };
  }
}

for (const dialect of DIALECTS) {
  test(`roundtrip - ${CASES} random operations in the ${dialect} dialect: what encodeOp writes decodes again`, () => {
    const g = makeXorshift32(0x0c47 + DIALECTS.indexOf(dialect));
    let written = 0;
    let refused = 0;
    for (let i = 0; i < CASES; i++) {
      const op = randomOp(g);
      let bytes: Uint8Array;
      try {
        bytes = encodeOp(op, dialect);
      } catch (error) {
        expect(error instanceof OpEncodeError || error instanceof SyrupEncodeError, `case ${i}: ${String(error)}`).toBe(true);
        // Refused only when the decoder (or the Syrup writer) would refuse it too.
        if (error instanceof OpEncodeError) expect(() => opFromSyrup(opToSyrup(op), dialect), `case ${i}`).toThrow();
        refused++;
        continue;
      }
      written++;
      let decoded: Op;
      try {
        decoded = decodeOp(bytes, dialect);
      } catch (error) {
        throw new Error(`case ${i} (${op.type}): encodeOp wrote what decodeOp refuses: ${String(error)}`, { cause: error });
      }
      expect(encodeOp(decoded, dialect), `case ${i}`).toEqual(bytes);
    }
    test.info().annotations.push({ type: 'written/refused', description: `${written}/${refused}` });
    // Neither half is vacuous.
    expect(written).toBeGreaterThan(CASES / 2);
    expect(refused).toBeGreaterThan(CASES / 50);
  });
}

test('roundtrip - the two values a differential run caught are refused, naming the field', () => {
  expect(() => encodeOp({ type: 'op:gc-exports', exportPositions: [3n], wireDeltas: [0n] })).toThrow(/op:gc-exports\.wireDeltas\[0\]: expected positive integer/);
  expect(() => encodeOp({ type: 'op:get', receiver: new RefDesc('desc:answer', 1n), fieldName: 'f', answer: 0n }, 'endo')).toThrow(OpEncodeError);
  expect(encodeOp({ type: 'op:get', receiver: new RefDesc('desc:answer', 1n), fieldName: 'f', answer: 0n }, 'spec')).toBeInstanceOf(Uint8Array);
  void encode;
});
