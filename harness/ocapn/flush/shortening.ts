/**
 * Promise shortening and the fence each op:flush design builds before it (node options
 * `handoffs: 'shorten'` and `flush`).
 * Spec: the spec's promise-shortening pull request (`<op:flush TO CONFIRM>`), the endo branch
 * forms (harness/ocapn/README.md, "op:flush" and "Promise shortening").
 * View: the SHORTENER S — a node about to tell a peer's resolver (the HOLDER H's) that our
 * promise is fulfilled with a reference a third peer T hosts. Shortening means H gets a handoff
 * to T's reference (handoff/gifter.ts) instead of a proxy through S, and talks to T directly.
 * The hazard (the "nightmare"): messages H sent on the old path H→S→T can still be on their way
 * when H starts sending on the new path H→T, and overtake them at T.
 *
 * Designs (chosen per node by `options.flush`):
 *  - `none`: naive shortening — S writes `fulfill <handoff-give>` to H's resolver at once.
 *  - `shortener-initiated`: S first writes `<op:flush <desc:export R> <desc:import-object C>>`
 *    to H (R: H's resolver, C: a confirm resolver S exports) and keeps forwarding what H pipelines
 *    on the old path. H, on op:flush, fulfils R LOCALLY with a fresh promise p′ (its later sends
 *    on the reference queue on p′, at H) and fulfils C with a fresh resolver r′. Every message H
 *    sent before is ahead of that confirm on H→S, so S has forwarded them towards T before it
 *    deposits the gift (deposit-gift follows them on S→T); S then fulfils r′ with the give, H
 *    withdraws (answered only after the deposit) and p′ follows T's reference.
 *  - `receiver-initiated` and `marker`: no automatic fence (receiver-initiated has its explicit
 *    `flush` step, flush/receiver-initiated.ts); they shorten like `none`.
 * Guarantees: a fence never drops a message — S forwards everything that reaches it on the old
 * path until the confirm; a confirm after the session ended is ignored; an op:flush naming
 * anything but one of our own resolvers is a protocol violation.
 */
import { Far } from '@endo/pass-style';
import { descExport, type OpFlushResolver } from '../wire/index.js';
import { violation } from '../violation.js';
import type { SessionPort } from '../captp/session-port.js';
import { fromPassable } from '../captp/marshal.js';
import { hooksFor, isResolver, localDesc, makeResolver, resolveRemote } from '../captp/references.js';
import type { FlushDesignPort } from '../captp/flush-port.js';
import { none } from './none.js';

function isReference(value: unknown): value is object {
  return (typeof value === 'object' || typeof value === 'function') && value !== null;
}

/** Shortener side: tell the peer's resolver `resolver` that our promise is fulfilled with `value`. */
function fulfillFenced(session: SessionPort, resolver: unknown, value: unknown): void {
  const fenced = !session.host.options.defects?.shortenWithoutFence;
  if (fenced && isReference(value) && session.state === 'live' && session.host.handsOff(session, value)) {
    flushThenFulfill(session, resolver, value);
    return;
  }
  none.fulfil(session, resolver, value);
}

function flushThenFulfill(session: SessionPort, resolver: unknown, value: object): void {
  const entry = session.imports.byValue.get(resolver as object);
  if (!entry) return; // released meanwhile: nobody to tell
  const position = entry.position;
  // Mutant `shortener-flush-without-confirm`: the gift is deposited now, not after the confirm,
  // so the deposit can overtake calls the holder sent before the flush.
  const early = session.host.options.defects?.shortenWithoutConfirm ? session.host.giveHandoff(session, value) : undefined;
  let confirmed = false;
  const confirm = Far('FlushConfirm', {
    fulfill: (fresh: unknown) => {
      if (confirmed) return;
      confirmed = true;
      if (session.state !== 'live') return;
      session.host.emit({ type: 'flush-done', peer: session.peerName, position: Number(position) });
      resolveRemote(session, fresh, 'fulfill', early ?? value);
    },
    break: () => {
      confirmed = true;
    },
  });
  session.send(() => ({ type: 'op:flush', to: descExport(position), confirm: localDesc(session, confirm) as OpFlushResolver['confirm'] }));
  session.host.emit({ type: 'flush-sent', peer: session.peerName, position: Number(position) });
}

/** Holder side: `<op:flush TO CONFIRM>` — swap our own resolver's promise for a fresh one, confirm with r′. */
function onFlushResolver(session: SessionPort, op: OpFlushResolver): void {
  if (op.to.type !== 'desc:export') violation('op:flush.to: must be desc:export of one of our resolvers');
  const entry = session.exports.get(op.to.position) ?? violation(`op:flush.to: desc:export ${op.to.position} was never exported on this session`);
  const resolver = entry.value;
  if (!isResolver(resolver)) violation(`op:flush.to: export ${op.to.position} is not a resolver`);
  const confirm = fromPassable(op.confirm, hooksFor(session));
  let settle!: { resolve: (v: unknown) => void; reject: (e: unknown) => void };
  const fresh = new Promise((resolve, reject) => {
    settle = { resolve, reject };
  });
  fresh.catch(() => {});
  // From now on our sends on the reference queue on `fresh`, here, until the shortener resolves r′.
  resolver.fulfill(fresh);
  const replacement = makeResolver(settle.resolve, settle.reject);
  resolveRemote(session, confirm, 'fulfill', replacement);
}

export const shortenerInitiated: FlushDesignPort = {
  ...none,
  doc: "<op:flush TO CONFIRM> from the shortener to the holder's resolver TO; the holder swaps in a fresh local promise p′ and fulfils CONFIRM with a fresh resolver r′, which the shortener resolves with the handed-off reference",
  facts: { fenced: true, strictRelaysRideBehindFlush: false, explicitFlush: false, nodes: 'every-node' },
  fulfil: fulfillFenced,
  onFlush: (session, op) => ('to' in op ? onFlushResolver(session, op) : none.onFlush(session, op)),
};
