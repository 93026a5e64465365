/**
 * The Plan: a scenario after validation and normalisation — THE contract the simulation consumes.
 * Produced by `load.ts` from `scenarios/**.yaml` (language: fixtures/schemas/scenario.schema.json,
 * taught in scenarios/README.md). View: the simulation's, so nothing is left to infer: every
 * default is filled in, seeds are a list, include: fragments are merged, every reference is
 * resolved to node names. Guarantees: plain JSON (survives JSON.stringify/parse unchanged: no
 * bigint, no Map, no undefined); names it mentions exist. Time is virtual ms (`...Ms`).
 * Bump PLAN_VERSION on any substantive change.
 */

import type { RestartMode } from './vocabulary.js';
import type { JsonValue, PlanApp, PlanExpect } from './plan-values.js';
import type { FaultKind, PlanStepOf, StepKind } from './steps/index.js';
import type { PlanKeyFields } from './keys/index.js';

export type {
  AppName,
  BrokenReason,
  EventWait,
  JsonValue,
  PlanApp,
  PlanRef,
  PlanResult,
  PlanTableRow,
  PlanTables,
  PlanWait,
  TableField,
} from './plan-values.js';
export { TABLE_FIELDS } from './plan-values.js';
// Declared beside the values so the key and step modules can name them without importing the Plan.
export type { PlanExpect, PlanExplore, PlanExploreFault, PlanSessionCount, PlanSometimes } from './plan-values.js';

export const PLAN_VERSION = 1;

/**
 * One scenario, every default filled in. The optional top-level keys' fields come from
 * keys/index.ts, each only when the scenario writes the key: `designs` (each design with its
 * merged expectations; only on the scenario's own plan, which the catalog expands into one plan
 * per design, designs.ts) and `explore` (so plans without one hash as before).
 */
export interface Plan extends PlanKeyFields {
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
  topology: PlanTopology;
  kickoffs: PlanKickoff[];
  steps: PlanStep[];
  expect: PlanExpect;
}

export interface PlanOptions {
  dialect: 'spec' | 'endo' | 'python-suite';
  /** An op:flush design name (the schema's enum, from harness/ocapn/flush/designs.ts). */
  flush: string;
  /** Third-party references: re-exported (proxy, the default) or handed off and shortened (shorten). */
  handoffs: 'proxy' | 'shorten';
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

/** Steps run in order; only `wait` advances virtual time. `index` is the position in `steps`.
 * Each kind's fields are declared by its module (harness/scenario/steps/<kind>.ts). */
export type PlanStep = PlanStepOf<StepKind>;

export type PlanStepKind = PlanStep['kind'];

/** The `fault` event a recording carries: the step's kind, a restart with its mode. */
export type RecordedFault = Exclude<FaultKind, 'restart'> | `restart-${RestartMode}`;

/** The one command that replays a single case headless. Declared here, beside the Plan, because
 * every later stage names a case by (scenario, seed, driver): the simulation puts it in a crash
 * outcome, the reports and failure messages print it. */
export function replayCommand(c: { scenarioId: string; seed: number; driver: string }): string {
  return `npx ocapn-conformance run ${c.scenarioId} --seed ${c.seed} --driver ${c.driver}`;
}

