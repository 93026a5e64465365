/**
 * Goal: the page-owned network keeps per-connection FIFO, honours link latency, delivers connect /
 * accept / close / reset in lock-step, fires virtual timers at their time and replays exactly from
 * a seed. Method: fake nodes as functions (tests/unit/sim/_fake-nodes.ts) over a real Network.
 */
import { test, expect } from '@playwright/test';
import { bytes, makeNet, run, silent, type FakeNode } from './_fake-nodes.js';
import type { FrameEvent } from '../../../harness/sim/recording.js';

const uniform = { kind: 'uniform', msMin: 50, msMax: 500 } as const;

/** a dials b and writes `count` one-byte frames at once; b records what it gets. */
function blast(seed: number, count: number) {
  const net = makeNet(seed, ['a', 'b'], uniform);
  net.apply('a', [{ type: 'connect', conn: 'a1', target: 'b' }]);
  for (let i = 0; i < count; i++) net.apply('a', [{ type: 'write', conn: 'a1', bytes: bytes(i) }]);
  const got: number[] = [];
  const seen = run(net, { a: silent, b: (input) => (input.type === 'message' && got.push(input.bytes[0]), []) });
  return { net, got, seen };
}

test('frames on one connection arrive in the order written even with 50..500 ms random latency', () => {
  const { got, seen } = blast(7, 200);
  expect(got).toEqual(Array.from({ length: 200 }, (_, i) => i));
  expect(seen[0].input.type).toBe('accept');
  // Arrival times never go backwards along the connection.
  const times = seen.map((s) => s.atMs);
  expect([...times].sort((x, y) => x - y)).toEqual(times);
  expect(times[0]).toBeGreaterThanOrEqual(50);
});

test('same seed gives an identical recording; another seed gives different timings', () => {
  const one = blast(11, 50).net.recorder.events;
  const two = blast(11, 50).net.recorder.events;
  const other = blast(12, 50).net.recorder.events;
  expect(JSON.stringify(two)).toBe(JSON.stringify(one));
  expect(JSON.stringify(other)).not.toBe(JSON.stringify(one));
});

test('frames are recorded sent then delivered, with bytes, frame numbers and per-direction indexes', () => {
  const { net } = blast(3, 3);
  const frames = net.recorder.events.filter((e): e is FrameEvent => e.kind === 'frame');
  expect(frames.filter((f) => f.phase === 'sent').map((f) => [f.frame, f.index, f.bytesHex])).toEqual([
    [1, 0, '00'],
    [2, 1, '01'],
    [3, 2, '02'],
  ]);
  expect(frames.filter((f) => f.phase === 'delivered').map((f) => f.frame)).toEqual([1, 2, 3]);
  expect(net.recorder.events.map((e) => e.seq)).toEqual(net.recorder.events.map((_, i) => i));
  expect(net.recorder.events[0]).toMatchObject({ kind: 'connection', event: 'open', connection: 'c1', source: 'a', target: 'b' });
});

test('fixed latency: a reply arrives exactly two one-way delays after the request', () => {
  const net = makeNet(1, ['a', 'b'], { kind: 'fixed', ms: 40 });
  net.apply('a', [{ type: 'connect', conn: 'a1', target: 'b' }, { type: 'write', conn: 'a1', bytes: bytes(1) }]);
  const seen = run(net, {
    a: silent,
    b: (input) => (input.type === 'message' ? [{ type: 'write', conn: input.conn, bytes: bytes(2) }] : []),
  });
  expect(seen.map((s) => [s.node, s.input.type, s.atMs])).toEqual([
    ['b', 'accept', 40],
    ['b', 'message', 40],
    ['a', 'message', 80],
  ]);
  expect(seen[2].input).toMatchObject({ conn: 'a1' });
});

test('simultaneous arrivals on different connections are ordered by the seed, and replay', () => {
  const orderFor = (seed: number) => {
    const net = makeNet(seed, ['a', 'b', 'c', 'd', 'e'], { kind: 'fixed', ms: 10 });
    for (const source of ['b', 'c', 'd', 'e']) net.apply(source, [{ type: 'connect', conn: `${source}1`, target: 'a' }]);
    return run(net, {}).map((s) => s.input.type === 'accept' && s.input.conn).join(',');
  };
  const orders = new Set([1, 2, 3, 4, 5, 6, 7, 8].map(orderFor));
  expect(orders.size).toBeGreaterThan(1);
  expect(orderFor(3)).toBe(orderFor(3));
});

test('graceful close: everything written is delivered, then the peer sees closed', () => {
  const net = makeNet(5, ['a', 'b'], uniform);
  net.apply('a', [
    { type: 'connect', conn: 'a1', target: 'b' },
    { type: 'write', conn: 'a1', bytes: bytes(1) },
    { type: 'write', conn: 'a1', bytes: bytes(2) },
    { type: 'close', conn: 'a1' },
    { type: 'write', conn: 'a1', bytes: bytes(3) },
  ]);
  const seen = run(net, {});
  expect(seen.map((s) => s.input.type)).toEqual(['accept', 'message', 'message', 'end']);
  expect(seen[3].input).toEqual({ type: 'end', conn: 'c1', end: { kind: 'closed' } });
  const dropped = net.recorder.events.filter((e) => e.kind === 'frame' && e.phase === 'dropped');
  expect(dropped).toHaveLength(1);
  expect(net.live.size).toBe(0);
});

test('a node resetting its end: what it wrote before arrives, then the peer sees reset, recorded as one', () => {
  const net = makeNet(5, ['a', 'b'], uniform);
  net.apply('a', [
    { type: 'connect', conn: 'a1', target: 'b' },
    { type: 'write', conn: 'a1', bytes: bytes(1) },
    { type: 'reset', conn: 'a1' },
    { type: 'write', conn: 'a1', bytes: bytes(2) },
  ]);
  const seen = run(net, {});
  expect(seen.map((s) => s.input.type)).toEqual(['accept', 'message', 'end']);
  expect(seen[2].input).toEqual({ type: 'end', conn: 'c1', end: { kind: 'reset', reason: 'reset by a' } });
  // The resetter is not told: it ended the connection itself.
  expect(seen.filter((s) => s.node === 'a')).toHaveLength(0);
  const ends = net.recorder.events.filter((e) => e.kind === 'connection' && (e.event === 'close' || e.event === 'reset'));
  expect(ends).toMatchObject([{ event: 'reset', connection: 'c1', reason: 'reset by a' }]);
  expect(net.live.size).toBe(0);
});

test('a write on a connection the network already reset is recorded as sent, then dropped', () => {
  const net = makeNet(5, ['a', 'b'], uniform);
  net.apply('a', [{ type: 'connect', conn: 'a1', target: 'b' }]);
  run(net, {});
  net.reset(net.live.get('c1')!, 'reset fault');
  net.apply('a', [{ type: 'write', conn: 'a1', bytes: bytes(9) }]);
  const frames = net.recorder.events.filter((e): e is FrameEvent => e.kind === 'frame');
  expect(frames.map((f) => [f.frame, f.phase])).toEqual([
    [1, 'sent'],
    [1, 'dropped'],
  ]);
  const reset = net.recorder.events.find((e) => e.kind === 'connection' && e.event === 'reset')!;
  expect(frames[0].seq).toBeGreaterThan(reset.seq);
});

test('virtual timers fire at their time, in time order; cancelled timers never fire', () => {
  const net = makeNet(1, ['a'], { kind: 'fixed', ms: 1 });
  net.apply('a', [
    { type: 'timer-set', timer: 1, atMs: 300 },
    { type: 'timer-set', timer: 2, atMs: 100 },
    { type: 'timer-set', timer: 3, atMs: 200 },
    { type: 'timer-cancel', timer: 3 },
  ]);
  expect(net.isQuiescent()).toBe(true);
  const early = run(net, {}, 150);
  expect(early.map((s) => [s.input, s.atMs])).toEqual([[{ type: 'timer', timer: 2 }, 100]]);
  net.advanceTo(150);
  expect(net.nowMs).toBe(150);
  const rest = run(net, {});
  expect(rest.map((s) => [s.input, s.atMs])).toEqual([[{ type: 'timer', timer: 1 }, 300]]);
});

test('a timer requested in the past fires now, never before the clock', () => {
  const net = makeNet(1, ['a'], { kind: 'fixed', ms: 1 });
  net.advanceTo(500);
  net.apply('a', [{ type: 'timer-set', timer: 9, atMs: 10 }]);
  expect(run(net, {}).map((s) => s.atMs)).toEqual([500]);
});

test('the network refuses to advance the clock past a pending event', () => {
  const net = makeNet(1, ['a'], { kind: 'fixed', ms: 1 });
  net.apply('a', [{ type: 'timer-set', timer: 1, atMs: 100 }]);
  expect(() => net.advanceTo(200)).toThrow('cannot advance to 200 ms past an event at 100 ms');
});

export const echoNode: FakeNode = (input) => (input.type === 'message' ? [{ type: 'write', conn: input.conn, bytes: input.bytes }] : []);
