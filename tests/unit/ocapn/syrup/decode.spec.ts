/**
 * Goal: the strict reader rejects each non-canonical form with its own rule and the offset of
 * the offending byte, and decodeOne streams values off the front of a buffer.
 * Method: `cases` of { name, wire, rule, offset } under the grammar rule they break.
 */
import { test, expect } from '@playwright/test';
import {
  SyrupDecodeError,
  SyrupDict,
  Sym,
  decode,
  decodeOne,
  encode,
  type SyrupRule,
} from '../../../../harness/ocapn/syrup/index.js';

const b = (s: string) => Uint8Array.from(Buffer.from(s, 'latin1'));

const cases: Array<{ name: string; wire: string; rule: SyrupRule; offset: number; dialect?: 'endo' }> = [
  { name: 'empty input', wire: '', rule: 'empty-input', offset: 0 },
  // Integer: digits without leading zeros, then + or -; zero is 0+
  { name: 'integer with a leading zero', wire: '[1+01+]', rule: 'leading-zero', offset: 3 },
  { name: 'length prefix with a leading zero', wire: '03:abc', rule: 'leading-zero', offset: 0 },
  { name: 'negative zero integer', wire: '0-', rule: 'negative-zero-integer', offset: 0 },
  { name: 'digits then an unknown terminator', wire: '12x', rule: 'unexpected-byte', offset: 2 },
  // Bytestring/string/symbol: length prefix counts bytes
  { name: 'bytestring shorter than its prefix', wire: '5:abc', rule: 'truncated', offset: 5 },
  { name: 'string with a lone continuation byte', wire: '1"\x80', rule: 'invalid-utf8', offset: 2 },
  { name: 'string with an encoded surrogate', wire: '3"\xed\xa0\x80', rule: 'invalid-utf8', offset: 2 },
  { name: 'string with an overlong encoding', wire: '2"\xc0\xaf', rule: 'invalid-utf8', offset: 2 },
  { name: 'symbol with bad UTF-8', wire: "1'\xff", rule: 'invalid-utf8', offset: 2 },
  // Floats: D + 8 bytes; F is not OCapN
  { name: 'single float', wire: 'F\x3f\x80\x00\x00', rule: 'single-float', offset: 0 },
  { name: 'truncated double', wire: 'D\x3f\xf0', rule: 'truncated', offset: 3 },
  { name: 'NaN with a payload', wire: 'D\x7f\xf8\x00\x00\x00\x00\x00\x01', rule: 'noncanonical-nan', offset: 0 },
  { name: '-0 in the endo dialect', wire: 'D\x80\x00\x00\x00\x00\x00\x00\x00', rule: 'negative-zero-float', offset: 0, dialect: 'endo' },
  // Containers
  { name: 'unclosed list', wire: '[1+2+', rule: 'truncated', offset: 5 },
  { name: 'stray closing bracket', wire: ']', rule: 'unexpected-byte', offset: 0 },
  { name: 'whitespace between values', wire: '[1+ 2+]', rule: 'unexpected-byte', offset: 3 },
  { name: 'dictionary keys out of order', wire: "{1'b1+1'a2+}", rule: 'dict-order', offset: 6 },
  { name: 'duplicate dictionary key', wire: '{1"a1+1"a2+}', rule: 'dict-duplicate', offset: 6 },
  { name: 'set members out of order', wire: '#1+0+$', rule: 'set-order', offset: 3 },
  { name: 'duplicate set member', wire: '#1+1+$', rule: 'set-duplicate', offset: 3 },
  { name: 'record without a label', wire: '<>', rule: 'record-without-label', offset: 0 },
  { name: 'trailing bytes', wire: '1+2+', rule: 'trailing-bytes', offset: 2 },
];

for (const c of cases) {
  test(`rejects / ${c.name}`, () => {
    let caught: unknown;
    try {
      decode(b(c.wire), { dialect: c.dialect });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(SyrupDecodeError);
    const err = caught as SyrupDecodeError;
    expect([err.rule, err.offset]).toEqual([c.rule, c.offset]);
    expect(err.message).toContain(`syrup ${c.rule}: `);
    expect(err.message).toContain(`at byte ${c.offset}`);
  });
}

test('error messages name the source when given', () => {
  expect(() => decode(b('0-'), { source: 'frame a→b#17' })).toThrow(
    'syrup negative-zero-integer: integer zero must be written 0+ (not 0-) at byte 0 of frame a→b#17',
  );
});

test('decodeOne reads values back to back and reports where each ends', () => {
  const bytes = b(`<8'op:abort2"no>1+[t]`);
  const first = decodeOne(bytes, 0);
  expect(first.end).toBe(16);
  const second = decodeOne(bytes, first.end);
  expect(second.value).toBe(1n);
  expect(decodeOne(bytes, second.end)).toEqual({ value: [true], end: bytes.length });
});

test('big integers are exact bigints both ways', () => {
  const n = 2n ** 200n + 1n;
  expect(decode(encode(-n))).toBe(-n);
  expect(Buffer.from(encode(0n)).toString('latin1')).toBe('0+');
});

test('integers on both sides of the fast paths (15 digits, 30 digits) are exact', () => {
  const edges = [10n ** 15n - 1n, 10n ** 15n, 2n ** 53n, 2n ** 64n - 1n, 10n ** 29n + 7n, 10n ** 30n - 1n, 10n ** 30n, 10n ** 31n + 3n, 1023n, 1024n];
  for (const n of edges) {
    for (const v of [n, -n]) {
      expect(decode(b(v < 0n ? `${-v}-` : `${v}+`))).toBe(v);
      expect(decode(encode(v))).toBe(v);
    }
  }
});

test('bytestrings do not alias the input: changing the input afterwards changes no value', () => {
  const long = 'z'.repeat(5000); // long enough for a buffer of its own
  const bytes = b(`[3:abc2"hi4:wxyz${long.length}:${long}1:q]`);
  const value = decode(bytes) as Uint8Array[];
  bytes.fill(0x21);
  expect(Buffer.from(value[0]).toString('latin1')).toBe('abc');
  expect(Buffer.from(value[2]).toString('latin1')).toBe('wxyz');
  expect(Buffer.from(value[3]).toString('latin1')).toBe(long);
  expect(Buffer.from(value[4]).toString('latin1')).toBe('q');
  // Values are independent of each other too.
  value[0][0] = 0x41;
  expect(Buffer.from(value[2]).toString('latin1')).toBe('wxyz');
});

test('bytestrings of different messages never share bytes, also when one slab fills and the next begins', () => {
  // 400 messages of 100-byte bodies fill more than one 16 KiB slab.
  const values = Array.from({ length: 400 }, (_, i) => {
    const body = String.fromCharCode(0x41 + (i % 26)).repeat(100);
    return decode(b(`[100:${body}2:ok]`)) as Uint8Array[];
  });
  values.forEach(([v]) => v.fill(0x2a));
  values.forEach(([v, ok], i) => {
    expect(v.length, `message ${i}`).toBe(100);
    expect(Buffer.from(ok).toString('latin1'), `message ${i}`).toBe('ok');
  });
  expect(values.every(([v]) => v.every((x) => x === 0x2a))).toBe(true);
});

test('short strings (built by hand, not by TextDecoder) come back exact', () => {
  // Every length up to and past the hand-built limit, ASCII and not.
  const words = Array.from({ length: 3000 }, (_, i) => `k${(i * 7919).toString(36)}`.slice(0, 1 + (i % 24)));
  const value = words.flatMap((w) => [w, 'alpha', w.toUpperCase()]);
  expect(decode(encode(value))).toEqual(value);
  expect(decode(b('24"abcdefghijklmnopqrstuvwx'))).toBe('abcdefghijklmnopqrstuvwx');
  expect(decode(b('2"Ã©'))).toBe('é');
});

test('a BOM at the start of a string is content, not stripped', () => {
  expect(decode(b('3"\xef\xbb\xbf'))).toBe('\ufeff');
});

test('dictOrder either accepts JS-order string keys but not mixed disorder', () => {
  expect(decode(b('{2"aa1+1"b2+}'))).toBeInstanceOf(SyrupDict);
  expect(() => decode(b("{2'aa1+1'b2+}"))).toThrow(/dict-order/); // symbols: Syrup order only
});

test('encoder sorts dictionary keys and set members by encoded bytes and refuses duplicates', () => {
  const d = new SyrupDict([
    [new Sym('cat'), 10n],
    ['dog', 20n],
  ]);
  expect(Buffer.from(encode(d)).toString('latin1')).toBe(`{3"dog20+3'cat10+}`);
  expect(() => encode(new SyrupDict([['a', 1n], ['a', 2n]]))).toThrow('duplicate dictionary key');
});
