/**
 * What flows between the page-owned network and one node host, as plain data: inputs the page
 * delivers (one per lock-step turn) and the network outputs a node reports from that turn.
 * Spec anchor: docs/architecture.md (lock-step), world.ts (Netlayer/Connection/Clock contracts).
 * View: the network's. `conn` is always the RECEIVING node's name for the connection: the local
 * id it chose when dialling, or the id the page gave it when accepting.
 * Elsewhere: the worker wire protocol (commands, replies, app events) is in sim/protocol.ts.
 */
import type { ConnectionEnd, VirtualMs } from '../ocapn/world.js';

/** One lock-step input for one node. */
export type NetInput =
  | { type: 'accept'; conn: string }
  | { type: 'message'; conn: string; bytes: Uint8Array }
  | { type: 'end'; conn: string; end: ConnectionEnd }
  | { type: 'timer'; timer: number };

/** Network effects a node produced during one turn, in the order it produced them. */
export type NetOutput =
  /** `target` is the dialled peer's designator (its node name). */
  | { type: 'connect'; conn: string; target: string }
  | { type: 'write'; conn: string; bytes: Uint8Array }
  | { type: 'close'; conn: string }
  /** Abrupt close by the node (RST): the peer sees `reset` instead of `closed`. */
  | { type: 'reset'; conn: string }
  | { type: 'timer-set'; timer: number; atMs: VirtualMs; watchdog?: boolean }
  | { type: 'timer-cancel'; timer: number }
  | { type: 'shutdown' };

export interface Delivery {
  node: string;
  input: NetInput;
  /** For messages: the writing node. */
  source?: string;
}
