/**
 * op:flush design `marker-first-hop` (lab variant of flush/marker.ts): the holder's FIFO marker
 * is acknowledged by the first node on the old path as soon as the calls that node passed on
 * before it have left, without travelling on to the promise's end.
 * Why have it: it is the shortest wait a marker can buy — one round trip to the shortener, like
 * the shortener-initiated fence — and the counterexample raised on the spec's shortening PR
 * (OCapN PR #277: a slow shortener–terminator link with fast links to the holder) is exactly
 * where it must lose per-reference FIFO: calls the shortener passed on can still be on their way
 * to the terminator when the holder's first call on the short path gets there. A scenario that
 * runs this design beside `marker` shows the checkers telling the two apart.
 * Wire: the same `<op:flush TO ACK>` as `marker`; both ends must speak this design.
 */
import type { FlushDesignPort } from '../captp/flush-port.js';
import { marker, receiveMarker } from './marker.js';

export const markerFirstHop: FlushDesignPort = {
  ...marker,
  doc: "lab variant of marker: the holder's <op:flush TO ACK> is acknowledged by the first node on the old path once the calls it passed on before have left, not by the promise's end (one round trip; calls still in flight beyond the first node are not fenced)",
  // Fenced like marker, and its marker leaves on the old path the same way, so relayed calls
  // under strict forwarding ride behind it. Measured on concurrent-fences-adjacent-hops-strict
  // under this design, seeds 1..20: without this fact flushFence fails seeds 4, 7, 10, 12, 13,
  // 15 and 19 with marker's witness (bob's relayed op:deliver to TO before the acknowledgement),
  // exactly as under marker without it; perRefFifo holds on all 20.
  facts: { fenced: true, strictRelaysRideBehindFlush: true, explicitFlush: false, nodes: 'every-node' },
  onFlush: (session, op) => {
    if (!('to' in op)) return marker.onFlush(session, op);
    const { acknowledge, passedOn } = receiveMarker(session, op);
    if (!passedOn) return acknowledge();
    void passedOn.then(acknowledge);
  },
};
