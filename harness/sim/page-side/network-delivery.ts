/**
 * The network's output side: turning the event at the head of the queue into a delivery for one
 * node — a frame, an accept, a graceful close (fin) or a reset — or into nothing when the event is
 * stale (dead incarnation, cancelled timer), held (paused node, stalled link) or dropped (the
 * reader closed its end). Spec anchor: docs/architecture.md (stages, faults). View: the page.
 * Guarantees: the recorder sees `accept`, `delivered`, `dropped` and `close` exactly when the
 * delivery is decided, so the recording's order is the delivery order; FIFO per pipe (one queued
 * head per pipe, re-scheduled after each take). Elsewhere: writes and connects in network.ts.
 */
import type { Delivery } from '../node-io.js';
import type { Network } from './network.js';
import type { QueueEvent, Side, SimConnection } from './network-types.js';
import { pairKey } from './network-types.js';

function parkIfPaused(net: Network, nodeName: string, event: QueueEvent): boolean {
  const node = net.nodes.get(nodeName);
  if (node?.status !== 'paused') return false;
  node.parked.push(event);
  return true;
}

/** What one popped event becomes: a delivery to a node, or nothing (stale, parked, dropped). */
export function takeDelivery(net: Network, event: QueueEvent): Delivery | undefined {
  switch (event.kind) {
    case 'timer': {
      const node = net.node(event.node);
      if (node.incarnation !== event.incarnation || !node.timers.has(event.timer)) return undefined;
      if (node.status !== 'up' && node.status !== 'paused') return undefined;
      if (parkIfPaused(net, node.name, event)) return undefined;
      node.timers.delete(event.timer);
      return { node: node.name, input: { type: 'timer', timer: event.timer } };
    }
    case 'end': {
      const name = event.conn.nodes[event.side];
      const node = net.node(name);
      if (node.incarnation !== event.conn.incarnations[event.side] || node.status === 'down' || node.status === 'stopped') return undefined;
      if (parkIfPaused(net, name, event)) return undefined;
      const ref = event.conn.refs[event.side]!;
      return { node: name, input: { type: 'end', conn: ref, end: event.end } };
    }
    case 'pipe':
      return takePipeHead(net, event.conn, event.side, event);
  }
}

function takePipeHead(net: Network, conn: SimConnection, side: Side, event: QueueEvent): Delivery | undefined {
  const pipe = conn.pipes[side];
  pipe.scheduled = false;
  if (conn.ended) return undefined;
  const readerSide: Side = side === 0 ? 1 : 0;
  const source = conn.nodes[side];
  const target = conn.nodes[readerSide];
  const held = net.held.get(pairKey(source, target));
  if (held) {
    // Partitioned in hold mode: the head waits at the cut and keeps its place (FIFO) until heal.
    pipe.scheduled = true;
    held.push(event);
    return undefined;
  }
  const stalled = net.stalledUntil.get(pairKey(source, target));
  if (stalled !== undefined && stalled > net.nowMs) {
    // No bytes either way while stalled; the head keeps its place, so FIFO holds.
    pipe.scheduled = true;
    net.queue.push(stalled, event);
    return undefined;
  }
  if (parkIfPaused(net, target, event)) {
    pipe.scheduled = true;
    return undefined;
  }
  const item = pipe.shift()!;
  const reader = net.node(target);
  let delivery: Delivery | undefined;
  if (item.kind === 'accept') {
    if (reader.status !== 'up') {
      net.reset(conn, `unreachable: ${target} is ${reader.status}`, [0], true);
      return undefined;
    }
    conn.accepted = true;
    conn.refs[1] = conn.id;
    conn.incarnations[1] = reader.incarnation;
    reader.conns.set(conn.id, conn);
    net.recorder.add({ kind: 'connection', event: 'accept', connection: conn.id, source: conn.nodes[0], target: conn.nodes[1] });
    delivery = { node: target, input: { type: 'accept', conn: conn.id } };
  } else if (item.kind === 'frame') {
    const { frame, index, bytes } = item;
    const common = { kind: 'frame', frame, connection: conn.id, index, source, target, length: bytes.length } as const;
    if (conn.closed[readerSide]) {
      net.recorder.add({ ...common, phase: 'dropped' });
    } else {
      net.recorder.add({ ...common, phase: 'delivered' });
      delivery = { node: target, source, input: { type: 'message', conn: conn.refs[readerSide]!, bytes: item.bytes } };
    }
  } else if (item.kind === 'rst') {
    // An abrupt close reached the reader: the connection ends as a reset, told to the reader only
    // (the writer closed its end; net.reset skips a closed side).
    net.reset(conn, `reset by ${source}`);
    return undefined;
  } else {
    // Graceful close reached the reader: it sees `closed`, and the connection is over.
    conn.ended = true;
    net.live.delete(conn.id);
    net.recorder.add({ kind: 'connection', event: 'close', connection: conn.id, source: conn.nodes[0], target: conn.nodes[1], reason: `closed by ${source}` });
    for (const dropped of conn.pipes[readerSide].drain()) {
      net.recorder.add({ kind: 'frame', phase: 'dropped', frame: dropped.frame, connection: conn.id, index: dropped.index, source: target, target: source, length: dropped.bytes.length });
    }
    if (!conn.closed[readerSide]) {
      const ref = conn.refs[readerSide]!;
      delivery = { node: target, input: { type: 'end', conn: ref, end: { kind: 'closed' } } };
    }
  }
  net.schedule(conn, side);
  return delivery;
}
