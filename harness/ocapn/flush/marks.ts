/**
 * Trace marks of the receiver-initiated op:flush (flush/receiver-initiated.ts): node `mark`
 * events that tell a scenario its race was really run, not just that a flush completed.
 * Spec: flush/receiver-initiated.ts (the swap, the two fences); marks are harness-only
 * (drivers/driver.ts NodeEvent `mark`), nothing of this reaches the wire.
 * View: the exporter of slot N, i.e. only facts this node can observe locally.
 * Marks:
 *  - `flush:delivery-queued-on-fresh-promise` — an op:deliver(-only) addressed to `desc:export N`
 *    arrived after the swap while the fresh promise p′ in the slot was still unsettled, so the
 *    call waits on p′ behind everything sent on the original (the hold-back the swap exists for).
 *  - `flush:done-before-forwarded-answered` — op:flush-done N leaves while a delivery dispatched
 *    on slot N before the flush is still unanswered. Named "answered", not "arrived": whether a
 *    call the exporter passed on has reached its final target is not observable here (CapTP has
 *    no arrival ack); its answer coming back is the earliest local proof it got there. So the
 *    mark shows the first fence only covers dispatch at the exporter, not arrival downstream.
 * Guarantees: marks are emitted from the turn that does the thing, in that turn's event order;
 * no table, wire or timing effect; state lives in a WeakMap keyed by session (dies with it).
 */
import type { RefDesc } from '../wire/index.js';
import type { SessionPort } from '../captp/session-port.js';

export const MARK_QUEUED_ON_FRESH = 'flush:delivery-queued-on-fresh-promise';
export const MARK_DONE_BEFORE_ANSWERED = 'flush:done-before-forwarded-answered';

/** The marks above with their documentation: what scenarios may name (the schema's mark list). */
export const FLUSH_MARKS: Readonly<Record<string, string>> = {
  [MARK_QUEUED_ON_FRESH]: 'a call to a flushed slot arrived after the swap and waited on the fresh, still unsettled promise',
  [MARK_DONE_BEFORE_ANSWERED]: 'op:flush-done left while a call dispatched on the slot before the flush was still unanswered',
};

interface SlotWatch {
  /** The promise the last op:flush swapped in, and whether it has settled since. */
  fresh?: { promise: object; settled: boolean };
  /** Results of deliveries dispatched on this slot that have not settled yet. */
  unanswered: Set<Promise<unknown>>;
}

const watches = new WeakMap<SessionPort, Map<bigint, SlotWatch>>();

function slot(session: SessionPort, position: bigint): SlotWatch {
  let bySlot = watches.get(session);
  if (!bySlot) watches.set(session, (bySlot = new Map()));
  let watch = bySlot.get(position);
  if (!watch) bySlot.set(position, (watch = { unanswered: new Set() }));
  return watch;
}

/** Called (the receiver-initiated design's onDelivery) for every op:deliver / op:deliver-only once its target is looked up and invoked. */
export function noteDelivery(session: SessionPort, to: RefDesc, result: Promise<unknown>): void {
  if (to.type !== 'desc:export') return;
  const entry = session.exports.get(to.position);
  if (!entry || entry.kind !== 'promise') return;
  const watch = slot(session, to.position);
  if (watch.fresh && watch.fresh.promise === entry.value && !watch.fresh.settled) {
    session.host.emit({ type: 'mark', name: MARK_QUEUED_ON_FRESH, detail: `${session.peerName} export ${to.position}` });
  }
  watch.unanswered.add(result);
  const done = () => watch.unanswered.delete(result);
  result.then(done, done);
}

/** Called by onFlush right after it swapped `fresh` into slot `position`. */
export function noteSwap(session: SessionPort, position: bigint, fresh: Promise<unknown>): void {
  const watch = slot(session, position);
  const record = { promise: fresh, settled: false };
  watch.fresh = record;
  const settled = () => {
    record.settled = true;
  };
  fresh.then(settled, settled);
}

/** Called by onFlush just before it sends op:flush-done for `position`. */
export function noteFlushDone(session: SessionPort, position: bigint): void {
  const watch = watches.get(session)?.get(position);
  if (!watch || watch.unanswered.size === 0) return;
  session.host.emit({
    type: 'mark',
    name: MARK_DONE_BEFORE_ANSWERED,
    detail: `${session.peerName} export ${position}: ${watch.unanswered.size} unanswered`,
  });
}
