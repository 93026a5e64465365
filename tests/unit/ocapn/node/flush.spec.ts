// Goal: receiver-initiated op:flush (harness/ocapn/flush/receiver-initiated.ts) — the exporter swaps a fresh promise into the slot
// keeping its refcount, deliveries before the ack run on the original and those after it wait on
// the fresh one; pending flushes fail with the session; each mutant differs where it should.
// Method: a exports an unresolved promise to b; b pipelines calls on it around a flush.
import { E, Far, makeNet, makeNode, quiesce, rawPeer, recordEvents, settle, viewsOf } from './_net.js';
import { test, expect } from '@playwright/test';
import type { ReferenceOptions } from '../../../../harness/ocapn/session/host.js';

type Rec = { hit(n: number): number };

async function setup(options: Partial<ReferenceOptions> = {}, sends = 1) {
  const { net } = makeNet();
  const a = makeNode(net, 'a', options);
  const b = makeNode(net, 'b', options);
  const held: Array<Promise<Rec>> = [];
  const taker = a.enliven(b.registerSturdyRef('taker', Far('Taker', { take: (p: Promise<Rec>) => void held.push(p) })));
  let resolve!: (v: Rec) => void;
  const original = new Promise<Rec>((r) => (resolve = r));
  const t = await settleFor(net, taker);
  for (let i = 0; i < sends; i++) await settleFor(net, E(t).take(original));
  return { net, a, b, held, resolve };
}

async function settleFor<T>(net: ReturnType<typeof makeNet>['net'], p: Promise<T>): Promise<T> {
  await settle(net);
  return p;
}

function recorder(seen: number[]): Rec {
  return Far('Recorder', { hit: (n: number) => (seen.push(n), n) }) as Rec;
}

test('flush - deliveries before the ack run on the original, after it on the fresh promise', async () => {
  const { net, a, b, held, resolve } = await setup();
  await settle(net);
  const p = held[0];
  const ea = recordEvents(a);
  const eb = recordEvents(b);
  const results = [E(p).hit(0), E(p).hit(1)]; // in flight when the flush leaves
  await quiesce(); // E() sends leave a turn later; flush() writes at once
  const done = b.flush(p);
  results.push(E(p).hit(2)); // sent after op:flush, before the ack arrives
  await quiesce();
  expect(viewsOf(net, 'b').slice(-4).map((v) => v.op)).toEqual(['op:deliver', 'op:deliver', 'op:flush', 'op:deliver']);
  expect(net.pending().filter((e) => e.from === 'b')).toHaveLength(4); // all four in flight at once
  await settle(net);
  await done;
  results.push(E(p).hit(3)); // after the ack
  await settle(net);
  const seen: number[] = [];
  resolve(recorder(seen));
  await settle(net);
  expect(await Promise.all(results)).toEqual([0, 1, 2, 3]);
  expect(seen).toEqual([0, 1, 2, 3]);
  const position = (viewsOf(net, 'b').find((v) => v.op === 'op:flush') as { position: number }).position;
  expect(viewsOf(net, 'a').filter((v) => v.op === 'op:flush-done')).toEqual([expect.objectContaining({ position })]);
  expect(ea).toContainEqual({ type: 'export-replaced', peer: 'b', position, refcount: 1 });
  expect(eb).toContainEqual({ type: 'flush-sent', peer: 'a', position });
  expect(eb).toContainEqual({ type: 'flush-done', peer: 'a', position });
});

test('flush - with manual resolution, deliveries after the ack wait for resolveFlushed', async () => {
  const { net, a, b, held, resolve } = await setup({ flushResolution: 'manual' });
  await settle(net);
  const p = held[0];
  const before = E(p).hit(1);
  await quiesce();
  const flushed = b.flush(p);
  await settle(net);
  await flushed;
  const after = E(p).hit(2);
  await settle(net);
  const seen: number[] = [];
  resolve(recorder(seen));
  await settle(net);
  expect(await before).toBe(1);
  expect(seen).toEqual([1]); // 2 is held on the fresh promise
  const position = a.tables().sessions[0].exports.find((e) => e.kind === 'promise')!.position;
  a.resolveFlushed('b', position, { value: recorder(seen) });
  await settle(net);
  expect(await after).toBe(2);
  expect(seen).toEqual([1, 2]);
});

test('mutant flush-without-swap - deliveries after the ack are not held back', async () => {
  const { net, a, b, held, resolve } = await setup({ flushResolution: 'manual', defects: { flushWithoutSwap: true } });
  await settle(net);
  const p = held[0];
  const events = recordEvents(a);
  const before = E(p).hit(1);
  await quiesce();
  const flushed = b.flush(p);
  await settle(net);
  await flushed;
  const after = E(p).hit(2);
  await settle(net);
  const seen: number[] = [];
  resolve(recorder(seen));
  await settle(net);
  expect(await before).toBe(1);
  expect(await after).toBe(2);
  expect(seen).toEqual([1, 2]); // the conforming node holds 2 (test above)
  expect(events.filter((e) => e.type === 'export-replaced')).toEqual([]);
  expect(viewsOf(net, 'a').some((v) => v.op === 'op:flush-done')).toBe(true);
});

test('flush - the slot keeps its refcount, and a full gc delta afterwards frees it', async () => {
  const { net, a, b, held } = await setup({}, 2);
  await settle(net);
  const p = held[0];
  expect(held[1]).toBe(p);
  const exp = () => a.tables().sessions[0].exports.find((e) => e.kind === 'promise');
  expect(exp()?.refcount).toBe(2);
  const events = recordEvents(a);
  const flushed = b.flush(p);
  await settle(net);
  await flushed;
  expect(events).toContainEqual(expect.objectContaining({ type: 'export-replaced', refcount: 2 }));
  expect(exp()?.refcount).toBe(2);
  b.release(p);
  await settle(net);
  expect(viewsOf(net, 'b').filter((v) => v.op === 'op:gc-exports')).toEqual([expect.objectContaining({ wireDeltas: [2] })]);
  expect(exp()).toBeUndefined();
  expect(a.tables().sessions).toHaveLength(1);
});

test('mutant flush-resets-refcount - the true gc delta then drives the slot below zero', async () => {
  const { net, a, b, held } = await setup({ defects: { flushResetsRefcount: true } }, 2);
  await settle(net);
  const p = held[0];
  const events = recordEvents(a);
  const flushed = b.flush(p);
  await settle(net);
  await flushed;
  expect(events).toContainEqual(expect.objectContaining({ type: 'export-replaced', refcount: 1 }));
  b.release(p);
  await settle(net);
  const abort = viewsOf(net, 'a').find((v) => v.op === 'op:abort') as { reason: string } | undefined;
  expect(abort?.reason).toMatch(/op:gc-exports\.wireDeltas\[0\]: would drop export \d+ below zero \(refcount 1, delta 2\)/);
});

test('flush - a pending flush rejects when the session ends', async () => {
  const { net, b, held } = await setup();
  await settle(net);
  const flushed = b.flush(held[0]);
  flushed.catch(() => {});
  await quiesce();
  net.reset(net.connections()[0].id, 'killed');
  await settle(net);
  await expect(flushed).rejects.toThrow('session with a ended: connection reset: killed');
  // The node names its break's category (harness/ocapn/break-reason.ts): the session's end.
  await expect(flushed).rejects.toMatchObject({ category: 'reset' });
});

test('flush - a node with flush "none" aborts on op:flush, and an unexpected op:flush-done aborts', async () => {
  const { net } = makeNet();
  const none = makeNode(net, 'b', { flush: 'none' });
  const evil = rawPeer(net, 'evil', none);
  evil.hello();
  evil.send({ type: 'op:flush', position: 1n });
  await settle(net);
  expect(evil.received.at(-1)).toEqual({ op: 'op:abort', reason: 'op:flush: this node does not speak op:flush' });
  const other = makeNode(net, 'c');
  const evil2 = rawPeer(net, 'evil2', other);
  evil2.hello();
  evil2.send({ type: 'op:flush-done', position: 4n });
  await settle(net);
  expect(evil2.received.at(-1)).toEqual({ op: 'op:abort', reason: 'op:flush-done.position: no op:flush of position 4 is pending' });
});

test('answers with promises - a method returning a promise answers with that promise, and the answer can be flushed', async () => {
  const { net } = makeNet();
  const a = makeNode(net, 'a');
  const b = makeNode(net, 'b');
  let resolve!: (v: Rec) => void;
  const later = new Promise<Rec>((r) => (resolve = r));
  const ref = a.enliven(b.registerSturdyRef('h', Far('H', { get: () => later })));
  await expect(a.flush(ref)).rejects.toThrow(/not an imported promise/);
  await expect(a.flush(ref)).rejects.toMatchObject({ category: 'flush-rejected' });
  await settle(net);
  const p = E(ref as Promise<{ get(): Rec }>).get();
  await quiesce();
  await expect(a.flush(p)).rejects.toThrow(/question 2 to b is not answered yet/);
  await settle(net);
  const fulfil = viewsOf(net, 'b').find((v) => v.op === 'op:deliver' && JSON.stringify(v.args).includes('fulfill'))!;
  // The answer's resolver hears about b's promise itself (fetch answered first with the object).
  expect(JSON.stringify(viewsOf(net, 'b').map((v) => v.args))).toContain('importPromise');
  expect(fulfil).toBeTruthy();
  const before = E(p).hit(1);
  await quiesce();
  const flushed = a.flush(p);
  const after = E(p).hit(2);
  await settle(net);
  await flushed;
  expect(b.tables().sessions[0].exports.find((e) => e.kind === 'promise')?.refcount).toBe(1);
  const seen: number[] = [];
  resolve(recorder(seen));
  await settle(net);
  expect([await before, await after]).toEqual([1, 2]);
  expect(seen).toEqual([1, 2]);
});

test('answers with promises - off: the answer waits for full settlement (endo HEAD)', async () => {
  const { net } = makeNet();
  const a = makeNode(net, 'a', { answerWithPromises: false });
  const b = makeNode(net, 'b', { answerWithPromises: false });
  let resolve!: (v: string) => void;
  const later = new Promise<string>((r) => (resolve = r));
  const ref = a.enliven(b.registerSturdyRef('h', Far('H', { get: () => later })));
  const p = E(ref as Promise<{ get(): string }>).get();
  await settle(net);
  expect(JSON.stringify(viewsOf(net, 'b').map((v) => v.args))).not.toContain('importPromise');
  resolve('v');
  await settle(net);
  expect(await p).toBe('v');
  await expect(a.flush(p)).rejects.toThrow(/not an imported promise/);
});
