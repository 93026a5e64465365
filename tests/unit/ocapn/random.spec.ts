/**
 * Goal: seeded streams replay exactly, differ by seed and label, and forks are independent.
 * Method: draw from streams and compare.
 */
import { test, expect } from '@playwright/test';
import { makeRandom, randomInt } from '../../../harness/ocapn/random.js';

const draw = (r: { nextU32(): number }, n: number) => Array.from({ length: n }, () => r.nextU32());

test('same seed and label replay the same stream', () => {
  expect(draw(makeRandom(7), 16)).toEqual(draw(makeRandom(7), 16));
  expect(makeRandom(7).bytes(13)).toEqual(makeRandom(7).bytes(13));
});

test('a different seed or fork label gives a different stream', () => {
  expect(draw(makeRandom(7), 8)).not.toEqual(draw(makeRandom(8), 8));
  const root = makeRandom(7);
  expect(draw(root.fork('link:a→b'), 8)).not.toEqual(draw(root.fork('link:b→a'), 8));
});

test('drawing from one fork does not shift a sibling fork', () => {
  const a = makeRandom(3);
  const b = makeRandom(3);
  draw(a.fork('noise'), 100);
  expect(draw(a.fork('link'), 8)).toEqual(draw(b.fork('link'), 8));
});

test('randomInt stays in range and covers it', () => {
  const r = makeRandom('cover');
  const seen = new Set<number>();
  for (let i = 0; i < 2000; i++) {
    const v = randomInt(r, 6);
    expect(v).toBeGreaterThanOrEqual(0);
    expect(v).toBeLessThan(6);
    seen.add(v);
  }
  expect(seen.size).toBe(6);
});
