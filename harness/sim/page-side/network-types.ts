/**
 * The page-owned network's state shapes: nodes as the network sees them, connections with their
 * two pipes, and the events its queue holds. Spec anchor: docs/architecture.md. View: the page.
 * Shared by network.ts (outputs in), network-delivery.ts (deliveries out) and network-faults.ts.
 */
import type { ConnectionEnd } from '../../ocapn/world.js';
import type { Pipe } from './pipe.js';

export type NodeStatus = 'up' | 'paused' | 'down' | 'stopped';

/** Side 0 dialled, side 1 accepted; pipes[s] carries frames written by side s. */
export type Side = 0 | 1;

export interface SimConnection {
  id: string;
  nodes: [string, string];
  /** Each side's own name for the connection (see node-io.ts); side 1's is set at accept. */
  refs: [string, string | undefined];
  incarnations: [number, number];
  pipes: [Pipe, Pipe];
  accepted: boolean;
  /** Side s wrote a fin (closed locally): it reads nothing more. */
  closed: [boolean, boolean];
  ended: boolean;
}

export interface SimNode {
  name: string;
  status: NodeStatus;
  incarnation: number;
  /** Local connection name → connection, for every connection this incarnation has had (ended
   * ones too, so a late write on a dead connection is recorded as dropped, not lost). */
  conns: Map<string, SimConnection>;
  /** Live timer ids of this incarnation. */
  timers: Set<number>;
  /** Events held while the node is paused, re-queued on resume. */
  parked: QueueEvent[];
}

export type QueueEvent =
  | { kind: 'pipe'; conn: SimConnection; side: Side }
  | { kind: 'timer'; node: string; incarnation: number; timer: number; watchdog?: boolean }
  | { kind: 'end'; conn: SimConnection; side: Side; end: ConnectionEnd };

export function pairKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}
