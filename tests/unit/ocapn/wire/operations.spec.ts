/**
 * Goal: every operation of the table reads and writes the exact bytes of the CapTP draft
 * (endo's operation snapshots), and shows the documented operation view; malformed ops fail with exact messages.
 * Method: `cases` arrays of { name, bytes, view } under each op's grammar line; round trip
 * bytes → Op → bytes; negative cases assert the message and its `cause`.
 */
import { test, expect } from '@playwright/test';
import {
  OpDecodeError,
  ShapeError,
  decodeOp,
  encodeOp,
  toOpView,
  type OpView,
} from '../../../../harness/ocapn/wire/index.js';
import { type Dialect } from '../../../../harness/ocapn/syrup/index.js';
import { bytesOf, concat, hexOf, ramp } from './_bytes.js';

interface Case {
  name: string;
  bytes: Uint8Array;
  view: OpView;
  dialect?: Dialect;
}

const pubkey = (q: Uint8Array) => concat(`[10'public-key[3'ecc[5'curve7'Ed25519][5'flags5'eddsa][1'q32:`, q, ']]]');
const sigval = (r: Uint8Array, s: Uint8Array) => concat(`[7'sig-val[5'eddsa[1'r32:`, r, `][1's32:`, s, ']]]');
const alice = `<10'ocapn-peer16'tcp-testing-only5"alice{4"host9"127.0.0.14"port5"22046}>`;

const cases: Case[] = [
  // <op:start-session CAPTP-VERSION SESSION-PUBKEY ACCEPTABLE-LOCATION ACCEPTABLE-LOCATION-SIG>
  {
    name: 'op:start-session / version 1.0 with key, location and signature',
    bytes: concat(`<16'op:start-session3"1.0`, pubkey(ramp(0, 2)), alice, sigval(ramp(1), ramp(2)), '>'),
    view: {
      op: 'op:start-session',
      captpVersion: '1.0',
      sessionPubkey: hexOf(ramp(0, 2)),
      location: { transport: 'tcp-testing-only', designator: 'alice', hints: { host: '127.0.0.1', port: '22046' } },
      locationSig: { r: hexOf(ramp(1)), s: hexOf(ramp(2)) },
    },
  },
  // <op:abort REASON>
  { name: 'op:abort / reason', bytes: bytesOf(`<8'op:abort7"explode>`), view: { op: 'op:abort', reason: 'explode' } },
  // <op:deliver TO ARGS ANSWER-POS RESOLVE-ME-DESC>
  {
    name: 'op:deliver / pipelined with answer and resolver',
    bytes: bytesOf(`<10'op:deliver<11'desc:export5+>[16'make-car-factory]3+<18'desc:import-object15+>>`),
    view: { op: 'op:deliver', to: { export: 5 }, args: [{ symbol: 'make-car-factory' }], answer: 3, resolveMe: { importObject: 15 } },
  },
  {
    name: 'op:deliver / no answer position',
    bytes: bytesOf(`<10'op:deliver<11'desc:export1+>[4'beep]f<18'desc:import-object2+>>`),
    view: { op: 'op:deliver', to: { export: 1 }, args: [{ symbol: 'beep' }], answer: false, resolveMe: { importObject: 2 } },
  },
  {
    name: 'op:deliver / fire-and-forget',
    bytes: bytesOf(`<10'op:deliver<11'desc:export0+>[<18'desc:import-object1+>]ff>`),
    view: { op: 'op:deliver', to: { export: 0 }, args: [{ importObject: 1 }], answer: false, resolveMe: false },
  },
  {
    name: 'op:deliver / mixed args',
    bytes: bytesOf(`<10'op:deliver<11'desc:export0+>[3'foo1+f3:bar[3"baz]]f<18'desc:import-object1+>>`),
    view: {
      op: 'op:deliver',
      to: { export: 0 },
      args: [{ symbol: 'foo' }, 1, false, { bytes: '626172', ascii: 'bar' }, ['baz']],
      answer: false,
      resolveMe: { importObject: 1 },
    },
  },
  {
    name: 'op:deliver / to an answer, promise resolver',
    bytes: bytesOf(`<10'op:deliver<11'desc:answer2+>[4'ping]4+<19'desc:import-promise9+>>`),
    view: { op: 'op:deliver', to: { answer: 2 }, args: [{ symbol: 'ping' }], answer: 4, resolveMe: { importPromise: 9 } },
  },
  // <op:deliver-only TO ARGS> (legacy, Python suite)
  {
    name: 'op:deliver-only / legacy',
    bytes: bytesOf(`<15'op:deliver-only<11'desc:export0+>[4'beep]>`),
    view: { op: 'op:deliver-only', to: { export: 0 }, args: [{ symbol: 'beep' }] },
  },
  // <op:listen TO RESOLVE-ME-DESC WANTS-PARTIAL> (endo, suite) | <op:listen TO LISTEN-DESC> (spec)
  {
    name: 'op:listen / three fields',
    bytes: bytesOf(`<9'op:listen<11'desc:export1+><18'desc:import-object2+>f>`),
    view: { op: 'op:listen', to: { export: 1 }, resolveMe: { importObject: 2 }, wantsPartial: false },
  },
  {
    name: 'op:listen / two fields',
    bytes: bytesOf(`<9'op:listen<11'desc:answer1+><18'desc:import-object2+>>`),
    view: { op: 'op:listen', to: { answer: 1 }, resolveMe: { importObject: 2 } },
  },
  // <op:get RECEIVER-DESC FIELD-NAME NEW-ANSWER-POS>
  {
    name: 'op:get / field of an answer',
    bytes: bytesOf(`<6'op:get<11'desc:answer5+>9"someField10+>`),
    view: { op: 'op:get', receiver: { answer: 5 }, fieldName: 'someField', answer: 10 },
  },
  // <op:index RECEIVER-DESC INDEX NEW-ANSWER-POS>
  {
    name: 'op:index / element 0',
    bytes: bytesOf(`<8'op:index<11'desc:answer5+>0+10+>`),
    view: { op: 'op:index', receiver: { answer: 5 }, index: 0, answer: 10 },
  },
  // <op:untag RECEIVER-DESC TAG NEW-ANSWER-POS>
  {
    name: 'op:untag / tag string',
    bytes: bytesOf(`<8'op:untag<11'desc:export3+>5"myTag7+>`),
    view: { op: 'op:untag', receiver: { export: 3 }, tag: 'myTag', answer: 7 },
  },
  // <op:gc-exports EXPORT-POSITIONS WIRE-DELTAS>
  {
    name: 'op:gc-exports / one position',
    bytes: bytesOf(`<13'op:gc-exports[1+][2+]>`),
    view: { op: 'op:gc-exports', exportPositions: [1], wireDeltas: [2] },
  },
  {
    name: 'op:gc-exports / two positions',
    bytes: bytesOf(`<13'op:gc-exports[1+7+][2+1+]>`),
    view: { op: 'op:gc-exports', exportPositions: [1, 7], wireDeltas: [2, 1] },
  },
  // <op:gc-answers ANSWER-POSITIONS>
  {
    name: 'op:gc-answers / one position',
    bytes: bytesOf(`<13'op:gc-answers[1+]>`),
    view: { op: 'op:gc-answers', answerPositions: [1] },
  },
  // Python suite: singular labels, list fields
  {
    name: 'op:gc-export / python-suite singular label',
    bytes: bytesOf(`<12'op:gc-export[3+][1+]>`),
    view: { op: 'op:gc-export', exportPositions: [3], wireDeltas: [1] },
  },
  {
    name: 'op:gc-answer / python-suite singular label',
    bytes: bytesOf(`<12'op:gc-answer[0+]>`),
    view: { op: 'op:gc-answer', answerPositions: [0] },
  },
  // <op:flush POSITION> / <op:flush-done POSITION> (receiver-initiated)
  { name: 'op:flush / position', bytes: bytesOf(`<8'op:flush7+>`), view: { op: 'op:flush', position: 7 } },
  { name: 'op:flush-done / position', bytes: bytesOf(`<13'op:flush-done7+>`), view: { op: 'op:flush-done', position: 7 } },
  // <op:flush TO-DESC CONFIRM-DESC> (spec PR)
  {
    name: 'op:flush / to resolver with confirm',
    bytes: bytesOf(`<8'op:flush<11'desc:export1+><18'desc:import-object2+>>`),
    view: { op: 'op:flush', to: { export: 1 }, confirm: { importObject: 2 } },
  },
  // a big position is a decimal string in the view
  {
    name: 'op:gc-answers / position beyond 2^53 shown as a string',
    bytes: bytesOf(`<13'op:gc-answers[123456789012345678901234567890+]>`),
    view: { op: 'op:gc-answers', answerPositions: ['123456789012345678901234567890'] },
  },
  // endo's union reader tolerates a string label
  {
    name: 'op:abort / string label in the endo dialect',
    bytes: bytesOf(`<8"op:abort2"no>`),
    view: { op: 'op:abort', reason: 'no' },
    dialect: 'endo',
  },
];

for (const c of cases) {
  test(`${c.name}: decodes to its view`, () => {
    expect(toOpView(decodeOp(c.bytes, c.dialect))).toEqual(c.view);
  });
  if (!c.dialect) {
    test(`${c.name}: re-encodes to the same bytes`, () => {
      expect(hexOf(encodeOp(decodeOp(c.bytes)))).toBe(hexOf(c.bytes));
    });
  }
}

test('op:start-session / the encoded public key is 96 bytes and the signature 100', () => {
  expect(pubkey(ramp(0)).length).toBe(96);
  expect(sigval(ramp(0), ramp(1)).length).toBe(100);
});

test('op:listen / the two forms are distinguishable in the typed record', () => {
  const three = decodeOp(bytesOf(`<9'op:listen<11'desc:export1+><18'desc:import-object2+>t>`));
  const two = decodeOp(bytesOf(`<9'op:listen<11'desc:export1+><18'desc:import-object2+>>`));
  expect(three.type === 'op:listen' && three.wantsPartial).toBe(true);
  expect(two.type === 'op:listen' && 'wantsPartial' in two).toBe(false);
});

test('op:deliver / typed record fields are bigint positions and class descriptors', () => {
  const op = decodeOp(bytesOf(`<10'op:deliver<11'desc:export5+>[16'make-car-factory]3+<18'desc:import-object15+>>`));
  if (op.type !== 'op:deliver') throw new Error('wrong op');
  expect(op.answer).toBe(3n);
  expect(op.to.type).toBe('desc:export');
  expect(op.to.position).toBe(5n);
});

interface BadCase {
  name: string;
  bytes: string;
  message: string;
  dialect?: Dialect;
}

const bad: BadCase[] = [
  { name: 'wrong field type', bytes: `<13'op:gc-exports[1+]2"ab>`, message: 'op:gc-exports.wireDeltas: expected list, got string' },
  { name: 'negative position', bytes: `<13'op:gc-exports[1-][2+]>`, message: 'op:gc-exports.exportPositions[0]: expected non-negative integer, got integer -1' },
  { name: 'zero wire delta', bytes: `<13'op:gc-exports[1+][0+]>`, message: 'op:gc-exports.wireDeltas[0]: expected positive integer, got integer 0' },
  { name: 'unequal gc lists', bytes: `<13'op:gc-exports[1+2+][1+]>`, message: 'op:gc-exports: exportPositions and wireDeltas differ in length (2 vs 1)' },
  { name: 'unknown op', bytes: `<6'op:foo1+>`, message: 'unknown operation <op:foo>' },
  { name: 'removed op:pick', bytes: `<7'op:pick1+2+3+>`, message: 'unknown operation <op:pick>' },
  { name: 'not a record', bytes: `[1+]`, message: 'expected an operation record, got list' },
  { name: 'string label in the spec dialect', bytes: `<8"op:abort2"no>`, message: 'operation label must be a symbol, got string' },
  { name: 'arity', bytes: `<10'op:deliver<11'desc:export1+>[]f>`, message: 'op:deliver: expected 4 fields, got 3' },
  { name: 'listen arity', bytes: `<9'op:listen<11'desc:export1+>>`, message: 'op:listen: expected 2 or 3 fields, got 1' },
  {
    name: 'wrong descriptor kind',
    bytes: `<10'op:deliver<18'desc:import-object1+>[]ff>`,
    message: 'op:deliver.to: expected desc:export or desc:answer, got record <desc:import-object>',
  },
  { name: 'negative descriptor position', bytes: `<10'op:deliver<11'desc:export1->[]ff>`, message: 'op:deliver.to.position: expected non-negative integer, got integer -1' },
  { name: 'set in args', bytes: `<10'op:deliver<11'desc:export1+>[4'beep#$]ff>`, message: 'op:deliver.args[1]: sets are not passable' },
  { name: 'unknown passable record', bytes: `<10'op:deliver<11'desc:export1+>[<3'foo>]ff>`, message: 'op:deliver.args[0]: unknown passable record <foo>' },
  { name: 'struct with integer key', bytes: `<10'op:deliver<11'desc:export1+>[{1+t}]ff>`, message: 'op:deliver.args[0]: expected string struct key, got integer 1' },
  { name: 'answer 0 of op:get in the endo dialect', bytes: `<6'op:get<11'desc:answer5+>1"x0+>`, message: 'op:get.answer: expected positive integer, got integer 0', dialect: 'endo' },
  { name: 'boolean wants-partial', bytes: `<9'op:listen<11'desc:export1+><18'desc:import-object2+>0+>`, message: 'op:listen.wantsPartial: expected boolean, got integer 0' },
  { name: 'short session key', bytes: `<16'op:start-session3"1.0[10'public-key[3'ecc[5'curve7'Ed25519][5'flags5'eddsa][1'q1:x]]]ff>`, message: 'op:start-session.sessionPubkey[1][3][1]: expected bytestring of 32 bytes, got 1 byte' },
  {
    name: 'flush position negative',
    bytes: `<8'op:flush1->`,
    message: 'op:flush.position: expected non-negative integer, got integer -1',
  },
];

for (const c of bad) {
  test(`rejects / ${c.name}`, () => {
    let caught: unknown;
    try {
      decodeOp(bytesOf(c.bytes), c.dialect);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(OpDecodeError);
    expect((caught as Error).message).toBe(c.message);
  });
}

test('rejects / field errors keep the inner ShapeError as cause', () => {
  try {
    decodeOp(bytesOf(`<13'op:gc-exports[1+]2"ab>`));
    throw new Error('accepted');
  } catch (error) {
    expect(error).toBeInstanceOf(OpDecodeError);
    expect((error as Error).cause).toBeInstanceOf(ShapeError);
    expect(((error as Error).cause as ShapeError).path).toBe('.wireDeltas');
  }
});

test('op:get answer 0 is accepted in the spec dialect', () => {
  const op = decodeOp(bytesOf(`<6'op:get<11'desc:answer5+>1"x0+>`), 'spec');
  expect(op.type === 'op:get' && op.answer).toBe(0n);
});

test('the public key must have a 32-byte q', () => {
  const bytes = concat(`<16'op:start-session3"1.0`, `[10'public-key[3'ecc[5'curve7'Ed25519][5'flags5'eddsa][1'q3:abc]]]`, alice, sigval(ramp(1), ramp(2)), '>');
  expect(() => decodeOp(bytes)).toThrow('op:start-session.sessionPubkey[1][3][1]: expected bytestring of 32 bytes, got 3 bytes');
});
