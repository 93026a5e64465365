// Goal: the encoder refuses exactly what the decoder rejects. encodeOp checks each field while it
// writes (no read-back); the oracle here is the slow route it replaced — build the value tree,
// encode it, decode the bytes with decodeOp — and for every random operation in every dialect:
// - the oracle writes and decodes it: encodeOp gives the same bytes, they decode to the same
//   operation, and that operation re-encodes to the same bytes;
// - the oracle cannot write it at all: encodeOp throws the same error (class and message);
// - decodeOp refuses the oracle's bytes: encodeOp throws OpEncodeError carrying decodeOp's message.
// Method: seeded random operations of every kind (xorshift32, no Math.random), with edge and
// broken values on purpose (position 0, negative positions, zero wire deltas, lists of different
// lengths, wrong descriptor kinds, wrong field types, bad sturdyrefs and keys, nesting around the
// reader's depth limit, -0, astral strings), in every dialect.
import { test, expect } from '@playwright/test';
import { makeXorshift32, type Prng } from '../syrup/_prng.js';
import { DEFAULT_MAX_DEPTH, encode, Sym, SyrupDecodeError, type Dialect } from '../../../../harness/ocapn/syrup/index.js';
import {
  decodeOp,
  encodeOp,
  HandoffGive,
  OcapnPeer,
  OpDecodeError,
  OpEncodeError,
  opToSyrup,
  PublicKey,
  RefDesc,
  SigEnvelope,
  Signature,
  Sturdyref,
  toOpView,
  type Op,
  type RefDescType,
} from '../../../../harness/ocapn/wire/index.js';
import { PassableError, Tagged, type Passable } from '../../../../harness/ocapn/wire/index.js';

const DIALECTS: Dialect[] = ['spec', 'endo', 'python-suite'];
const CASES = 1000;
const ALL_KINDS: RefDescType[] = ['desc:export', 'desc:answer', 'desc:import-object', 'desc:import-promise'];

function num(g: Prng): bigint {
  // Zero often, since zero is where the rules differ; a negative one now and then.
  const n = g.r(4) === 0 ? 0n : BigInt(g.r(1000));
  return g.r(25) === 0 ? -1n - n : n;
}
function text(g: Prng): string {
  return g.pick(['', 'a', 'hello', 'ü', '😀', 'x'.repeat(g.r(40))]);
}
function bytes(g: Prng, n: number): Uint8Array {
  return new Uint8Array(n).fill(g.r(256));
}
/** Mostly the kinds `kinds` allows, sometimes any kind (the decoder refuses the wrong ones). */
function ref<T extends RefDescType>(g: Prng, kinds: T[]): RefDesc<T> {
  return new RefDesc(g.r(20) === 0 ? (g.pick(ALL_KINDS) as T) : g.pick(kinds), num(g));
}
function peer(g: Prng): OcapnPeer {
  const hints = g.pick<Record<string, string> | false>([false, { host: 'h' }, { port: 7 as unknown as string }]);
  return new OcapnPeer(g.pick(['tcp', 'onion', 'tcp.x']), text(g), hints);
}
function give(g: Prng): HandoffGive {
  return new HandoffGive(new PublicKey(bytes(g, g.r(8) ? 32 : 31)), peer(g), bytes(g, 32), bytes(g, 32), bytes(g, g.r(5)));
}
/** `[[[…]]]` with `lists` lists, so its innermost list sits `lists` deeper than the value. */
function nested(lists: number): Passable {
  let v: Passable = 1n;
  for (let i = 0; i < lists; i++) v = [v];
  return v;
}
function passable(g: Prng, depth = 0): Passable {
  switch (g.r(depth > 2 ? 9 : 15)) {
    case 0: return num(g) * (g.r(2) ? 1n : -1n);
    case 1: return text(g);
    case 2: return g.r(2) === 0;
    case 3: return g.pick([0, -0, 1.5, NaN, Infinity, -1e300]);
    case 4: return bytes(g, g.r(5));
    case 5: return new Sym(g.pick(['fetch', 'say', '', 'deposit-gift']));
    case 6: return g.r(10) === 0 ? new RefDesc('desc:bogus' as RefDescType, 1n) : ref(g, ALL_KINDS);
    case 7: return g.pick([undefined, null]);
    case 8: return g.r(8) === 0 ? new PassableError(7 as unknown as string) : new PassableError(text(g));
    case 9: return Array.from({ length: g.r(4) }, () => passable(g, depth + 1));
    case 10: {
      const out: Record<string, Passable> = {};
      for (let i = g.r(4); i > 0; i--) out[text(g)] = passable(g, depth + 1);
      return out;
    }
    case 11: return new Tagged(g.pick(['t', 'copySet']), passable(g, depth + 1));
    case 12: return new Sturdyref(peer(g), bytes(g, 4));
    case 13: return new SigEnvelope(give(g), new Signature(bytes(g, 32), bytes(g, g.r(8) ? 32 : 33)));
    // Around the reader's depth limit: args sit at depth 2 inside the operation record.
    default: return nested(DEFAULT_MAX_DEPTH - 3 - depth + g.r(4));
  }
}
const receiver = (g: Prng) => ref(g, ['desc:export' as const, 'desc:answer' as const]);
const resolver = (g: Prng) => ref(g, ['desc:import-object' as const, 'desc:import-promise' as const]);
function positions(g: Prng, n: number): bigint[] {
  return Array.from({ length: n }, () => num(g));
}
/** A field value of the wrong JS type now and then (what a buggy caller would pass). */
function maybeWrong<T>(g: Prng, good: T): T {
  return g.r(30) === 0 ? (g.pick([1, 'x', 2n, true, [], new Sym('s')]) as T) : good;
}

function randomOp(g: Prng): Op {
  switch (g.r(13)) {
    case 0: return { type: 'op:abort', reason: maybeWrong(g, text(g)) };
    case 1: return { type: 'op:deliver', to: receiver(g), args: Array.from({ length: g.r(4) }, () => passable(g)), answer: g.r(2) ? maybeWrong(g, num(g)) : false, resolveMe: g.r(2) ? resolver(g) : false };
    case 2: return { type: 'op:deliver-only', to: receiver(g), args: [passable(g)] };
    case 3: return g.r(2) ? { type: 'op:listen', to: receiver(g), resolveMe: resolver(g) } : { type: 'op:listen', to: receiver(g), resolveMe: resolver(g), wantsPartial: maybeWrong(g, g.r(2) === 0) };
    case 4: return { type: 'op:get', receiver: receiver(g), fieldName: maybeWrong(g, text(g)), answer: num(g) };
    case 5: return { type: 'op:index', receiver: receiver(g), index: maybeWrong(g, num(g)), answer: num(g) };
    case 6: return { type: 'op:untag', receiver: receiver(g), tag: text(g), answer: num(g) };
    case 7: {
      const n = g.r(4);
      return { type: g.pick(['op:gc-exports', 'op:gc-export'] as const), exportPositions: positions(g, n), wireDeltas: maybeWrong(g, positions(g, g.r(5) === 0 ? n + 1 : n)) };
    }
    case 8: return { type: g.pick(['op:gc-answers', 'op:gc-answer'] as const), answerPositions: positions(g, g.r(4)) };
    case 9: return { type: 'op:flush', position: num(g) };
    case 10: return { type: 'op:flush', to: receiver(g), confirm: resolver(g) };
    case 11: {
      const sig = new Signature(bytes(g, 32), bytes(g, g.r(6) ? 32 : 31));
      return { type: 'op:start-session', captpVersion: maybeWrong(g, '1.0'), sessionPubkey: new PublicKey(bytes(g, g.r(6) ? 32 : 33)), location: peer(g), locationSig: sig };
    }
    default: return { type: 'op:flush-done', position: num(g) };
  }
}

type Verdict = { kind: 'written'; bytes: Uint8Array } | { kind: 'unwritable'; error: Error } | { kind: 'refused'; error: Error };

/** What the value route plus the decoder say about `op` (the read-back encodeOp no longer does). */
function oracle(op: Op, dialect: Dialect): Verdict {
  let bytes: Uint8Array;
  try {
    bytes = encode(opToSyrup(op), { dialect });
  } catch (error) {
    return { kind: 'unwritable', error: error as Error };
  }
  try {
    decodeOp(bytes, dialect);
  } catch (error) {
    return { kind: 'refused', error: error as Error };
  }
  return { kind: 'written', bytes };
}

/** The operation view, with -0 as 0 in the endo dialect (its writer collapses -0). */
function shown(op: Op, dialect: Dialect): unknown {
  const json = JSON.stringify(toOpView(op));
  return JSON.parse(dialect === 'endo' ? json.replaceAll('"float64":"-0"', '"float64":0') : json);
}

for (const dialect of DIALECTS) {
  test(`roundtrip - ${CASES} random operations in the ${dialect} dialect: encodeOp refuses exactly what decodeOp rejects`, () => {
    const g = makeXorshift32(0x0c47 + DIALECTS.indexOf(dialect));
    const count = { written: 0, unwritable: 0, refused: 0, deep: 0 };
    for (let i = 0; i < CASES; i++) {
      const op = randomOp(g);
      const want = oracle(op, dialect);
      count[want.kind]++;
      let bytes: Uint8Array | undefined;
      let thrown: Error | undefined;
      try {
        bytes = encodeOp(op, dialect);
      } catch (error) {
        thrown = error as Error;
      }
      const where = `case ${i} (${op.type}): ${want.kind === 'written' ? 'written' : String(want.error)}`;
      if (want.kind === 'written') {
        expect(thrown, where).toBeUndefined();
        expect(Buffer.from(bytes!).equals(Buffer.from(want.bytes)), where).toBe(true);
        const decoded = decodeOp(bytes!, dialect);
        expect(shown(decoded, dialect), where).toEqual(shown(op, dialect));
        expect(Buffer.from(encodeOp(decoded, dialect)).equals(Buffer.from(bytes!)), where).toBe(true);
      } else if (want.kind === 'unwritable') {
        expect(thrown?.name, where).toBe(want.error.name);
        expect(thrown?.message, where).toBe(want.error.message);
      } else {
        expect(thrown, where).toBeInstanceOf(OpEncodeError);
        if (want.error instanceof OpDecodeError) {
          expect(thrown!.message, where).toBe(`encodeOp: ${want.error.message} (refused by decodeOp in the ${dialect} dialect)`);
        } else {
          expect(want.error, where).toBeInstanceOf(SyrupDecodeError);
          expect((want.error as SyrupDecodeError).rule, where).toBe('too-deep');
          expect(thrown!.message, where).toMatch(/containers nest \d+ deep; decodeOp accepts at most 512/);
          count.deep++;
        }
      }
    }
    test.info().annotations.push({ type: 'written/unwritable/refused (too deep)', description: `${count.written}/${count.unwritable}/${count.refused} (${count.deep})` });
    // No half is vacuous.
    expect(count.written).toBeGreaterThan(CASES / 3);
    expect(count.refused).toBeGreaterThan(CASES / 10);
    expect(count.deep).toBeGreaterThan(3);
    expect(count.unwritable).toBeGreaterThan(dialect === 'endo' ? 5 : 0);
  });
}

const desc = <T extends RefDescType>(type: T, n: bigint) => new RefDesc(type, n);
const deliver = (args: Passable[], to: RefDesc = desc('desc:export', 1n)): Op => ({ type: 'op:deliver', to: to as RefDesc<'desc:export'>, args, answer: false, resolveMe: false });

/** One operation per decoder rule the writer mirrors, with the message decodeOp would give. */
const RULES: Array<[string, Op, Dialect, string]> = [
  ['zero wire delta', { type: 'op:gc-exports', exportPositions: [3n], wireDeltas: [0n] }, 'spec', 'op:gc-exports.wireDeltas[0]: expected positive integer, got integer 0'],
  ['lists of different lengths', { type: 'op:gc-exports', exportPositions: [3n, 4n], wireDeltas: [1n] }, 'spec', 'op:gc-exports: exportPositions and wireDeltas differ in length (2 vs 1)'],
  ['negative gc position', { type: 'op:gc-answers', answerPositions: [-1n] }, 'spec', 'op:gc-answers.answerPositions[0]: expected non-negative integer, got integer -1'],
  ['endo answer position 0', { type: 'op:get', receiver: desc('desc:answer', 1n), fieldName: 'f', answer: 0n }, 'endo', 'op:get.answer: expected positive integer, got integer 0'],
  ['negative answer position', { type: 'op:deliver', to: desc('desc:export', 1n), args: [], answer: -2n, resolveMe: false }, 'spec', 'op:deliver.answer: expected non-negative integer, got integer -2'],
  ['negative descriptor position', deliver([], desc('desc:export', -1n)), 'spec', 'op:deliver.to.position: expected non-negative integer, got integer -1'],
  ['wrong descriptor kind', deliver([], desc('desc:import-object', 1n)), 'spec', 'op:deliver.to: expected desc:export or desc:answer, got record <desc:import-object>'],
  ['negative position inside args', deliver([[desc('desc:answer', -4n)]]), 'spec', 'op:deliver.args[0][0].position: expected non-negative integer, got integer -4'],
  ['unknown descriptor kind inside args', deliver([desc('desc:bogus' as RefDescType, 1n)]), 'spec', 'op:deliver.args[0]: unknown passable record <desc:bogus>'],
  ['integer as a text field', { type: 'op:abort', reason: 5n as unknown as string }, 'spec', 'op:abort.reason: expected string, got integer 5'],
  ['float as a position', { type: 'op:flush', position: 1 as unknown as bigint }, 'spec', 'op:flush.position: expected non-negative integer, got float64'],
  ['error with a non-string message', deliver([new PassableError(1n as unknown as string)]), 'spec', 'op:deliver.args[0].message: expected string, got integer 1'],
  ['transport with a dot', deliver([new Sturdyref(new OcapnPeer('tcp.x', 'd', false), new Uint8Array(2))]), 'spec', 'op:deliver.args[0].peer.transport: transport must not contain ".", got "tcp.x"'],
  ['hint that is not a string', deliver([new Sturdyref(new OcapnPeer('tcp', 'd', { port: 7n as unknown as string }), new Uint8Array(2))]), 'spec', 'op:deliver.args[0].peer.hints.port: expected string, got integer 7'],
];

for (const [rule, op, dialect, message] of RULES) {
  test(`roundtrip - refused while writing, named like decodeOp names it: ${rule}`, () => {
    expect(() => decodeOp(encode(opToSyrup(op), { dialect }), dialect)).toThrow(message);
    expect(() => encodeOp(op, dialect)).toThrow(OpEncodeError);
    expect(() => encodeOp(op, dialect)).toThrow(`encodeOp: ${message} (refused by decodeOp in the ${dialect} dialect)`);
  });
}

test('roundtrip - nesting: the deepest list decodeOp accepts is written, one deeper is refused', () => {
  // args at depth 1, its items at 2: n lists inside the args reach depth n + 1.
  const deepest = DEFAULT_MAX_DEPTH - 2;
  expect(decodeOp(encodeOp(deliver([nested(deepest)])))).toBeTruthy();
  expect(() => decodeOp(encode(opToSyrup(deliver([nested(deepest + 1)]))))).toThrow(SyrupDecodeError);
  expect(() => encodeOp(deliver([nested(deepest + 1)]))).toThrow(/op:deliver: containers nest 513 deep; decodeOp accepts at most 512/);
  expect(() => encodeOp(deliver([new Tagged('t', nested(deepest))]))).toThrow(OpEncodeError);
});

test('roundtrip - answer position 0 is refused in the endo dialect only', () => {
  const op: Op = { type: 'op:get', receiver: new RefDesc('desc:answer', 1n), fieldName: 'f', answer: 0n };
  expect(() => encodeOp(op, 'endo')).toThrow(OpEncodeError);
  expect(encodeOp(op, 'spec')).toBeInstanceOf(Uint8Array);
  expect(encodeOp(op, 'python-suite')).toBeInstanceOf(Uint8Array);
});
