/**
 * Goal: the codec bench builds the corpus its recipe describes. The recipe page
 * (`tests/bench/corpus.md`) and the bench agree on the SHA-256, and the bytes the bench builds hash
 * to it, so a drift in the generator or the codec shows up here instead of as a silent change
 * in the benchmark's input.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { encodeOp } from '../../../harness/ocapn/wire/index.js';
import { buildCorpus, CORPUS_SHA256 } from '../../bench/codec-corpus.js';

const recipe = readFileSync(new URL('../../bench/corpus.md', import.meta.url), 'utf8');

test('the recipe page states the SHA-256 the bench checks', () => {
  const stated = [...recipe.matchAll(/`([0-9a-f]{64})`/g)].map((m) => m[1]);
  expect(stated).toEqual([CORPUS_SHA256]);
});

test('the corpus the bench builds has the size and hash of its recipe', () => {
  const frames = buildCorpus().map((op) => encodeOp(op));
  const hash = createHash('sha256');
  for (const f of frames) hash.update(f);
  expect(frames.length).toBe(10_000);
  expect(frames.reduce((n, f) => n + f.length, 0)).toBe(8_699_179);
  const start = "<10'op:deliver<11'desc:export10+>[8'transfer";
  expect(Buffer.from(frames[0].subarray(0, start.length)).toString('latin1')).toBe(start);
  expect(hash.digest('hex')).toBe(CORPUS_SHA256);
});
