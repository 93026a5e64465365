/**
 * The scenario document as the schema admits it (what the author wrote, after include: merging):
 * the input of semantic checks and normalisation. The TypeScript view of schema-source.ts (which
 * generates the JSON Schema); closed word lists are not repeated here but taken from plan-values.ts,
 * vocabulary.ts and the step modules (steps/). Nothing here is defaulted yet — that is normalise.ts's job.
 */
import type { AppName, JsonValue, TableField } from './plan-values.js';
import type { ExploreFaultKind, WaitSince } from './vocabulary.js';

export type LatencyDoc = { fixedMs?: number; uniformMs?: [number, number]; normalMs?: { mean: number; stddev: number } };

export interface AppDoc {
  app: AppName;
  result?: 'direct' | 'wrapped' | 'pipelined';
  delayMs?: number;
  settleAfterMs?: number;
  value?: JsonValue;
  breakWith?: string;
  start?: number;
  message?: string;
}

export interface NodeDoc {
  driver?: string;
  apps?: Record<string, AppDoc>;
  sturdyrefs?: Record<string, string>;
  external?: ExternalDoc;
  objects?: Record<string, { swiss: string; app: AppName }>;
}

export interface ExternalDoc {
  locator?: string;
  command?: string;
  framing?: 'none' | 'length';
  dialect?: 'spec' | 'endo' | 'python-suite';
}

export interface LinkDoc {
  source: string;
  target: string;
  latency?: LatencyDoc;
  jitterMs?: number;
  oneWay?: boolean;
}

export interface KickoffDoc {
  name: string;
  from: string;
  target: string;
  op?: 'call' | 'fetch' | 'listen';
  method?: string;
  args?: JsonValue[];
  route?: string[] | { length: number | [number, number] };
  count?: number;
  everyMs?: number;
  at?: number | 'step';
}

export type RefDoc = string | number;

export interface WaitDoc {
  untilMs?: number;
  forMs?: number;
  settled?: string;
  frame?: string;
  source?: string;
  target?: string;
  mark?: string;
  kickoff?: string;
  since?: WaitSince;
  count?: number;
  timeoutMs?: number;
}

export type ResultDoc = JsonValue | { fulfilled?: JsonValue; broken?: string[]; pending?: true };

export interface TableRowDoc {
  /** A position, a range "4..9", or "*" (every row). */
  position: number | string;
  kind?: 'object' | 'promise';
  refcount?: number;
  resolved?: boolean;
  /** Compare with the row at the same position in a named earlier snapshot (`expect: {name}`). */
  same?: string | { as: string; fields?: TableField[] };
  /** Exports only: whether the node reported replacing this slot (`export-replaced`, a flush). */
  replaced?: boolean;
}

export interface SessionTablesDoc {
  exports?: TableRowDoc[] | 'bootstrap-only';
  imports?: TableRowDoc[];
  answers?: TableRowDoc[];
  questions?: TableRowDoc[];
  gifts?: TableRowDoc[];
  exact?: boolean;
  session?: 'open' | 'closed';
}

export type TablesDoc = Record<string, Record<string, SessionTablesDoc>>;

/** A pair fault: `[a, b]`, or a map with the pair under `between` and the fault's options. */
export type PairDoc = [string, string] | { between: [string, string]; [option: string]: unknown };

/** One step: exactly one action key (the schema guarantees it), its body typed by the step's own
 * module (harness/scenario/steps/<kind>.ts, `StepDefinition`'s first type parameter). */
export type StepDoc = { readonly [action: string]: unknown };

export type SometimesDoc = string | { mark?: string; frame?: string; violated?: string; description?: string };

/** The core keys; the optional top-level ones (`designs`, `explore`, …) are their modules' (keys/index.ts `KeyDocs`). */
export interface ScenarioDoc {
  id: string;
  title: string;
  description?: string;
  spec?: string;
  requirement?: 'MUST' | 'SHOULD' | 'MAY';
  features?: string[];
  seeds?: number | string | (number | string)[];
  drivers?: string[];
  options?: { dialect?: 'spec' | 'endo' | 'python-suite'; flush?: string; handoffs?: 'proxy' | 'shorten'; strictForwarding?: boolean; deadlineMs?: number; inactivityTimeoutMs?: number };
  include?: string | string[];
  topology: { nodes: Record<string, NodeDoc>; links?: LinkDoc[]; defaults?: { latency?: LatencyDoc; jitterMs?: number } };
  kickoffs?: KickoffDoc[];
  steps?: StepDoc[];
  expect?: ExpectDoc & { byDesign?: Record<string, ExpectDoc> };
}

export interface ExpectDoc {
  results?: Record<string, ResultDoc>;
  tables?: TablesDoc;
  checks?: 'all' | string[];
  sometimes?: SometimesDoc[];
  marks?: string[];
  sessions?: Record<string, Record<string, number>>;
  golden?: boolean;
  allowUnknown?: string;
}

/** What `explore` may do to the scenario: a fault kind alone, or with bounds. */
export type ExploreFaultDoc = ExploreFaultKind | { kind: ExploreFaultKind; max?: number; nodes?: string[]; links?: [string, string][] };

export interface ExploreDoc {
  faults?: ExploreFaultDoc[];
  maxFaults?: number;
}

/** The one action key of a step (the schema guarantees exactly one). */
export function getStepAction(step: StepDoc): string {
  return Object.keys(step)[0];
}
