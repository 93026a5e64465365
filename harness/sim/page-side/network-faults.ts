/**
 * Fault actions on the page-owned network (docs/architecture.md "Faults"; Plan step kinds kill, stop,
 * restart, pause, resume, partition, heal, reset, stall). View: the network; the runner does the
 * worker half (terminate, shutdown, start) and calls these for the wire half.
 * Guarantees: every fault is recorded as a `fault` event before its consequences; a killed node's
 * in-flight frames (both ways) are dropped and its peers see `reset`; a partition in drop mode
 * resets what crosses it and refuses new connections until healed, in hold mode it holds every
 * frame at the cut and releases them in order on heal; a stall carries no bytes either way until
 * it ends but keeps connections open (a node's own inactivity timer may then tear them down).
 */
import type { VirtualMs } from '../../ocapn/world.js';
import type { PartitionMode } from '../../scenario/vocabulary.js';
import { pairKey, type Network, type Side } from './network.js';

function connectionsBetween(net: Network, a: string, b: string) {
  return [...net.live.values()].filter((c) => (c.nodes[0] === a && c.nodes[1] === b) || (c.nodes[0] === b && c.nodes[1] === a));
}

function forgetNode(net: Network, name: string): void {
  const node = net.node(name);
  node.timers.clear();
  node.parked.length = 0;
  node.conns.clear();
}

/** Abrupt death: no goodbye, nothing in flight survives; peers see `reset: killed`. */
export function killNode(net: Network, name: string): void {
  net.recorder.add({ kind: 'fault', fault: 'kill', nodes: [name] });
  net.node(name).status = 'down';
  for (const conn of [...net.live.values()]) {
    const side = conn.nodes.indexOf(name);
    if (side < 0) continue;
    const other: Side = side === 0 ? 1 : 0;
    net.reset(conn, `killed: ${name}`, [other]);
  }
  forgetNode(net, name);
}

/** After the node's graceful shutdown turn (its closes are already applied): it says nothing more,
 * while the fins and frames it wrote before stopping are still delivered. */
export function markStopped(net: Network, name: string): void {
  net.recorder.add({ kind: 'fault', fault: 'stop', nodes: [name] });
  const node = net.node(name);
  // Anything it did not close itself is closed for it now, gracefully, so the peers still see
  // `closed` and not silence.
  for (const conn of [...node.conns.values()]) {
    if (conn.ended) continue;
    net.closeLocal(node, conn.nodes[0] === name ? conn.refs[0] : conn.refs[1]!);
  }
  node.status = 'stopped';
  forgetNode(net, name);
}

/** Records the restart; the runner then starts a new host and calls `nodeStarted`. */
export function recordRestart(net: Network, name: string, mode: 'keep' | 'fresh', incarnation: number): void {
  net.recorder.add({ kind: 'fault', fault: mode === 'keep' ? 'restart-keep' : 'restart-fresh', nodes: [name], detail: `incarnation ${incarnation}` });
}

export function pauseNode(net: Network, name: string): void {
  net.recorder.add({ kind: 'fault', fault: 'pause', nodes: [name] });
  const node = net.node(name);
  if (node.status === 'up') node.status = 'paused';
}

/** Held deliveries go back in the queue at the current time, in the order they were held. */
export function resumeNode(net: Network, name: string): void {
  net.recorder.add({ kind: 'fault', fault: 'resume', nodes: [name] });
  const node = net.node(name);
  if (node.status !== 'paused') return;
  node.status = 'up';
  for (const event of node.parked.splice(0)) net.queue.push(net.nowMs, event);
}

/**
 * drop: what crosses the cut is lost — current connections reset, new ones refused until heal.
 * hold: nothing crosses the cut but nothing is lost — each pipe's head waits at the cut (FIFO
 * kept, connections stay open, a new connection's accept waits too) and flows on heal.
 */
export function partition(net: Network, a: string, b: string, mode: PartitionMode = 'drop'): void {
  net.recorder.add({ kind: 'fault', fault: 'partition', nodes: [a, b], ...(mode === 'hold' ? { detail: 'hold' } : {}) });
  if (mode === 'hold') {
    net.held.set(pairKey(a, b), []);
    return;
  }
  net.partitioned.add(pairKey(a, b));
  for (const conn of connectionsBetween(net, a, b)) net.reset(conn, 'partition');
}

/** Held pipe heads go back in the queue at the current time, in the order they reached the cut. */
export function heal(net: Network, a: string, b: string): void {
  net.recorder.add({ kind: 'fault', fault: 'heal', nodes: [a, b] });
  const key = pairKey(a, b);
  net.partitioned.delete(key);
  net.stalledUntil.delete(key);
  const held = net.held.get(key) ?? [];
  net.held.delete(key);
  for (const event of held) net.queue.push(net.nowMs, event);
}

export function resetBetween(net: Network, a: string, b: string): void {
  net.recorder.add({ kind: 'fault', fault: 'reset', nodes: [a, b] });
  for (const conn of connectionsBetween(net, a, b)) net.reset(conn, 'reset fault');
}

export function stall(net: Network, a: string, b: string, forMs: VirtualMs): void {
  net.recorder.add({ kind: 'fault', fault: 'stall', nodes: [a, b], detail: `${forMs} ms` });
  const key = pairKey(a, b);
  net.stalledUntil.set(key, Math.max(net.stalledUntil.get(key) ?? 0, net.nowMs + forMs));
}
