// Goal: the CapTP core between reference nodes — deliver, pipelining, breaks, listen, GC, the
// end of a session, and a three-node chain. Method: in-memory netlayer; the test schedules
// deliveries (settle / step with a filter) and checks values, frames and tables.
import { E, Far, makeNet, makeNode, quiesce, recordEvents, settle, viewsOf } from './_net.js';
import { test, expect } from '@playwright/test';
import { categoryOf } from '../../../../harness/ocapn/break-reason.js';

async function pair(objects: Record<string, object>) {
  const { net } = makeNet();
  const a = makeNode(net, 'a');
  const b = makeNode(net, 'b');
  const refs: Record<string, unknown> = {};
  for (const [swiss, object] of Object.entries(objects)) {
    const p = a.enliven(b.registerSturdyRef(swiss, object));
    await settle(net);
    refs[swiss] = await p;
  }
  return { net, a, b, refs };
}

test('deliver - with an answer: op:deliver carries an answer position and a resolver', async () => {
  const { net, refs } = await pair({ calc: Far('Calc', { add: (x: bigint, y: bigint) => x + y }) });
  const before = net.log.length;
  const sum = E(refs.calc as { add(x: bigint, y: bigint): bigint }).add(2n, 3n);
  await settle(net);
  expect(await sum).toBe(5n);
  const views = viewsOf(net).slice(before);
  expect(views[0]).toMatchObject({ from: 'a', op: 'op:deliver', args: [{ symbol: 'add' }, 2, 3] });
  expect(views[0].answer).not.toBe(false);
  expect(views[0].resolveMe).toMatchObject({ importObject: expect.any(Number) });
  expect(views[1]).toMatchObject({ from: 'b', op: 'op:deliver', args: [{ symbol: 'fulfill' }, 5], answer: false, resolveMe: false });
});

test('deliver - send-only: answer f, resolver f, nothing comes back', async () => {
  const seen: string[] = [];
  const { net, refs } = await pair({ log: Far('Log', { note: (s: string) => void seen.push(s) }) });
  const before = net.log.length;
  E.sendOnly(refs.log as { note(s: string): void }).note('x');
  await settle(net);
  expect(seen).toEqual(['x']);
  const views = viewsOf(net).slice(before);
  expect(views).toEqual([expect.objectContaining({ from: 'a', op: 'op:deliver', answer: false, resolveMe: false })]);
});

test('pipelining - three calls deep leave before the first answer returns', async () => {
  const counter = (n: number): object => Far('Counter', { next: () => counter(n + 1), value: () => n });
  const { net, refs } = await pair({ c: counter(0) });
  const before = net.log.length;
  type C = { next(): C; value(): number };
  const p1 = E(refs.c as C).next();
  const p2 = E(p1).next();
  const p3 = E(p2).next();
  const v = E(p3).value();
  await quiesce();
  // Nothing delivered yet, and all four questions are already on the wire a→b.
  const pending = net.pending().filter((e) => e.from === 'a');
  expect(pending).toHaveLength(4);
  // The first goes to b's export; each later one to the answer of the one before (pipelining).
  const views = viewsOf(net).slice(before);
  expect(views.map((x) => x.op)).toEqual(['op:deliver', 'op:deliver', 'op:deliver', 'op:deliver']);
  const first = (views[0].to as { export: number }).export;
  expect(first).toBeGreaterThan(0);
  expect(views.slice(1).map((x) => x.to)).toEqual([1, 2, 3].map((i) => ({ answer: (views[i - 1].answer as number) })));
  await settle(net);
  expect(await v).toBe(3);
});

test('break - an app exception breaks the answer and the pipelined call on it', async () => {
  const { net, refs } = await pair({
    bad: Far('Bad', {
      fail: () => {
        throw Error('nope');
      },
    }),
  });
  type Bad = { fail(): { more(): unknown } };
  const p = E(refs.bad as Bad).fail();
  const q = E(p).more();
  p.catch(() => {});
  q.catch(() => {});
  await settle(net);
  await expect(p).rejects.toThrow('nope');
  await expect(q).rejects.toThrow('nope');
  // An app's error is not the node's break: it carries no category, its text is judged.
  expect(categoryOf(await p.catch((e: unknown) => e))).toBeUndefined();
  const breaks = viewsOf(net, 'b').filter((v) => JSON.stringify(v.args ?? []).includes('"break"'));
  expect(breaks.length).toBeGreaterThanOrEqual(2);
});

function promiseKit<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

for (const when of ['before', 'after'] as const) {
  test(`listen - ${when} settlement: the import settles to the exporter's value`, async () => {
    const kit = promiseKit<string>();
    const { net, a, refs } = await pair({ holder: Far('Holder', { get: () => ({ p: kit.promise }) }) });
    const events = recordEvents(a);
    const rec = E(refs.holder as { get(): { p: Promise<string> } }).get();
    if (when === 'after') {
      // Deliver only b→a traffic: the struct with the promise reaches a, a's op:listen stays in flight.
      await settle(net, (e) => e.from === 'a' && !net.log.some((l) => l.from === 'b' && l.hex.includes('6669756c66696c6c')));
      await settle(net, (e) => e.from === 'b');
      // a's op:listen is written but still in flight when b's promise settles.
      expect(viewsOf(net, 'a').at(-1)?.op).toBe('op:listen');
      expect(net.pending().filter((e) => e.from === 'a')).toHaveLength(1);
      kit.resolve('done');
      await quiesce();
    }
    await settle(net);
    const { p } = await rec;
    if (when === 'before') kit.resolve('done');
    await settle(net);
    expect(await p).toBe('done');
    const listens = viewsOf(net, 'a').filter((v) => v.op === 'op:listen');
    expect(listens).toHaveLength(1);
    expect(listens[0]).toMatchObject({ wantsPartial: false });
    expect(events).toContainEqual(expect.objectContaining({ type: 'settled', table: 'import', outcome: 'fulfilled' }));
  });
}

test('gc - release sends the received count as the wire delta and frees the export', async () => {
  const thing = Far('Thing', { ping: () => 'pong' });
  const { net, a, b, refs } = await pair({ box: Far('Box', { two: () => [thing, thing], one: () => thing }) });
  type Box = { two(): object[]; one(): object };
  const [t1, t2] = await (async () => {
    const p = E(refs.box as Box).two();
    await settle(net);
    return p;
  })();
  expect(t1).toBe(t2);
  const p3 = E(refs.box as Box).one();
  await settle(net);
  expect(await p3).toBe(t1);
  const exportOf = () => b.tables().sessions[0].exports.find((e) => e.passStyle === 'remotable' && e.position !== 0 && e.refcount === 3);
  const entry = exportOf();
  expect(entry).toBeTruthy();
  expect(a.tables().sessions[0].imports.find((e) => e.position === entry!.position)?.refcount).toBe(3);
  a.release(t1);
  await settle(net);
  const gc = viewsOf(net, 'a').filter((v) => v.op === 'op:gc-exports');
  expect(gc).toEqual([expect.objectContaining({ exportPositions: [entry!.position], wireDeltas: [3] })]);
  expect(b.tables().sessions[0].exports.some((e) => e.position === entry!.position)).toBe(false);
});

test('gc - a delta raced by a new send keeps the export (partial op:gc-exports)', async () => {
  const thing = Far('Thing', {});
  const { net, a, b, refs } = await pair({ box: Far('Box', { one: () => thing }) });
  type Box = { one(): object };
  const first = E(refs.box as Box).one();
  await settle(net);
  const t = await first;
  const position = a.tables().sessions[0].imports.find((e) => e.kind === 'object' && e.position !== 0 && e.refcount === 1)!.position;
  const again = E(refs.box as Box).one(); // question leaves first …
  a.release(t); // … then the gc with delta 1, behind it on the same channel
  await settle(net);
  const t2 = await again;
  expect(t2).not.toBe(t); // a new import at the same position
  const exp = b.tables().sessions[0].exports.find((e) => e.position === position);
  expect(exp?.refcount).toBe(1);
  expect(a.tables().sessions[0].imports.find((e) => e.position === position)?.refcount).toBe(1);
});

test('gc - releasing a question sends op:gc-answers and the answer goes away', async () => {
  const { net, a, b, refs } = await pair({ c: Far('C', { v: () => 1 }) });
  const p = E(refs.c as { v(): number }).v();
  await settle(net);
  await p;
  const answers = () => b.tables().sessions[0].answers.map((e) => e.position);
  const before = answers();
  const position = Math.max(...before);
  a.release(p);
  await settle(net);
  expect(viewsOf(net, 'a').filter((v) => v.op === 'op:gc-answers')).toEqual([expect.objectContaining({ answerPositions: [position] })]);
  expect(answers()).toEqual(before.filter((n) => n !== position));
});

test('session end - a reset breaks pending questions and imported promises with a reason', async () => {
  const never = new Promise(() => {});
  const { net, a, refs } = await pair({ slow: Far('Slow', { wait: () => never, hold: () => ({ p: never }) }) });
  const events = recordEvents(a);
  type Slow = { wait(): { more(): unknown }; hold(): { p: Promise<unknown> } };
  const { p } = await (async () => {
    const r = E(refs.slow as Slow).hold();
    await settle(net);
    return r;
  })();
  const q = E(refs.slow as Slow).wait();
  const piped = E(q).more();
  for (const x of [p, q, piped]) x.catch(() => {});
  await settle(net);
  net.reset(net.connections()[0].id, 'killed');
  await settle(net);
  await expect(q).rejects.toThrow('session with b ended: connection reset: killed');
  await expect(p).rejects.toThrow('connection reset: killed');
  for (const x of [p, q]) await expect(x).rejects.toMatchObject({ category: 'reset' });
  await expect(piped).rejects.toThrow();
  expect(events).toContainEqual({ type: 'session-closed', peer: 'b', reason: 'connection reset: killed' });
  expect(a.tables().sessions).toEqual([]);
  // The node is still usable: a new enliven dials again.
  await expect(E(refs.slow as Slow).wait()).rejects.toThrow('has ended');
  await expect(E(refs.slow as Slow).wait()).rejects.toMatchObject({ category: 'reset' });
});

test('three nodes - a forwarder on b passes calls to c, and c\'s object handed to a is proxied by b', async () => {
  const { net } = makeNet();
  const a = makeNode(net, 'a');
  const b = makeNode(net, 'b');
  const c = makeNode(net, 'c');
  const seen: string[] = [];
  const target = Far('Target', { hit: (n: number) => (seen.push(`hit ${n}`), n * 10) });
  const locC = c.registerSturdyRef('target', target);
  const toC = b.enliven(locC);
  const forwarder = Far('Forwarder', {
    hit: (n: number) => E(toC).hit(n),
    target: () => toC,
  });
  const fwd = a.enliven(b.registerSturdyRef('fwd', forwarder));
  type F = { hit(n: number): number; target(): { hit(n: number): number } };
  const r1 = E(fwd as Promise<F>).hit(1);
  const r2 = E(fwd as Promise<F>).hit(2);
  const viaProxy = E(E(fwd as Promise<F>).target()).hit(3);
  await settle(net);
  expect(await r1).toBe(10);
  expect(await r2).toBe(20);
  expect(await viaProxy).toBe(30);
  expect(seen).toEqual(['hit 1', 'hit 2', 'hit 3']);
  expect(b.tables().sessions.map((s) => s.peer)).toEqual(['a', 'c']);
});

test('gc - a release after the session ended is a no-op; a release of a value never imported still throws', async () => {
  const thing = Far('Thing', {});
  const { net, a, refs } = await pair({ box: Far('Box', { one: () => thing }) });
  const one = E(refs.box as { one(): object }).one();
  await settle(net);
  const t = await one;
  net.reset(net.connections()[0].id, 'killed');
  await settle(net);
  const before = net.log.length;
  expect(() => a.release(t)).not.toThrow();
  expect(() => a.release(refs.box as object)).not.toThrow();
  await settle(net);
  expect(net.log.length).toBe(before);
  expect(() => a.release(Far('Never', {}))).toThrow('release: not a reference imported or asked over a live session');
});
