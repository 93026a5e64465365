/**
 * op:flush, receiver-initiated form: `<op:flush N>` from the importer of promise N, answered by
 * `<op:flush-done N>` from its exporter after swapping a fresh promise into export slot N.
 * Spec: endo branch `claude/ocapn-flush-veil-proof` and its Lean model (harness/ocapn/README.md,
 * "op:flush"). Experimental: gated by the node option `flush: 'receiver-initiated'`.
 *
 * The hazard: an importer that is about to hand promise N on (or shorten it) wants
 * per-reference FIFO — everything it sent on N before the handoff must be dispatched before
 * anything sent on the new path. Pairwise FIFO alone does not give that across two paths.
 *
 * The design: when the exporter processes op:flush, every message the importer sent on N
 * before the flush has already been dispatched on the original promise p (channel FIFO — the
 * first fence). The exporter then puts a fresh promise p′ in slot N, so anything that arrives
 * for `desc:export N` afterwards queues on p′ and cannot overtake the phase-1 messages; it
 * acknowledges with op:flush-done, which by FIFO on the way back tells the importer that
 * everything before it was seen (the second fence the handoff builds on).
 *
 * Why the refcount is KEPT: the importer's references to N that are already on the wire (or
 * held by it) were counted against the slot, not against p. Restarting the count would let a
 * later op:gc-exports with the true wire delta drive the count below zero, or free the slot
 * while references are still live (mutant `flush-resets-refcount` plants exactly that).
 * Alternatives rejected here: a pure FIFO marker without a swap gives no point at which
 * later messages are held back; the resolver-targeted spec PR form (`<op:flush TO CONFIRM>`) goes the other way
 * and needs the handoff machinery this node does not have yet.
 *
 * What p′ resolves to (our decision, documented in drivers/README.md): by default
 * (`flushResolution: 'follow-original'`) p′ follows p, so messages queued on p′ are dispatched
 * after every message queued on p, in order, once p settles. With `'manual'`, p′ stays pending
 * until the harness calls `resolveFlushed(peer, position, value)` — the place where a completed
 * handoff would resolve it.
 *
 * Trace marks (which of these paths a run really took, for scenario `sometimes`): flush/marks.ts.
 */
import { violation } from '../violation.js';
import type { SessionPort } from '../captp/session-port.js';
import { watchExport } from '../captp/references.js';
import type { FlushDesignPort } from '../captp/flush-port.js';
import { noteDelivery, noteFlushDone, noteSwap } from './marks.js';
import { none } from './none.js';
import { breakError } from '../break-reason.js';

/** Importer side: send `<op:flush N>`; resolves on `<op:flush-done N>`, rejects if the session ends. */
function requestFlush(session: SessionPort, position: bigint): Promise<void> {
  if (session.state !== 'live') return Promise.reject(breakError('flush-rejected', `flush: session with ${session.peerName} is not live`));
  if (session.pendingFlushes.has(position)) return Promise.reject(breakError('flush-rejected', `flush: a flush of position ${position} is already pending`));
  const done = new Promise<void>((resolve, reject) => session.pendingFlushes.set(position, { resolve, reject }));
  done.catch(() => {});
  session.send({ type: 'op:flush', position });
  session.host.emit({ type: 'flush-sent', peer: session.peerName, position: Number(position) });
  return done;
}

/** Exporter side: swap a fresh promise into slot N (refcount kept), then acknowledge. */
function onFlush(session: SessionPort, position: bigint): void {
  const entry = session.exports.get(position) ?? violation(`op:flush.position: export ${position} was never exported on this session`);
  if (entry.kind !== 'promise') violation(`op:flush.position: export ${position} is an object, not a promise`);
  const defects = session.host.options.defects ?? {};
  if (!defects.flushWithoutSwap) {
    const original = entry.value as Promise<unknown>;
    let settle!: { resolve: (v: unknown) => void; reject: (e: unknown) => void };
    const fresh = new Promise((resolve, reject) => {
      settle = { resolve, reject };
    });
    fresh.catch(() => {});
    session.exports.swap(position, fresh);
    noteSwap(session, position, fresh);
    if (defects.flushResetsRefcount) entry.refcount = 1;
    if ((session.host.options.flushResolution ?? 'follow-original') === 'follow-original') settle.resolve(original);
    else session.flushedSettlers.set(position, settle);
    watchExport(session, entry);
    session.host.emit({ type: 'export-replaced', peer: session.peerName, position: Number(position), refcount: entry.refcount });
  }
  noteFlushDone(session, position);
  session.send({ type: 'op:flush-done', position });
}

/** Importer side: the ack. One pending flush per position; an unexpected ack is a violation. */
function onFlushDone(session: SessionPort, position: bigint): void {
  const pending = session.pendingFlushes.get(position) ?? violation(`op:flush-done.position: no op:flush of position ${position} is pending`);
  session.pendingFlushes.delete(position);
  session.host.emit({ type: 'flush-done', peer: session.peerName, position: Number(position) });
  pending.resolve();
}

/** Harness hook (manual resolution): settle the fresh promise in slot N. */
export function resolveFlushed(session: SessionPort, position: bigint, outcome: { value: unknown } | { error: unknown }): void {
  const settle = session.flushedSettlers.get(position);
  if (!settle) throw new Error(`resolveFlushed: export ${position} to ${session.peerName} holds no unresolved flushed promise`);
  session.flushedSettlers.delete(position);
  if ('value' in outcome) settle.resolve(outcome.value);
  else settle.reject(outcome.error);
}

export const receiverInitiated: FlushDesignPort = {
  ...none,
  doc: '<op:flush N> from the importer of promise N, <op:flush-done N> from its exporter after swapping a fresh promise into slot N (refcount kept); the explicit flush step',
  facts: { fenced: false, strictRelaysRideBehindFlush: false, explicitFlush: true, nodes: 'flush-step-pair', defaultWhen: 'a-step-flushes' },
  onFlush: (session, op) => ('to' in op ? none.onFlush(session, op) : onFlush(session, op.position)),
  onFlushDone,
  requestFlush,
  onDelivery: noteDelivery,
  // An explicit flush still unacknowledged can be acknowledged by nobody now.
  onSessionEnd: (session, error) => {
    for (const pending of session.pendingFlushes.values()) pending.reject(error);
  },
};
