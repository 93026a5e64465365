/**
 * What a session asks of its node's op:flush design: the one interface every design in
 * flush/designs.ts implements, at each point where designs differ.
 * Why here and not in flush/: references (captp/) must ask the design whether to hold a
 * fulfilment back, and captp/ may not import flush/; the port lives with the other ports, the
 * designs (flush/) implement it, the node (node.ts) picks one by its `flush` option.
 * Guarantees: every member is required; a design that has nothing to do at a point says so
 * (flush/none.ts holds the refusals and no-ops the others start from).
 */
import type { OpFlush, OpFlushResolver, RefDesc } from '../wire/index.js';
import type { SessionPort } from './session-port.js';
import type { BreakError } from '../break-reason.js';
import type { FlushDesignFacts } from '../design-facts.js';

export interface FlushDesignPort {
  /** One line for the scenario schema and `compare-flush`: the wire and the fence. */
  readonly doc: string;
  /** What the design promises, for the harness around the node (design-facts.ts). */
  readonly facts: FlushDesignFacts;
  /** The node fulfils the peer's resolver with `value` (a shortening when `value` is handed off). */
  fulfil(session: SessionPort, resolver: unknown, value: unknown): void;
  /** One of our promises on `old` is fulfilled with `value`: true when the design holds it back and calls `fulfil` itself. */
  holdShortening(session: SessionPort, old: RefDesc<'desc:export' | 'desc:answer'>, value: unknown, fulfil: (v: unknown) => void): boolean;
  /** An op:flush arrived, either shape (`'to' in op` for the two-descriptor one). */
  onFlush(session: SessionPort, op: OpFlush | OpFlushResolver): void;
  /** An op:flush-done arrived. */
  onFlushDone(session: SessionPort, position: bigint): void;
  /** The harness asks for an explicit flush of import `position` (the scenario's `flush` step). */
  requestFlush(session: SessionPort, position: bigint): Promise<void>;
  /** An op:deliver(-only) to `to` was dispatched; `result` settles with its answer. */
  onDelivery(session: SessionPort, to: RefDesc, result: Promise<unknown>): void;
  /** The session ended with `error`, after its questions and imports broke. */
  onSessionEnd(session: SessionPort, error: BreakError): void;
}
