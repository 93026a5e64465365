// Goal: the exporter's op:flush trace marks (harness/ocapn/flush/marks.ts) fire exactly on the
// code paths they name — a delivery held on the fresh promise, and op:flush-done leaving while a
// delivery on the slot is unanswered — and stay silent when the race did not happen.
// Method: a exports a promise to b (flush.spec.ts set-up); b pipelines calls on it around a flush,
// with the original promise still pending or already resolved.
import { E, Far, makeNet, makeNode, quiesce, recordEvents, settle } from './_net.js';
import { test, expect } from '@playwright/test';
import type { ReferenceOptions } from '../../../../harness/ocapn/session/host.js';
import type { NodeEvent } from '../../../../harness/ocapn/node-types.js';
import { MARK_DONE_BEFORE_ANSWERED, MARK_QUEUED_ON_FRESH } from '../../../../harness/ocapn/flush/marks.js';

type Rec = { hit(n: number): number };

async function setup(options: Partial<ReferenceOptions> = {}) {
  const { net } = makeNet();
  const a = makeNode(net, 'a', options);
  const b = makeNode(net, 'b', options);
  const held: Array<Promise<Rec>> = [];
  const taker = a.enliven(b.registerSturdyRef('taker', Far('Taker', { take: (p: Promise<Rec>) => void held.push(p) })));
  let resolve!: (v: Rec) => void;
  const original = new Promise<Rec>((r) => (resolve = r));
  await settle(net);
  const took = E(await taker).take(original);
  await settle(net);
  await took;
  const events = recordEvents(a);
  return { net, a, b, p: held[0], resolve, events };
}

const recorder = (seen: number[]): Rec => Far('Recorder', { hit: (n: number) => (seen.push(n), n) }) as Rec;
const marks = (events: NodeEvent[], name: string) => events.filter((e) => e.type === 'mark' && e.name === name);

test('mark queued-on-fresh-promise - a delivery after the swap waits on the unsettled fresh promise', async () => {
  const { net, b, p, resolve, events } = await setup();
  const flushed = b.flush(p);
  await settle(net);
  await flushed;
  expect(marks(events, MARK_QUEUED_ON_FRESH)).toEqual([]); // nothing addressed the slot yet
  const after = [E(p).hit(1), E(p).hit(2)];
  await settle(net);
  const queued = marks(events, MARK_QUEUED_ON_FRESH);
  expect(queued).toHaveLength(2);
  expect(queued[0]).toEqual({ type: 'mark', name: MARK_QUEUED_ON_FRESH, detail: expect.stringMatching(/^b export \d+$/) });
  const seen: number[] = [];
  resolve(recorder(seen));
  await settle(net);
  expect(await Promise.all(after)).toEqual([1, 2]);
  // Marks come in the turn of the delivery, before anything it causes.
  const firstMark = events.findIndex((e) => e.type === 'mark');
  expect(events.slice(0, firstMark).some((e) => e.type === 'settled' && e.table === 'answer')).toBe(false);
});

test('mark queued-on-fresh-promise - silent when the original had settled (fresh follows at once)', async () => {
  const { net, b, p, resolve, events } = await setup();
  const seen: number[] = [];
  resolve(recorder(seen));
  await settle(net);
  const flushed = b.flush(p);
  await settle(net);
  await flushed;
  const after = E(p).hit(3);
  await settle(net);
  expect(await after).toBe(3);
  expect(events.some((e) => e.type === 'export-replaced')).toBe(true); // the swap did happen
  expect(marks(events, MARK_QUEUED_ON_FRESH)).toEqual([]);
});

test('mark queued-on-fresh-promise - the flush-without-swap mutant never holds a delivery back', async () => {
  const { net, b, p, events } = await setup({ defects: { flushWithoutSwap: true } });
  const flushed = b.flush(p);
  await settle(net);
  await flushed;
  void E(p).hit(1);
  await settle(net);
  expect(marks(events, MARK_QUEUED_ON_FRESH)).toEqual([]);
});

test('mark done-before-forwarded-answered - flush-done leaves while earlier deliveries are unanswered', async () => {
  const { net, a, b, p, resolve, events } = await setup();
  const before = [E(p).hit(1), E(p).hit(2)];
  await quiesce();
  const flushed = b.flush(p);
  await settle(net);
  await flushed;
  const done = marks(events, MARK_DONE_BEFORE_ANSWERED);
  expect(done).toEqual([{ type: 'mark', name: MARK_DONE_BEFORE_ANSWERED, detail: expect.stringMatching(/^b export \d+: 2 unanswered$/) }]);
  // Inside the op:flush turn: the swap is reported first, the mark just before the ack leaves.
  const order = events.filter((e) => e.type === 'export-replaced' || e.type === 'mark').map((e) => e.type);
  expect(order).toEqual(['export-replaced', 'mark']);
  resolve(recorder([]));
  await settle(net);
  expect(await Promise.all(before)).toEqual([1, 2]);
  expect(a.tables().sessions[0].exports.some((e) => e.kind === 'promise')).toBe(true);
});

test('mark done-before-forwarded-answered - silent when every earlier delivery was answered', async () => {
  const { net, b, p, resolve, events } = await setup();
  resolve(recorder([]));
  const before = E(p).hit(1);
  await settle(net);
  expect(await before).toBe(1);
  const flushed = b.flush(p);
  await settle(net);
  await flushed;
  expect(events.some((e) => e.type === 'export-replaced')).toBe(true);
  expect(marks(events, MARK_DONE_BEFORE_ANSWERED)).toEqual([]);
});
