/**
 * Lock-step lookahead: the frames the page can PROVE it will hand to the same node right after
 * the delivery it is about to make, whatever that node answers — provided the answer is "safe"
 * (see below). They travel with the delivery in one request; the node takes them one by one,
 * draining after each exactly as between separate requests, and stops as soon as one of its
 * answers is not safe. The page still pops, records and applies every delivery and every answer
 * in the original order, and checks each popped delivery is the one the node already took, so
 * the recording is byte-identical with or without lookahead; only round trips are saved.
 * Spec anchor: docs/architecture.md (lock-step). View: the page (planning) and the node host
 * (the safety test, `isSafeAnswer` in harness/sim/answer-safety.ts, the rule both sides share).
 *
 * Why the prediction holds: right after popping delivery d1 at time T1, the queue head is a pipe
 * event whose reader is the same node. That head is popped next unless d1's answer pushes
 * something at or before it. Further frames of the same pipe follow it in FIFO order as long as
 * each would be queued strictly before every other queued event (S, the second-earliest) and
 * before the next scheduled kickoff send (sends go first at equal times). An answer is safe when
 * it cannot queue anything at or before the last predicted frame (H): its writes go over links
 * whose minimum latency L satisfies T1 + L > H, its timers are set after H (cancelling a timer
 * never reorders the rest), and it reports no app event or mark (the only things a wait's stop
 * condition other than `frame` reads; `frame` waits run without lookahead). Connects, closes and
 * shutdowns are never safe.
 */
import type { VirtualMs } from '../../ocapn/world.js';
import type { NetAhead } from '../protocol.js';
import type { Network } from './network.js';
import { pairKey } from './network-types.js';

/** At most this many frames ride along with one delivery (bounds a request's size and the work a
 * node does before the page hears from it). */
export const LOOKAHEAD_MAX = 64;

export interface AheadPlan {
  request: NetAhead;
  /** The predicted frames' byte arrays, compared by identity with what the page pops. */
  bytes: Uint8Array[];
}

/**
 * The frames `node` is certain to receive next (see the file comment), or undefined. Call right
 * after popping and noting the delivery to `node`; reads the network, changes nothing.
 */
export function planAhead(net: Network, node: string, untilMs: VirtualMs, nextSendAtMs: VirtualMs): AheadPlan | undefined {
  const top = net.queue.peek();
  if (!top || top.value.kind !== 'pipe') return undefined;
  const { conn, side } = top.value;
  const readerSide = side === 0 ? 1 : 0;
  const [source, target] = side === 0 ? conn.nodes : [conn.nodes[1], conn.nodes[0]];
  if (target !== node || conn.ended || conn.closed[readerSide]) return undefined;
  if (net.node(target).status !== 'up' || net.held.has(pairKey(source, target))) return undefined;
  const stalled = net.stalledUntil.get(pairKey(source, target));
  if (stalled !== undefined && stalled > net.nowMs) return undefined;
  const ref = conn.refs[readerSide];
  if (ref === undefined) return undefined;

  const pipe = conn.pipes[side];
  const others = net.queue.peekSecondAtMs() ?? Infinity;
  const inputs: NetAhead['inputs'] = [];
  const bytes: Uint8Array[] = [];
  let at = top.atMs;
  for (let i = 0; i < LOOKAHEAD_MAX; i++) {
    const item = pipe.peekAt(i);
    if (!item || item.kind !== 'frame') break;
    // The head is already queued at `top.atMs`; each later one is queued when its predecessor is
    // taken, at max(that time, its arrival), with a fresh tie-break key: it must be strictly first.
    at = i === 0 ? top.atMs : Math.max(at, item.atMs);
    if (at > untilMs || at >= nextSendAtMs || (i > 0 && at >= others)) break;
    inputs.push({ input: { type: 'message', conn: ref, bytes: item.bytes }, nowMs: Math.max(net.nowMs, at) });
    bytes.push(item.bytes);
  }
  if (inputs.length === 0) return undefined;
  const horizonMs = inputs[inputs.length - 1].nowMs;
  const safeConns: string[] = [];
  for (const [localRef, c] of net.node(node).conns) {
    if (c.ended) continue;
    const peer = c.nodes[0] === node && c.refs[0] === localRef ? c.nodes[1] : c.nodes[0];
    if (net.nowMs + net.minLatencyMs(node, peer) > horizonMs) safeConns.push(localRef);
  }
  // Every answer writes somewhere; with no safe connection the first answer would end the batch.
  if (safeConns.length === 0) return undefined;
  return { request: { inputs, safeConns, horizonMs }, bytes };
}
