/**
 * op:flush design `none`: no fence and no op:flush. A promise that resolves to a third-party
 * reference is shortened at once (naive shortening; per-reference FIFO can break).
 * Also what every other design starts from: the refusals a node speaking no (or another) flush
 * form answers with, and the no-ops, so each design module states only where it differs.
 * Guarantees: an op:flush or op:flush-done this node does not speak is a protocol violation
 * naming the op; an explicit flush is refused, never silently done.
 */
import { violation } from '../violation.js';
import type { FlushDesignPort } from '../captp/flush-port.js';
import { resolveRemote } from '../captp/references.js';
import { breakError } from '../break-reason.js';

export const none: FlushDesignPort = {
  doc: 'no fence: with handoffs: shorten a promise that resolves to a third-party reference is shortened at once (naive shortening; per-reference FIFO can break); without shortening, no op:flush at all',
  facts: { fenced: false, strictRelaysRideBehindFlush: false, explicitFlush: false, nodes: 'flush-step-pair', defaultWhen: 'no-step-flushes' },
  fulfil: (session, resolver, value) => resolveRemote(session, resolver, 'fulfill', value),
  holdShortening: () => false,
  onFlush: (_session, op) =>
    'to' in op ? violation('op:flush: this node speaks neither the shortener-initiated nor the marker form') : violation('op:flush: this node does not speak op:flush'),
  onFlushDone: () => violation('op:flush-done: this node does not speak op:flush'),
  requestFlush: () => Promise.reject(breakError('flush-rejected', 'flush: this node speaks no op:flush design')),
  onDelivery: () => {},
  onSessionEnd: () => {},
};
