/**
 * Goal: the passable model maps every OCapN type to one JS shape and back, per dialect.
 * Method: every `passable:*` vector decodes as a passable and re-encodes byte for byte (the
 * struct-order divergence vector in the endo dialect); then one case per mapping rule and dialect rule.
 */
import { test, expect } from '@playwright/test';
import { SyrupDecodeError, SyrupEncodeError, sym } from '../../../../harness/ocapn/syrup/index.js';
import {
  PassableError,
  Tagged,
  decodePassable,
  encodePassable,
  isStruct,
  makeStruct,
  type Passable,
} from '../../../../harness/ocapn/wire/index.js';
import { descImportObject, toValueView } from '../../../../harness/ocapn/wire/index.js';
import { loadVectors } from '../syrup/_vectors.js';
import { hex, hexOf } from './_bytes.js';

const text = (b: Uint8Array) => Buffer.from(b).toString('latin1');
const bytes = (s: string) => Uint8Array.from(Buffer.from(s, 'latin1'));

for (const v of loadVectors().vectors.filter((x) => x.name.startsWith('passable:'))) {
  test(`${v.name}: decodes as a passable and re-encodes`, () => {
    const value = decodePassable(hex(v.hex));
    const dialect = v.syrup_canonical_roundtrip ? 'spec' : 'endo';
    expect(hexOf(encodePassable(value, { dialect }))).toBe(v.hex);
  });
}

const cases: Array<{ name: string; wire: string; value: Passable }> = [
  { name: 'undefined is <void>', wire: `<4'void>`, value: undefined },
  { name: 'null is <null>', wire: `<4'null>`, value: null },
  { name: 'integer is bigint', wire: '123+', value: 123n },
  { name: 'selector is a Sym', wire: "5'hello", value: sym('hello') },
  { name: 'tagged keeps a string tag, written as a symbol', wire: `<11'desc:tagged5'hello[5"world]>`, value: new Tagged('hello', ['world']) },
  { name: 'error carries only its message', wire: `<10'desc:error4"boom>`, value: new PassableError('boom') },
  { name: 'struct with a "type" key stays a struct', wire: `{3"abc3"foo4"type7"invalid}`, value: { abc: 'foo', type: 'invalid' } },
  { name: 'struct with an undefined value keeps the key', wire: `{1"a<4'void>}`, value: { a: undefined } },
  { name: 'reference in a list', wire: `[<18'desc:import-object7+>]`, value: [descImportObject(7)] },
];

for (const c of cases) {
  test(`passable / ${c.name}`, () => {
    expect(decodePassable(bytes(c.wire))).toEqual(c.value);
    expect(text(encodePassable(c.value))).toBe(c.wire);
  });
}

test('passable / a __proto__ struct key is data, not a prototype', () => {
  const value = decodePassable(bytes(`{9"__proto__1+}`));
  expect(isStruct(value)).toBe(true);
  expect(Object.keys(value as object)).toEqual(['__proto__']);
  expect(text(encodePassable(makeStruct([['__proto__', 1n]])))).toBe(`{9"__proto__1+}`);
});

test('passable / sets are refused', () => {
  expect(() => decodePassable(bytes(`[#$]`))).toThrow('passable[0]: sets are not passable');
});

test('passable / struct order: spec writes Syrup order, endo JS order; both are read unless strict', () => {
  const value = { b: 1n, aa: 2n };
  expect(text(encodePassable(value))).toBe(`{1"b1+2"aa2+}`);
  expect(text(encodePassable(value, { dialect: 'endo' }))).toBe(`{2"aa2+1"b1+}`);
  for (const wire of [`{1"b1+2"aa2+}`, `{2"aa2+1"b1+}`]) expect(decodePassable(bytes(wire))).toEqual(value);
  expect(() => decodePassable(bytes(`{2"aa2+1"b1+}`), { strictStructOrder: true })).toThrow(SyrupDecodeError);
  expect(() => decodePassable(bytes(`{1"b1+2"aa2+}`), { dialect: 'endo', strictStructOrder: true })).toThrow(/dict-order/);
});

test('passable / -0 is preserved in spec, collapsed by the endo writer and refused by its reader', () => {
  expect(hexOf(encodePassable(-0))).toBe('448000000000000000');
  expect(hexOf(encodePassable(-0, { dialect: 'endo' }))).toBe('440000000000000000');
  expect(Object.is(decodePassable(hex('448000000000000000')), -0)).toBe(true);
  expect(() => decodePassable(hex('448000000000000000'), { dialect: 'endo' })).toThrow('syrup negative-zero-float');
});

test('passable / NaN is written canonically whatever its payload', () => {
  const odd = new DataView(new ArrayBuffer(8));
  odd.setUint32(0, 0x7ff80001);
  expect(hexOf(encodePassable(odd.getFloat64(0)))).toBe('447ff8000000000000');
});

test('passable / astral characters: written in spec, refused by the endo writer, read by both', () => {
  const s = 'hi 🦊';
  const wire = encodePassable(s);
  expect(text(wire.subarray(0, 2))).toBe('7"');
  expect(() => encodePassable(s, { dialect: 'endo' })).toThrow(SyrupEncodeError);
  expect(decodePassable(wire, { dialect: 'endo' })).toBe(s);
  expect(() => encodePassable('\ud800')).toThrow('lone surrogate');
});

test('passable / non-passables are refused on write', () => {
  expect(() => encodePassable(new Map() as unknown as Passable)).toThrow('not a passable: Map');
});

test('value view / documented JSON mapping', () => {
  const value: Passable = [
    sym('fetch'),
    bytes('ab'),
    12n,
    2n ** 64n,
    1.5,
    NaN,
    undefined,
    null,
    { k: 'v' },
    new Tagged('t', true),
    new PassableError('x'),
    descImportObject(2),
  ];
  expect(toValueView(value)).toEqual([
    { symbol: 'fetch' },
    { bytes: '6162', ascii: 'ab' },
    12,
    { int: '18446744073709551616' },
    { float64: 1.5 },
    { float64: 'NaN' },
    { undefined: true },
    null,
    { struct: { k: 'v' } },
    { tagged: 't', payload: true },
    { error: 'x' },
    { importObject: 2 },
  ]);
});
