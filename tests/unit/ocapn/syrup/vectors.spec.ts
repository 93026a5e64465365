/**
 * Goal: the Syrup codec agrees byte for byte with every vector in fixtures/vectors.
 * Method: positive vectors decode to their typed tree and re-encode to the same bytes when the
 * vector says it is Syrup-canonical; negative vectors are rejected in the dialects they name
 * (Syrup layer, or the passable layer where the note says the rule belongs there); framing
 * vectors yield the listed frames or reject.
 */
import { test, expect } from '@playwright/test';
import {
  DIALECTS,
  FrameReader,
  SyrupDecodeError,
  decode,
  encode,
  fromTypedTree,
  toTypedTree,
} from '../../../../harness/ocapn/syrup/index.js';
import { decodePassable } from '../../../../harness/ocapn/wire/index.js';
import { hexBytes, hexOf, loadVectors } from './_vectors.js';

const file = loadVectors();

test('the vector file has the expected counts', () => {
  expect(file.vectors.length).toBe(67);
  expect(file.negative_vectors.length).toBe(11);
  expect(file.framing_vectors.length).toBe(12);
});

for (const v of file.vectors) {
  test(`positive ${v.name}: decodes to its typed tree`, () => {
    const bytes = hexBytes(v.hex);
    expect(bytes.length).toBe(v.length);
    expect(toTypedTree(decode(bytes))).toEqual(v.decoded);
  });
  test(`positive ${v.name}: typed tree encodes back to the bytes`, () => {
    const value = fromTypedTree(v.decoded);
    if (v.syrup_canonical_roundtrip) {
      expect(hexOf(encode(value))).toBe(v.hex);
    } else {
      // The struct key-order divergence: Syrup order differs from the wire, endo's struct order reproduces it.
      expect(hexOf(encode(value))).not.toBe(v.hex);
      expect(hexOf(encode(value, { dialect: 'endo' }))).toBe(v.hex);
    }
  });
}

test('divergence:struct-syrup-order: the endo dialect writes the JS-order struct bytes', () => {
  const v = file.vectors.find((x) => x.name === 'divergence:struct-syrup-order')!;
  expect(hexOf(encode(fromTypedTree(v.decoded), { dialect: 'endo' }))).toBe(v.endo_ocapn_struct_bytes_hex);
  // and both orders are read back (liberal reading of structs, Appendix A)
  expect(() => decode(hexBytes(v.endo_ocapn_struct_bytes_hex!))).not.toThrow();
  expect(() => decode(hexBytes(v.endo_ocapn_struct_bytes_hex!), { dictOrder: 'syrup' })).toThrow(/dict-order/);
});

/** Where a negative vector's rule lives: the note says so for the passable-only ones. */
const passableLayer = new Set(['reject:dict-int-key', 'reject:ocapn-unknown-record', 'reject:desc-negative-position']);

for (const v of file.negative_vectors) {
  for (const dialect of DIALECTS) {
    const rejects = !v.dialects || v.dialects.includes(dialect);
    test(`negative ${v.name} [${dialect}]: ${rejects ? 'rejected' : 'accepted'}`, () => {
      const bytes = hexBytes(v.hex);
      const read = () => (passableLayer.has(v.name) ? decodePassable(bytes, { dialect }) : decode(bytes, { dialect }));
      if (rejects) expect(read).toThrow();
      else expect(read).not.toThrow();
      if (!passableLayer.has(v.name) && rejects) {
        let caught: unknown;
        try {
          decode(bytes, { dialect });
        } catch (e) {
          caught = e;
        }
        expect(caught).toBeInstanceOf(SyrupDecodeError);
        expect((caught as SyrupDecodeError).message).toMatch(/at byte \d+/);
      }
    });
  }
}

for (const v of file.framing_vectors) {
  test(`framing ${v.name}`, () => {
    const reader = new FrameReader(v.options ?? {});
    const run = () => {
      const frames: string[] = [];
      for (const hex of v.chunks_hex) for (const f of reader.push(hexBytes(hex))) frames.push(Buffer.from(f).toString('latin1'));
      reader.end();
      return frames;
    };
    if (v.expect === 'reject') expect(run).toThrow(/^frame /);
    else expect(run()).toEqual(v.frames_ascii);
  });
}

test('framing: every positive vector survives being fed one byte at a time', () => {
  for (const v of file.framing_vectors.filter((x) => x.expect !== 'reject')) {
    const reader = new FrameReader();
    const all = hexBytes(v.chunks_hex.join(''));
    const frames: string[] = [];
    for (const b of all) for (const f of reader.push(Uint8Array.of(b))) frames.push(Buffer.from(f).toString('latin1'));
    reader.end();
    expect(frames, v.name).toEqual(v.frames_ascii);
  }
});

