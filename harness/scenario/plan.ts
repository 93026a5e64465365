/**
 * The Plan: a scenario after validation and normalisation — THE contract the simulation consumes.
 * Produced by `load.ts` from `scenarios/**.yaml` (language: fixtures/schemas/scenario.schema.json,
 * taught in scenarios/README.md). View: the simulation's, so nothing is left to infer: every
 * default is filled in, seeds are a list, include: fragments are merged, every reference is
 * resolved to node names. Guarantees: plain JSON (survives JSON.stringify/parse unchanged: no
 * bigint, no Map, no undefined); names it mentions exist. Time is virtual ms (`...Ms`).
 * Bump PLAN_VERSION on any substantive change.
 */

import type { BrokenReason, ExploreFaultKind, NodeFaultKind, PairFaultKind, PartitionMode, RestartMode, WaitSince } from './vocabulary.js';

export const PLAN_VERSION = 1;

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export interface Plan {
  planVersion: typeof PLAN_VERSION;
  id: string;
  title: string;
  /** '' when the scenario has none. */
  description: string;
  /** Anchor into the spec or a named design; null when absent. */
  spec: string | null;
  requirement: 'MUST' | 'SHOULD' | 'MAY';
  /** Registered names (features.ts), in file order. */
  features: string[];
  /** The scenario file and every fragment merged into it, as paths given/resolved. */
  source: { file: string; includes: string[] };
  /** Expanded and in file order, without duplicates (e.g. "1..3" → [1, 2, 3]). */
  seeds: number[];
  /** Driver names, or every conforming driver. */
  drivers: 'all-conforming' | string[];
  options: PlanOptions;
  /**
   * Set on the plan of one design of a scenario that lists `designs:` (designs.ts): the design and
   * the scenario's own id (`id` is then `<scenario>@<design>`). Absent for every other plan.
   */
  design?: { name: string; scenario: string };
  /** The scenario's `designs:` with each design's merged expectations; only on the scenario's
   * own plan, which the catalog expands into one plan per design (designs.ts). */
  designs?: { name: string; expect: PlanExpect }[];
  topology: PlanTopology;
  kickoffs: PlanKickoff[];
  steps: PlanStep[];
  expect: PlanExpect;
  /** Only when the scenario has an `explore` key (so plans without one hash as before). */
  explore?: PlanExplore;
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

export interface PlanOptions {
  dialect: 'spec' | 'endo' | 'python-suite';
  /** An op:flush design name (the schema's enum, from harness/ocapn/flush/designs.ts). */
  flush: string;
  /** Third-party references: re-exported (proxy, when absent) or handed off and shortened (shorten). */
  handoffs?: 'proxy' | 'shorten';
  /** Flush-lab rule: relayed calls keep the old path (harness/ocapn/options.ts); only when true. */
  strictForwarding?: true;
  /** After this virtual time the run stops; whatever is pending is did-not-settle. */
  deadlineMs: number;
  /** The nodes' inactivity timeout, when the scenario sets one (harness/ocapn/limits.ts). */
  inactivityTimeoutMs?: number;
}

export interface PlanTopology {
  /** In file order; a node's index is stable for a given scenario. */
  nodes: PlanNode[];
  /** One entry per ordered pair of distinct nodes (full mesh), sorted by (source, target) index. */
  links: PlanLink[];
}

export interface PlanNode {
  name: string;
  /** The driver running this node; absent = the case's driver (mixed topologies set it). */
  driver?: string;
  apps: PlanApp[];
  /** Swiss name → object name on this node; default: every app under its own name. */
  sturdyrefs: { swiss: string; object: string }[];
  /** Present when the node is another OS process reached over TCP (its `apps` and `sturdyrefs`
   * then describe what it declares it hosts, from `objects:`; the harness starts no worker). */
  external?: PlanExternal;
}

/** An external node: where it listens, or how to start it; how its socket frames. */
export interface PlanExternal {
  locator: string | null;
  /** argv of the process to start (its first stdout line is its locator); null with a locator. */
  command: string[] | null;
  framing: 'none' | 'length';
  /** null: the scenario's options.dialect. */
  dialect: PlanOptions['dialect'] | null;
}

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

/** Directed: the model for frames from `source` to `target`. */
export interface PlanLink {
  source: string;
  target: string;
  latency: LatencyModel;
  /** Extra uniform [0, jitterMs] per frame; never reorders one connection. */
  jitterMs: number;
}

export type LatencyModel =
  | { kind: 'fixed'; ms: number }
  | { kind: 'uniform'; msMin: number; msMax: number }
  | { kind: 'normal'; msMean: number; msStddev: number };

export interface PlanKickoff {
  name: string;
  /** The node making the call (the holder of its result). */
  from: string;
  op: 'call' | 'fetch' | 'listen';
  target: PlanTarget;
  /** The node hosting the target when the kickoff starts (for a result: where that result lives). */
  targetNode: string;
  /** null for fetch and listen. */
  method: string | null;
  args: JsonValue[];
  route: PlanRoute | null;
  /** Sends made, tagged n = 1..count. */
  count: number;
  everyMs: number;
  /** Virtual ms of the first send, or 'step' (started by a `kickoff` step). */
  at: number | 'step';
  /** `file:line:col` of the kickoff, for run-time messages. */
  where: string;
}

export type PlanTarget =
  | { kind: 'sturdyref'; node: string; object: string; swiss: string }
  | { kind: 'result'; kickoff: string };

export type PlanRoute =
  /** Nodes visited in order; nodes[0] is the target's node. */
  | { kind: 'fixed'; nodes: string[] }
  /** Length drawn per seed in [lengthMin, lengthMax]; first node is the target's node, each next
   * one a seeded choice among `candidates` different from the previous node. */
  | { kind: 'random'; lengthMin: number; lengthMax: number; candidates: string[] };

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

/** Steps run in order; only `wait` advances virtual time. `index` is the position in `steps`. */
export type PlanStep = { index: number; where: string } & (
  | { kind: 'wait'; until: PlanWait; timeoutMs: number }
  /** `name` non-null when expect/wait refer to the flush's outcome. */
  | { kind: 'flush'; node: string; peer: string; ref: PlanRef; name: string | null }
  | { kind: 'release'; node: string; peer: string; ref: PlanRef }
  | { kind: 'kickoff'; kickoff: string }
  /** Faults (vocabulary.ts `FAULTS`): on one node, or on the connection between two. */
  | { kind: NodeFaultKind; node: string }
  | { kind: 'restart'; node: string; mode: RestartMode }
  /** `between` is unordered: the connection between the two nodes, both directions. */
  | { kind: Exclude<PairFaultKind, 'partition'>; between: [string, string] }
  | { kind: 'partition'; between: [string, string]; mode: PartitionMode }
  | { kind: 'stall'; between: [string, string]; forMs: number }
  | { kind: 'corrupt'; source: string; target: string; frame: string; part: 'signature' }
  /** `name`: this step's table snapshot (of every node) can be compared with by later rows (`same`). */
  | { kind: 'expect'; results: PlanResult[]; tables: PlanTables[]; name?: string }
);

export type PlanStepKind = PlanStep['kind'];

export type { BrokenReason };

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

/** The one command that replays a single case headless. Declared here, beside the Plan, because
 * every later stage names a case by (scenario, seed, driver): the simulation puts it in a crash
 * outcome, the reports and failure messages print it. */
export function replayCommand(c: { scenarioId: string; seed: number; driver: string }): string {
  return `npx ocapn-conformance run ${c.scenarioId} --seed ${c.seed} --driver ${c.driver}`;
}

export interface PlanSessionCount {
  node: string;
  peer: string;
  count: number;
}
