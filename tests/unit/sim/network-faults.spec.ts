/**
 * Goal: each network fault does what docs/architecture.md "Faults" says and nothing more: kill drops what
 * is in flight and resets peers, a partition resets and refuses until healed, a stall delays both
 * directions without breaking FIFO, reset breaks the connection, pause holds deliveries, stop
 * closes gracefully. Method: fake nodes over a real Network; assertions on deliveries and on the
 * recording.
 */
import { test, expect } from '@playwright/test';
import { bytes, makeNet, run, silent } from './_fake-nodes.js';
import { heal, killNode, markStopped, partition, pauseNode, resetBetween, resumeNode, stall } from '../../../harness/sim/page-side/network-faults.js';
import type { Network } from '../../../harness/sim/page-side/network.js';

const fixed = (ms: number) => ({ kind: 'fixed', ms }) as const;

function connected(seed = 1, latencyMs = 10): Network {
  const net = makeNet(seed, ['a', 'b', 'c'], fixed(latencyMs));
  net.apply('a', [{ type: 'connect', conn: 'a1', target: 'b' }]);
  run(net, {});
  return net;
}

test('kill: in-flight frames both ways are dropped, the peer sees reset, later writes go nowhere', () => {
  const net = connected();
  net.apply('a', [{ type: 'write', conn: 'a1', bytes: bytes(1) }]);
  net.apply('b', [{ type: 'write', conn: 'c1', bytes: bytes(2) }]);
  killNode(net, 'b');
  net.apply('b', [{ type: 'write', conn: 'c1', bytes: bytes(3) }]);
  const seen = run(net, {});
  expect(seen).toEqual([{ node: 'a', atMs: 10, input: { type: 'end', conn: 'a1', end: { kind: 'reset', reason: 'killed: b' } } }]);
  const phases = net.recorder.events.filter((e) => e.kind === 'frame').map((e) => e.kind === 'frame' && `${e.phase}#${e.frame}`);
  expect(phases).toEqual(['sent#1', 'sent#2', 'dropped#1', 'dropped#2']);
  expect(net.recorder.events.some((e) => e.kind === 'fault' && e.fault === 'kill')).toBe(true);
});

test('kill: the dead node gets no timers, and a dial to it is reset as unreachable', () => {
  const net = makeNet(1, ['a', 'b'], fixed(5));
  net.apply('b', [{ type: 'timer-set', timer: 1, atMs: 50 }]);
  killNode(net, 'b');
  net.apply('a', [{ type: 'connect', conn: 'a1', target: 'b' }]);
  const seen = run(net, {});
  expect(seen).toEqual([{ node: 'a', atMs: 5, input: { type: 'end', conn: 'a1', end: { kind: 'reset', reason: 'unreachable: b is down', unreachable: true } } }]);
});

test('restart: a new incarnation never receives the old incarnation’s connections or timers', () => {
  const net = connected();
  net.apply('b', [{ type: 'timer-set', timer: 1, atMs: 100 }]);
  killNode(net, 'b');
  net.nodeStarted('b', 1);
  const seen = run(net, {});
  expect(seen.filter((s) => s.node === 'b')).toEqual([]);
  expect(net.node('b').conns.size).toBe(0);
});

test('partition: connections across it are reset, dials refused; after heal they work', () => {
  const net = connected();
  partition(net, 'b', 'a');
  const afterCut = run(net, {});
  expect(afterCut.map((s) => [s.node, s.input.type])).toEqual(expect.arrayContaining([['a', 'end'], ['b', 'end']]));
  net.apply('a', [{ type: 'connect', conn: 'a2', target: 'b' }]);
  expect(run(net, {})).toEqual([{ node: 'a', atMs: 10, input: { type: 'end', conn: 'a2', end: { kind: 'reset', reason: 'partition' } } }]);
  heal(net, 'a', 'b');
  net.apply('a', [{ type: 'connect', conn: 'a3', target: 'b' }, { type: 'write', conn: 'a3', bytes: bytes(7) }]);
  expect(run(net, {}).map((s) => s.input.type)).toEqual(['accept', 'message']);
});

test('partition mode hold: frames wait at the cut, nothing is reset, and on heal they flow in order', () => {
  const net = connected();
  partition(net, 'a', 'b', 'hold');
  for (let i = 0; i < 5; i++) net.apply('a', [{ type: 'write', conn: 'a1', bytes: bytes(i) }]);
  net.apply('b', [{ type: 'write', conn: 'c1', bytes: bytes(9) }]);
  net.apply('a', [{ type: 'connect', conn: 'a2', target: 'b' }]);
  expect(run(net, {})).toEqual([]);
  expect(net.live.size).toBe(2);
  heal(net, 'b', 'a');
  const seen = run(net, {});
  // FIFO per connection; the new connection's accept may come before or after (another pipe).
  const toB = seen.filter((s) => s.node === 'b' && s.input.type === 'message').map((s) => s.input.type === 'message' && s.input.bytes[0]);
  expect(toB).toEqual([0, 1, 2, 3, 4]);
  expect(seen.filter((s) => s.node === 'b' && s.input.type === 'accept')).toHaveLength(1);
  expect(seen.filter((s) => s.node === 'a').map((s) => s.input.type)).toEqual(['message']);
  expect(seen.some((s) => s.input.type === 'end')).toBe(false);
  const cut = net.recorder.events.find((e) => e.kind === 'fault' && e.fault === 'partition');
  expect(cut?.kind === 'fault' && cut.detail).toBe('hold');
});

test('partition mode drop (the default) loses what is in flight', () => {
  const net = connected();
  net.apply('a', [{ type: 'write', conn: 'a1', bytes: bytes(1) }]);
  partition(net, 'a', 'b', 'drop');
  heal(net, 'a', 'b');
  const seen = run(net, {});
  expect(seen.some((s) => s.input.type === 'message')).toBe(false);
  expect(seen.filter((s) => s.input.type === 'end')).toHaveLength(2);
});

test('a partition between a and b leaves a and c alone', () => {
  const net = connected();
  net.apply('a', [{ type: 'connect', conn: 'ac', target: 'c' }]);
  run(net, {});
  partition(net, 'a', 'b');
  net.apply('a', [{ type: 'write', conn: 'ac', bytes: bytes(1) }]);
  expect(run(net, {}).filter((s) => s.node === 'c').map((s) => s.input.type)).toEqual(['message']);
});

test('stall: no bytes either way until it ends, then everything in order', () => {
  const net = connected(1, 10);
  stall(net, 'a', 'b', 1000);
  for (let i = 0; i < 5; i++) net.apply('a', [{ type: 'write', conn: 'a1', bytes: bytes(i) }]);
  net.apply('b', [{ type: 'write', conn: 'c1', bytes: bytes(9) }]);
  const seen = run(net, {});
  expect(seen.every((s) => s.atMs >= 1010)).toBe(true);
  const toB = seen.filter((s) => s.node === 'b').map((s) => s.input.type === 'message' && s.input.bytes[0]);
  expect(toB).toEqual([0, 1, 2, 3, 4]);
  expect(seen.filter((s) => s.node === 'a')).toHaveLength(1);
  expect(net.live.size).toBe(1);
});

test('reset fault: both sides see reset with the fault as reason; frames in flight are dropped', () => {
  const net = connected();
  net.apply('a', [{ type: 'write', conn: 'a1', bytes: bytes(1) }]);
  resetBetween(net, 'a', 'b');
  const seen = run(net, {});
  expect(seen.map((s) => [s.node, s.input])).toEqual(
    expect.arrayContaining([
      ['a', { type: 'end', conn: 'a1', end: { kind: 'reset', reason: 'reset fault' } }],
      ['b', { type: 'end', conn: 'c1', end: { kind: 'reset', reason: 'reset fault' } }],
    ]),
  );
  expect(seen).toHaveLength(2);
});

test('pause holds deliveries (and timers) until resume, then delivers them in order', () => {
  const net = connected();
  pauseNode(net, 'b');
  net.apply('a', [{ type: 'write', conn: 'a1', bytes: bytes(1) }, { type: 'write', conn: 'a1', bytes: bytes(2) }]);
  net.apply('b', [{ type: 'timer-set', timer: 4, atMs: 15 }]);
  expect(run(net, {})).toEqual([]);
  net.advanceTo(500);
  resumeNode(net, 'b');
  const seen = run(net, {});
  expect(seen.every((s) => s.atMs === 500)).toBe(true);
  const messages = seen.filter((s) => s.input.type === 'message').map((s) => s.input.type === 'message' && s.input.bytes[0]);
  expect(messages).toEqual([1, 2]);
  expect(seen.some((s) => s.input.type === 'timer')).toBe(true);
});

test('stop: what the node wrote before stopping still arrives, then its peers see closed', () => {
  const net = connected();
  net.apply('a', [{ type: 'write', conn: 'a1', bytes: bytes(1) }]);
  markStopped(net, 'a');
  net.apply('a', [{ type: 'write', conn: 'a1', bytes: bytes(2) }]);
  const seen = run(net, { b: silent });
  expect(seen.map((s) => s.input.type)).toEqual(['message', 'end']);
  expect(seen[1].input).toEqual({ type: 'end', conn: 'c1', end: { kind: 'closed' } });
});

/** The frame numbers b is handed from a, in delivery order, after `act` on frames 1..5 in flight. */
function reordered(seed: number, act: (net: Network) => void): { order: number[]; detail: string | undefined } {
  const net = connected(seed);
  net.apply('a', [1, 2, 3, 4, 5].map((n) => ({ type: 'write', conn: 'a1', bytes: bytes(n) }) as const));
  act(net);
  run(net, {});
  const order = net.recorder.events.flatMap((e) => (e.kind === 'frame' && e.phase === 'delivered' ? [e.frame] : []));
  const fault = net.recorder.events.find((e) => e.kind === 'fault');
  return { order, detail: fault?.kind === 'fault' ? fault.detail : undefined };
}

test('reorderInFlight: frames in flight change places within the window, from the seed; arrival times stay ordered', () => {
  expect(reordered(1, () => {}).order).toEqual([1, 2, 3, 4, 5]);
  const orders = [1, 2, 3, 4, 5, 6].map((seed) => reordered(seed, (net) => net.reorderInFlight('a', 'b', 3, 'reorder-window' as never)));
  for (const { order, detail } of orders) {
    // Only the first three change places; the rest keep theirs.
    expect([...order.slice(0, 3)].sort()).toEqual([1, 2, 3]);
    expect(order.slice(3)).toEqual([4, 5]);
    expect(detail).toBe(`c1: frames arrive as ${order.slice(0, 3).join(', ')}`);
  }
  // Some seed moves a frame, and the same seed moves them the same way.
  expect(orders.some(({ order }) => order.join() !== '1,2,3,4,5')).toBe(true);
  expect(reordered(4, (net) => net.reorderInFlight('a', 'b', 3, 'reorder-window' as never))).toEqual(orders[3]);
  // The other direction has nothing in flight: said so, nothing moves.
  expect(reordered(1, (net) => net.reorderInFlight('b', 'a', 3, 'reorder-window' as never)).detail).toBe('no frames in flight');
});
