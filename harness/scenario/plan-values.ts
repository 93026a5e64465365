/**
 * The Plan's value types that the scenario document and the step modules share with the Plan
 * (plan.ts re-exports every one): JSON values, apps, references, waits, results and table rows.
 * Why a module of its own: the step modules (steps/<kind>.ts) declare the Plan's step types, so
 * plan.ts imports them; what they need of the Plan must then live below both.
 */
import type { BrokenReason, ExploreFaultKind, WaitSince } from './vocabulary.js';

export type { BrokenReason };

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/**
 * An app from the harness library with every config default filled in. Behaviours (the schema's
 * `app` descriptions are the reference): forwarder passes each call unchanged to the same-named
 * object on the next node of the kickoff's route (answering its first argument at the route's
 * end); echo answers its first argument; recorder records each call's tag in dispatch order and
 * answers itself; holder's get() answers one shared promise settled later; counter counts;
 * thrower throws; failing passes the call on twice and then throws, in one turn.
 */
export type PlanApp = { name: string } & (
  /** direct: answer with the onward promise (the shortening case); wrapped: answer [promise];
   * pipelined: answer the onward call's own promise, passed on at once (what a node can shorten). */
  | { app: 'forwarder'; result: 'direct' | 'wrapped' | 'pipelined'; delayMs: number }
  | { app: 'echo'; delayMs: number }
  | { app: 'recorder' }
  /** settleAfterMs null: never settles. breakWith non-null: broken instead of fulfilled. */
  | { app: 'holder'; settleAfterMs: number | null; value: JsonValue; breakWith: string | null }
  | { app: 'counter'; start: number }
  | { app: 'thrower'; message: string }
  /** Passes the call on to the next node of the route twice, then throws, in one turn. */
  | { app: 'failing'; message: string }
);

export type AppName = PlanApp['app'];

/** A reference held by `node`, exported by `peer`. */
export type PlanRef = { kind: 'kickoff'; kickoff: string } | { kind: 'position'; position: number };

export type PlanWait =
  | { kind: 'quiescent' }
  | { kind: 'time'; untilMs: number }
  | { kind: 'duration'; forMs: number }
  | { kind: 'settled'; name: string }
  | ({ kind: 'frame'; label: string; source: string | null; target: string | null } & EventWait)
  | ({ kind: 'mark'; mark: string } & EventWait)
  /** A call of `kickoff` was dispatched by an app (its Nth distinct send, with `count`). */
  | ({ kind: 'kickoff'; kickoff: string } & EventWait);

/** Event waits count matches from the wait's start (`step`) or the run's (`start`), up to `count`. */
export interface EventWait {
  since: WaitSince;
  count: number;
}

/** Expected outcome of a kickoff (every one of its `count` sends) or a named flush. */
export type PlanResult = { name: string } & (
  | { kind: 'fulfilled'; value: JsonValue }
  | { kind: 'broken'; reasons: BrokenReason[] }
  | { kind: 'pending' }
);

export interface PlanTableRow {
  /** The row's position, or the first of a range. */
  position: number;
  /** A range `position..through` (inclusive): every position in it must exist and match. */
  through?: number;
  /** `*`: every row of the table must match, however many there are (position is 0). */
  every?: true;
  kind: 'object' | 'promise' | null;
  refcount: number | null;
  resolved: boolean | null;
  /** The row must equal (in `fields`) the row at the same position in the expect step named `as`. */
  same?: { as: string; fields: TableField[] };
  /** Exports only: the node did (true) or did not (false) report `export-replaced` for this slot. */
  replaced?: boolean;
}

export type TableField = 'kind' | 'refcount' | 'resolved';
export const TABLE_FIELDS: readonly TableField[] = ['kind', 'refcount', 'resolved'];

/** Expected tables of `node`'s session with `peer`; null tables are not checked. */
export interface PlanTables {
  node: string;
  peer: string;
  session: 'open' | 'closed';
  /** true: the rows are all the rows of each non-null table; false: at least these rows. */
  exact: boolean;
  exports: PlanTableRow[] | null;
  imports: PlanTableRow[] | null;
  answers: PlanTableRow[] | null;
  questions: PlanTableRow[] | null;
  gifts: PlanTableRow[] | null;
  /** Tables whose rows are exact whatever `exact` says (a shorthand such as bootstrap-only). */
  only?: ('exports' | 'imports' | 'answers' | 'questions' | 'gifts')[];
}

/** What `explore --faults` may inject (harness/explore/schedule.ts). */
export interface PlanExplore {
  /** The kinds allowed, with bounds; null: not declared (the steps' own kinds apply). */
  faults: PlanExploreFault[] | null;
  /** Injected faults per run at most; null: the default (vocabulary.ts EXPLORE_MAX_FAULTS). */
  maxFaults: number | null;
}

export interface PlanExploreFault {
  kind: ExploreFaultKind;
  /** At most this many of the kind per run; null: no bound of its own. */
  max: number | null;
  /** restart: the nodes it may hit; null: every node it may restart. */
  nodes: string[] | null;
  /** partition, stall: the pairs it may hit (unordered); null: any pair. */
  links: [string, string][] | null;
}

export interface PlanSometimes {
  /** violated: the named check is violated in some seed (and never fails a case). */
  kind: 'mark' | 'frame' | 'violated';
  /** Mark name, operation label for frames, or check name. */
  name: string;
  description: string;
}

export interface PlanExpect {
  results: PlanResult[];
  tables: PlanTables[];
  /** Check names (harness/checks/README.md), or every check that applies to the run. */
  checks: 'all' | string[];
  sometimes: PlanSometimes[];
  marks: string[];
  /** Sessions each node opened with a peer over the run; absent when the scenario states none. */
  sessions?: PlanSessionCount[];
  golden: boolean;
  /** Why a case may end `unknown` without failing the conformance run; absent: it may not. */
  allowUnknown?: string;
}

export interface PlanSessionCount {
  node: string;
  peer: string;
  count: number;
}
