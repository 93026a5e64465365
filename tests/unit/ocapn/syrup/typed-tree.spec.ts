/**
 * Goal: the typed tree is lossless (floats bit-exact, -0 and NaN spelled out) and a bad tree
 * names its JSON path.
 * Method: round trips of edge values; malformed trees with the exact message.
 */
import { test, expect } from '@playwright/test';
import { TypedTreeError, encode, fromTypedTree, toTypedTree } from '../../../../harness/ocapn/syrup/index.js';

test('floats: -0, NaN and infinities survive JSON', () => {
  for (const f of [-0, NaN, Infinity, -Infinity, 0.1, 5e-324]) {
    const tree = JSON.parse(JSON.stringify(toTypedTree(f)));
    expect(Object.is(fromTypedTree(tree), f)).toBe(true);
  }
  expect(toTypedTree(-0)).toEqual({ type: 'float64', hex: '8000000000000000', value: '-0' });
});

test('bytes: ascii only when printable', () => {
  expect(toTypedTree(Uint8Array.of(0x68, 0x69))).toEqual({ type: 'bytes', hex: '6869', ascii: 'hi' });
  expect(toTypedTree(Uint8Array.of(0, 1))).toEqual({ type: 'bytes', hex: '0001' });
});

test('a tree without hex for bytes may give ascii', () => {
  expect(encode(fromTypedTree({ type: 'bytes', ascii: 'abc' }))).toEqual(Uint8Array.from(Buffer.from('3:abc')));
});

const bad: Array<[unknown, string]> = [
  [{ type: 'list', items: [{ type: 'nope' }] }, 'typed tree $.items[0]: unknown type "nope"'],
  [{ type: 'int', value: 12 }, 'typed tree $: int needs a decimal string value'],
  [{ type: 'int', value: '012' }, 'typed tree $: int needs a decimal string value'],
  [{ type: 'dict', entries: [[{ type: 'bool', value: true }]] }, 'typed tree $.entries[0]: entry must be a [key, value] pair'],
  [{ type: 'float64', hex: 'zz' }, 'typed tree $.hex: expected 16 hex digits'],
  [[1], 'typed tree $: expected an object with a "type" field'],
];

for (const [tree, message] of bad) {
  test(`rejects ${JSON.stringify(tree)}`, () => {
    expect(() => fromTypedTree(tree)).toThrow(new TypedTreeError('', '').constructor as typeof TypedTreeError);
    expect(() => fromTypedTree(tree)).toThrow(message);
  });
}
