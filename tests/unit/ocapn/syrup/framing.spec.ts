/**
 * Goal: frame writer, incremental frame reader and unframed reader handle every chunking and
 * refuse broken streams (the vector file covers endo's cases; these cover ours).
 * Method: write frames, split the stream at every byte, compare; feed bad streams.
 */
import { test, expect } from '@playwright/test';
import { FrameError, FrameReader, UnframedReader, encodeFrame } from '../../../../harness/ocapn/syrup/index.js';

const b = (s: string) => Uint8Array.from(Buffer.from(s, 'latin1'));
const s = (x: Uint8Array) => Buffer.from(x).toString('latin1');

test('encodeFrame writes <len>: with no trailing comma', () => {
  expect(s(encodeFrame(b(`<8'op:abort7"explode>`)))).toBe(`21:<8'op:abort7"explode>`);
  expect(s(encodeFrame(new Uint8Array(0)))).toBe('0:');
});

test('frame reader: any split of a stream yields the same frames', () => {
  const payloads = ['', 'a', `<8'op:flush7+>`, 'x'.repeat(123)];
  const stream = b(payloads.map((p) => s(encodeFrame(b(p)))).join(''));
  for (let cut = 0; cut <= stream.length; cut++) {
    const reader = new FrameReader();
    const frames = [...reader.push(stream.subarray(0, cut)), ...reader.push(stream.subarray(cut))].map(s);
    reader.end();
    expect(frames).toEqual(payloads);
  }
});

test('frame reader: a leading zero in the length is refused', () => {
  expect(() => new FrameReader().push(b('05:hello'))).toThrow(new FrameError('leading-zero', 1, 'frame length with a leading zero'));
});

test('frame reader: a 10-digit prefix is refused before its payload arrives', () => {
  expect(() => new FrameReader().push(b('1000000000'))).toThrow(/frame too-long/);
});

test('frame reader: stays failed after an error', () => {
  const reader = new FrameReader();
  expect(() => reader.push(b('x'))).toThrow(/bad-prefix/);
  expect(() => reader.push(b('1:a'))).toThrow(/bad-prefix/);
});

test('unframed reader: values split across chunks wait for the rest', () => {
  const stream = `<8'op:abort2"no><13'op:gc-answers[1+]>`;
  for (let cut = 0; cut <= stream.length; cut++) {
    const reader = new UnframedReader();
    const got = [...reader.push(b(stream.slice(0, cut))), ...reader.push(b(stream.slice(cut)))];
    reader.end();
    expect(got.map((v) => s(v.bytes))).toEqual([`<8'op:abort2"no>`, `<13'op:gc-answers[1+]>`]);
  }
});

test('unframed reader: a malformed value is final, an unfinished one fails at end()', () => {
  expect(() => new UnframedReader().push(b('01+'))).toThrow(/leading-zero/);
  const reader = new UnframedReader();
  expect(reader.push(b('[1+'))).toEqual([]);
  expect(() => reader.end()).toThrow(/truncated/);
});
