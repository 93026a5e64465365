/**
 * The node-facing types, declared once: what a node reports (events), what its tables look like
 * from outside (snapshots), how an object is located (sturdyref locators), and the two protocol
 * choices a node is configured with (dialect, flush design). The reference node produces these
 * shapes; `harness/drivers/driver.ts` re-exports them as the contract every driver meets, so the
 * harness and the node can never drift apart.
 * Guarantees: types only, no runtime code; plain JSON-serialisable shapes (they cross the
 * page ↔ worker boundary by structured clone).
 */
import type { PeerLocation } from './world.js';

/** Where the drafts, endo and the Python suite disagree, which one a node follows
 * (harness/ocapn/README.md). Declared with the Syrup value model, the lowest layer that needs it. */
export type { Dialect } from './syrup/value.js';

/**
 * Which op:flush design a node speaks (harness/ocapn/README.md, "op:flush"). The names are the
 * keys of the registry flush/designs.ts, which adds them to this interface (declaration
 * merging): a base file names no design itself and imports nothing of flush/.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in by flush/designs.ts
export interface FlushDesignNames {}
export type FlushDesign = keyof FlushDesignNames;

/** `<ocapn-sturdyref PEER SWISS>`: where an object lives and its swiss number. */
export interface SturdyRefLocator {
  location: PeerLocation;
  /** The swiss number's bytes as text (the harness uses readable swiss numbers). */
  swiss: string;
}

/** One row of a table, for introspection and `expect.tables` (never by probing positions). */
export interface TableEntry {
  position: number;
  kind: 'object' | 'promise' | 'answer' | 'question' | 'gift';
  /** Exports: times sent minus wire deltas received back. Imports: times received since the
   * last op:gc-exports. Others: 0. */
  refcount: number;
  /** Pass style of the local value where known (`remotable`, `promise`, ...). */
  passStyle?: string;
  /** For promises and answers: settled or not. */
  resolved?: boolean;
}

export interface SessionTables {
  /** The peer's designator (its node name in the simulation). */
  peer: string;
  /** Hex of the 32-byte Session ID (CapTP draft, "Cryptography"). */
  sessionId: string;
  exports: TableEntry[];
  imports: TableEntry[];
  answers: TableEntry[];
  questions: TableEntry[];
  gifts: TableEntry[];
}

export interface TableSnapshot {
  node: string;
  sessions: SessionTables[];
}

/** Events a node reports for the transcript (the network records frames on its own). */
export type NodeEvent =
  | { type: 'session-open'; peer: string; sessionId: string }
  | { type: 'session-closed'; peer: string; reason: string }
  /** `object`: the exported object's interface name (`Alleged: counter c@bob`, or `Alleged: erin
   * import 5` for a re-exported presence), so a reader can tell which node's object an import is. */
  | { type: 'export-added'; peer: string; position: number; kind: 'object' | 'promise'; object?: string }
  | { type: 'export-replaced'; peer: string; position: number; refcount: number }
  | { type: 'flush-sent'; peer: string; position: number }
  | { type: 'flush-done'; peer: string; position: number }
  | { type: 'settled'; peer: string; position: number; table: 'export' | 'import' | 'answer' | 'question'; outcome: 'fulfilled' | 'broken' }
  /** A traced code path (flush/marks.ts); harness-only, never on the wire. */
  | { type: 'mark'; name: string; detail?: string };
