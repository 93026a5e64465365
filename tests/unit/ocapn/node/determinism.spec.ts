// Goal: the "done when" — two reference nodes fetch each other's sturdyrefs, pipeline,
// flush and GC — and the same seed gives byte-identical frame logs, a different seed does not.
import { E, Far, makeNet, makeNode, quiesce, settle } from './_net.js';
import { test, expect } from '@playwright/test';
import { createHash } from 'node:crypto';

type Counter = { next(): Counter; value(): number };
type Holder = { take(p: Promise<unknown>): void; poke(): number };

async function run(seed: number): Promise<{ frames: string[]; results: unknown[] }> {
  const { net } = makeNet();
  const a = makeNode(net, 'a', {}, seed);
  const b = makeNode(net, 'b', {}, seed);
  const counter = (n: number): Counter => Far('Counter', { next: () => counter(n + 1), value: () => n }) as Counter;
  const held: Array<Promise<{ hit(n: number): number }>> = [];
  const locA = a.registerSturdyRef('counter', counter(100));
  const locB = b.registerSturdyRef('holder', Far('Holder', { take: (p: Promise<{ hit(n: number): number }>) => void held.push(p), poke: () => 1 }));
  // Each fetches the other's sturdyref (one session, reused both ways).
  const holder = a.enliven(locB) as Promise<Holder>;
  await settle(net);
  const fromB = b.enliven(locA) as Promise<Counter>;
  await settle(net);
  const results: unknown[] = [];
  // Pipelining three deep from b to a.
  const v = E(E(E(fromB).next()).next()).value();
  // a hands b an unresolved promise; b sends on it, flushes, sends again.
  let resolve!: (x: unknown) => void;
  const pending = new Promise((r) => (resolve = r));
  const took = E(holder).take(pending);
  await settle(net);
  await took;
  const p = held[0];
  const r1 = E(p).hit(1);
  await quiesce();
  const flushed = b.flush(p);
  const r2 = E(p).hit(2);
  await settle(net);
  await flushed;
  resolve(Far('Target', { hit: (n: number) => n * 2 }));
  await settle(net);
  results.push(await v, await r1, await r2);
  // GC: b releases the promise and a question; a releases its holder reference.
  b.release(p);
  a.release(await holder);
  await settle(net);
  results.push(a.tables(), b.tables());
  return { frames: net.log.map((e) => `${e.connection} ${e.from}→${e.to} ${e.hex}`), results };
}

test('done-when - fetch both ways, pipeline, flush and GC between two reference nodes', async () => {
  const { frames, results } = await run(7);
  expect(results.slice(0, 3)).toEqual([102, 2, 4]);
  expect(frames.length).toBeGreaterThan(15);
  const ops = frames.map((f) => Buffer.from(f.split(' ')[2], 'hex').toString('latin1').match(/^<\d+'([a-z:-]+)/)?.[1]);
  for (const op of ['op:start-session', 'op:deliver', 'op:listen', 'op:flush', 'op:flush-done', 'op:gc-exports']) expect(ops).toContain(op);
});

test('determinism - the same seed gives byte-identical frame logs', async () => {
  const first = await run(7);
  const second = await run(7);
  expect(second.frames).toEqual(first.frames);
  expect(JSON.stringify(second.results)).toBe(JSON.stringify(first.results));
  const digest = createHash('sha256').update(first.frames.join('\n')).digest('hex');
  expect(digest).toMatch(/^[0-9a-f]{64}$/);
});

test('determinism - another seed gives other keys, hence other bytes', async () => {
  const first = await run(7);
  const other = await run(8);
  expect(other.frames).not.toEqual(first.frames);
  expect(other.frames.length).toBe(first.frames.length);
});
