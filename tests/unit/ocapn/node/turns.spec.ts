// Goal: a turn of app code is transactional in the reference node: what a method sends and then
// throws is never written, the questions it asked break, and the caller's promise breaks with
// the turn's reason; a turn that returns writes its sends in order; the mutant defect leaks them.
// Method: three real nodes over the in-memory netlayer; the wire log shows what was written.
import { E, Far, makeNet, makeNode, opsOf, recordEvents, settle } from './_net.js';
import { test, expect } from '@playwright/test';
import type { ReferenceOptions } from '../../../../harness/ocapn/session/host.js';

/** a calls b's relay; the relay sends two calls to c's log, then throws (or returns). */
async function run(options: { throws: boolean; defects?: ReferenceOptions['defects'] }) {
  const { net } = makeNet();
  const a = makeNode(net, 'a');
  const b = makeNode(net, 'b', options.defects ? { defects: options.defects } : {});
  const c = makeNode(net, 'c');
  const seen: string[] = [];
  const log = c.registerSturdyRef('log', Far('Log', { note: (what: string) => seen.push(what) }));
  const events = recordEvents(b);
  const inner: Array<Promise<string>> = [];
  const outcomeOf = (p: Promise<unknown>) => p.then(() => 'fulfilled', (e: Error) => e.message);
  // The relay holds the log reference before it is called, so its method is one synchronous turn.
  const logAtB = b.enliven(log);
  await settle(net);
  const target = await logAtB;
  const relay = b.registerSturdyRef('relay', Far('Relay', {
    run: () => {
      inner.push(outcomeOf(E(target).note('one')), outcomeOf(E(target).note('two')));
      if (options.throws) throw Error('relay gave up');
      return 'ran';
    },
  }));
  const ref = await (async () => {
    const p = a.enliven(relay);
    await settle(net);
    return p;
  })();
  const before = opsOf(net, 'b').length;
  const answer = E(ref).run().then((v: unknown) => `fulfilled ${String(v)}`, (e: Error) => `broken ${e.message}`);
  await settle(net);
  const innerOutcomes = await Promise.all(inner);
  return { answer: await answer, seen, written: opsOf(net, 'b').slice(before), events, innerOutcomes };
}

test('turns - a method that sends twice and throws writes neither call; its caller breaks with the turn reason', async () => {
  const r = await run({ throws: true });
  expect(r.seen).toEqual([]);
  expect(r.written).toEqual(['b→a op:deliver']); // only the break of a's answer
  expect(r.answer).toBe('broken turn failed: relay gave up (2 queued sends discarded)');
  expect(r.innerOutcomes).toEqual(['turn failed: relay gave up (2 queued sends discarded)', 'turn failed: relay gave up (2 queued sends discarded)']);
  const marks = r.events.filter((e) => e.type === 'mark');
  expect(marks).toEqual([
    { type: 'mark', name: 'turn-begin' },
    { type: 'mark', name: 'turn-abort', detail: 'held: c#2, c#3; reason: turn failed: relay gave up (2 queued sends discarded)' },
  ]);
});

test('turns - a method that sends twice and returns writes both calls, in order, when its turn commits', async () => {
  const r = await run({ throws: false });
  expect(r.seen).toEqual(['one', 'two']);
  expect(r.answer).toBe('fulfilled ran');
  expect(r.written.filter((w) => w.startsWith('b→c'))).toEqual(['b→c op:deliver', 'b→c op:deliver']);
  expect(r.events.filter((e) => e.type === 'mark').map((e) => (e as { name: string }).name)).toEqual(['turn-begin', 'turn-commit']);
});

test('turns - the output-from-failed-turn defect writes what the failed turn held', async () => {
  const r = await run({ throws: true, defects: { outputFromFailedTurn: true } });
  expect(r.seen).toEqual(['one', 'two']);
  expect(r.answer).toBe('broken turn failed: relay gave up (2 queued sends discarded)');
});

test('turns - a method that throws without sending anything keeps its own reason and emits no marks', async () => {
  const { net } = makeNet();
  const a = makeNode(net, 'a');
  const b = makeNode(net, 'b');
  const events = recordEvents(b);
  const thrower = b.registerSturdyRef('t', Far('T', { run: () => { throw Error('plain'); } }));
  const p = a.enliven(thrower);
  await settle(net);
  const answer = E(await p).run().then(() => 'fulfilled', (e: Error) => e.message);
  await settle(net);
  expect(await answer).toBe('plain');
  expect(events.filter((e) => e.type === 'mark')).toEqual([]);
});

test('turns - node.turn runs app code as one turn and settles with its reason', async () => {
  const { net } = makeNet();
  const b = makeNode(net, 'b');
  const c = makeNode(net, 'c');
  const seen: string[] = [];
  const log = c.registerSturdyRef('log', Far('Log', { note: (what: string) => seen.push(what) }));
  const p = b.enliven(log);
  await settle(net);
  const target = await p;
  const failed = b.turn(() => {
    void E(target).note('lost').catch(() => {});
    throw Error('no');
  }).then(() => 'fulfilled', (e: Error) => e.message);
  const ok = b.turn(() => {
    void E(target).note('kept');
    return 7;
  });
  await settle(net);
  expect(await failed).toBe('turn failed: no (1 queued send discarded)');
  expect(await ok).toBe(7);
  expect(seen).toEqual(['kept']);
});
