/**
 * Table snapshots grouped into moments: consecutive `tables` events with one label are one
 * moment, holding at most one snapshot per node (the simulation takes them together, between
 * deliveries, so they are mutually consistent).
 * See README.md (this folder), "Table level".
 */
import type { TableSnapshot, TablesEvent, Transcript } from '../transcript/types.js';

export interface TablesMoment {
  label: string;
  /** Seq of the first snapshot of the moment. */
  seq: number;
  byNode: Map<string, TableSnapshot>;
  events: TablesEvent[];
}

export function tableMoments(t: Transcript): TablesMoment[] {
  const out: TablesMoment[] = [];
  let current: TablesMoment | undefined;
  for (const e of t.events) {
    if (e.kind !== 'tables') continue;
    if (!current || current.label !== e.label || current.byNode.has(e.snapshot.node)) {
      current = { label: e.label, seq: e.seq, byNode: new Map(), events: [] };
      out.push(current);
    }
    current.byNode.set(e.snapshot.node, e.snapshot);
    current.events.push(e);
  }
  return out;
}
