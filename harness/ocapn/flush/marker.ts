/**
 * op:flush, FIFO-marker form (node option `flush: 'marker'`): `<op:flush TO ACK>`, TO a promise
 * (`desc:answer` or `desc:export`) on the old path, ACK a resolver the sender exports.
 * Spec: the endo marker branch (harness/ocapn/README.md, "op:flush"): a marker that follows the
 * earlier messages to wherever they went, instead of a swap.
 * View: three roles.
 *  - HOLDER H: one of its promises on the old path (an answer or an imported promise hosted by
 *    S) is fulfilled with a handoff (a shortening). H does not switch at once: it fulfils the
 *    promise LOCALLY with a fresh promise p′ (its later sends queue at H) and sends the marker
 *    `<op:flush <old> <ACK>>` on the old path, behind everything it sent there before.
 *  - Each node on the path: when the marker's TO is an answer whose call went on to another
 *    peer's promise (a shortening node pipelines such calls, session/dispatch.ts), it passes the
 *    marker on to that peer, behind the calls it passed on before, with an ACK of its own that
 *    relays the acknowledgement back.
 *  - The END of the path (TO is local here): every earlier message has reached TO's promise
 *    (FIFO on each link), so it acknowledges at once: `fulfill` to ACK.
 * When the acknowledgement is back, H lets p′ follow the handoff: its queued calls go the short
 * way and find the old ones already at the end. Nothing is swapped on the wire.
 * Shares its wire shape with the shortener-initiated form (two descriptors): the node's `flush`
 * option says which one it speaks; both ends must agree.
 * Guarantees: the holder never stays stuck — a marker that cannot travel on (its session ended,
 * the ACK broke, or a session it was relayed on ended before the answer) releases the held calls
 * anyway (liveness over order, and said so here).
 */
import { isHandoffPromise } from '../handoff/receiver.js';
import { violation } from '../violation.js';
import type { OpFlushResolver, RefDesc } from '../wire/index.js';
import type { SessionPort } from '../captp/session-port.js';
import { fromPassable } from '../captp/marshal.js';
import { remotePromises } from '../captp/invoke.js';
import { hooksFor, localDesc, makeResolver, resolveRemote } from '../captp/references.js';
import type { FlushDesignPort } from '../captp/flush-port.js';
import { none } from './none.js';

/** Holder side (the design's holdShortening): queue locally and send the marker; true when holding. */
function holdForMarker(session: SessionPort, old: RefDesc<'desc:export' | 'desc:answer'>, value: unknown, fulfil: (v: unknown) => void): boolean {
  if (session.host.options.defects?.shortenWithoutFence || !isHandoffPromise(value) || session.state !== 'live') return false;
  let release!: (v: unknown) => void;
  const fresh = new Promise((resolve) => {
    release = resolve;
  });
  fresh.catch(() => {});
  fulfil(fresh);
  const position = Number(old.position);
  const ack = makeResolver(
    () => {
      session.host.emit({ type: 'flush-done', peer: session.peerName, position });
      release(value);
    },
    () => release(value),
  );
  // No acknowledgement can come once the old path's session is gone: let the calls go.
  session.whenEnded(() => release(value));
  session.send(() => ({ type: 'op:flush', to: old, confirm: localDesc(session, ack) as OpFlushResolver['confirm'] }));
  session.host.emit({ type: 'flush-sent', peer: session.peerName, position });
  return true;
}

/**
 * A marker arrived: its TO checked (an answer here, or one of our exported promises), how to
 * acknowledge it, and — for an answer — when every call passed on before it has left: two turns
 * after the answer's outcome, like a pipelined call's own send (dispatch.ts pipelineOnward →
 * invoke). Undefined `passedOn`: TO is the end of the path.
 */
export function receiveMarker(session: SessionPort, op: OpFlushResolver): { acknowledge: () => void; passedOn?: Promise<{ ok: boolean; value?: unknown }> } {
  let onward: Promise<{ ok: boolean; value?: unknown }> | undefined;
  if (op.to.type === 'desc:answer') {
    const answer = session.answers.get(op.to.position) ?? violation(`op:flush.to: desc:answer ${op.to.position} is not an answer on this session`);
    onward = answer.outcome;
  } else {
    const entry = session.exports.get(op.to.position) ?? violation(`op:flush.to: desc:export ${op.to.position} was never exported on this session`);
    if (entry.kind !== 'promise') violation(`op:flush.to: export ${op.to.position} is an object, not a promise`);
  }
  const ack = fromPassable(op.confirm, hooksFor(session));
  const acknowledge = () => resolveRemote(session, ack, 'fulfill', null);
  return onward ? { acknowledge, passedOn: onward.then((o) => Promise.resolve(o)) } : { acknowledge };
}

/** A node on the path: pass the marker on behind earlier forwarded calls, or acknowledge at the end. */
function onFlushMarker(session: SessionPort, op: OpFlushResolver): void {
  const { acknowledge, passedOn } = receiveMarker(session, op);
  if (!passedOn) return acknowledge();
  void passedOn
    .then((o) => {
      const next = o.ok && typeof o.value === 'object' && o.value !== null && remotePromises.has(o.value) ? session.host.locate(o.value) : undefined;
      if (!next || next.session.state !== 'live') return acknowledge();
      // Acknowledged once: by the next hop's answer, or by the end of the session to it (the
      // marker can go no further, and the holder must not wait for ever).
      let done = false;
      const once = () => {
        if (done) return;
        done = true;
        acknowledge();
      };
      next.session.whenEnded(once);
      const relay = makeResolver(once, once);
      next.session.send(() => ({ type: 'op:flush', to: next.desc, confirm: localDesc(next.session, relay) as OpFlushResolver['confirm'] }));
    });
}

export const marker: FlushDesignPort = {
  ...none,
  doc: "<op:flush TO SHORTENER>: a FIFO marker sent on the old path; it follows earlier messages to the promise's end and comes back as run(target) to SHORTENER, after which the holder switches paths (no swap)",
  // Its marker leaves on the old path, so a call a node relays there under strict forwarding
  // travels behind it.
  facts: { fenced: true, strictRelaysRideBehindFlush: true, explicitFlush: false, nodes: 'every-node' },
  holdShortening: holdForMarker,
  onFlush: (session, op) => ('to' in op ? onFlushMarker(session, op) : none.onFlush(session, op)),
};
