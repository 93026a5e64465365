/**
 * Goal: latency models sample within their bounds, reproducibly per stream, and the event queue
 * orders by time first, then by a seeded tie-break. Method: many samples from seeded streams.
 */
import { test, expect } from '@playwright/test';
import { makeRandom } from '../../../harness/ocapn/random.js';
import { describeLinkModel, sampleLatencyMs, type LinkModel } from '../../../harness/sim/page-side/latency.js';
import { EventQueue } from '../../../harness/sim/page-side/event-queue.js';

const samples = (model: LinkModel, seed = 1, n = 2000) => {
  const random = makeRandom(seed, 'test');
  return Array.from({ length: n }, () => sampleLatencyMs(model, random));
};

test('fixed latency is exact; jitter adds within [0, jitterMs]', () => {
  expect(new Set(samples({ latency: { kind: 'fixed', ms: 25 }, jitterMs: 0 }))).toEqual(new Set([25]));
  const jittered = samples({ latency: { kind: 'fixed', ms: 25 }, jitterMs: 5 });
  expect(Math.min(...jittered)).toBeGreaterThanOrEqual(25);
  expect(Math.max(...jittered)).toBeLessThanOrEqual(30);
  expect(new Set(jittered).size).toBeGreaterThan(100);
});

test('uniform latency stays in [min, max] and covers it', () => {
  const s = samples({ latency: { kind: 'uniform', msMin: 50, msMax: 500 }, jitterMs: 0 });
  expect(Math.min(...s)).toBeGreaterThanOrEqual(50);
  expect(Math.max(...s)).toBeLessThanOrEqual(500);
  expect(Math.min(...s)).toBeLessThan(60);
  expect(Math.max(...s)).toBeGreaterThan(490);
});

test('normal latency has about the right mean and spread and is never negative', () => {
  const s = samples({ latency: { kind: 'normal', msMean: 100, msStddev: 20 }, jitterMs: 0 }, 3, 5000);
  const mean = s.reduce((a, b) => a + b, 0) / s.length;
  const sd = Math.sqrt(s.reduce((a, b) => a + (b - mean) ** 2, 0) / s.length);
  expect(Math.abs(mean - 100)).toBeLessThan(2);
  expect(Math.abs(sd - 20)).toBeLessThan(2);
  const wide = samples({ latency: { kind: 'normal', msMean: 1, msStddev: 50 }, jitterMs: 0 });
  expect(Math.min(...wide)).toBe(0);
});

test('same stream, same samples; different seeds, different samples', () => {
  const model: LinkModel = { latency: { kind: 'uniform', msMin: 0, msMax: 1000 }, jitterMs: 3 };
  expect(samples(model, 9, 50)).toEqual(samples(model, 9, 50));
  expect(samples(model, 9, 50)).not.toEqual(samples(model, 10, 50));
});

test('link models describe themselves for the recording', () => {
  expect(describeLinkModel({ latency: { kind: 'uniform', msMin: 50, msMax: 500 }, jitterMs: 0 })).toBe('uniform 50..500 ms');
  expect(describeLinkModel({ latency: { kind: 'fixed', ms: 3 }, jitterMs: 2 })).toBe('fixed 3 ms + jitter 0..2 ms');
});

test('event queue: earlier time first; equal times in a seeded order that replays', () => {
  const drain = (seed: number) => {
    const q = new EventQueue<string>(makeRandom(seed, 'q'));
    for (const [at, v] of [[5, 'x'], [1, 'a'], [3, 'b'], [3, 'c'], [3, 'd'], [3, 'e'], [0, 'z']] as const) q.push(at, v);
    const out: string[] = [];
    for (let e = q.pop(); e; e = q.pop()) out.push(e.value);
    return out;
  };
  const orders = new Set<string>();
  for (let seed = 0; seed < 20; seed++) {
    const out = drain(seed);
    expect(out[0]).toBe('z');
    expect(out[1]).toBe('a');
    expect(out[6]).toBe('x');
    orders.add(out.slice(2, 6).join(''));
  }
  expect(orders.size).toBeGreaterThan(3);
  expect(drain(4)).toEqual(drain(4));
});

test('event queue: remove drops the matching entries and keeps the others in their pop order', () => {
  const fill = (seed: number) => {
    const q = new EventQueue<string>(makeRandom(seed, 'q'));
    for (const [at, v] of [[5, 'x'], [1, 'a'], [3, 'b'], [3, 'c'], [30_000, 'timer'], [3, 'd'], [3, 'e'], [0, 'z']] as const) q.push(at, v);
    return q;
  };
  const drain = (q: EventQueue<string>) => {
    const out: string[] = [];
    for (let e = q.pop(); e; e = q.pop()) out.push(e.value);
    return out;
  };
  for (let seed = 0; seed < 10; seed++) {
    const q = fill(seed);
    q.remove((v) => v === 'timer');
    expect(q.size).toBe(7);
    expect(drain(q)).toEqual(drain(fill(seed)).filter((v) => v !== 'timer'));
  }
});
