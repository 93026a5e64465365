/**
 * The scenario document as the schema admits it (what the author wrote, after include: merging):
 * the input of semantic checks and normalisation. Mirrors fixtures/schemas/scenario.schema.json;
 * change both together. Nothing here is defaulted yet — that is normalise.ts's job.
 */
import type { JsonValue } from './plan.js';

export type LatencyDoc = { fixedMs?: number; uniformMs?: [number, number]; normalMs?: { mean: number; stddev: number } };

export interface AppDoc {
  app: 'forwarder' | 'echo' | 'recorder' | 'holder' | 'counter' | 'thrower';
  result?: 'direct' | 'wrapped';
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
  timeoutMs?: number;
}

export type ResultDoc = JsonValue | { fulfilled?: JsonValue; broken?: string[]; pending?: true };

export interface TableRowDoc {
  position: number;
  kind?: 'object' | 'promise';
  refcount?: number;
  resolved?: boolean;
}

export interface SessionTablesDoc {
  exports?: TableRowDoc[];
  imports?: TableRowDoc[];
  answers?: TableRowDoc[];
  questions?: TableRowDoc[];
  gifts?: TableRowDoc[];
  exact?: boolean;
  session?: 'open' | 'closed';
}

export type TablesDoc = Record<string, Record<string, SessionTablesDoc>>;

export interface StepDoc {
  wait?: 'quiescent' | WaitDoc;
  flush?: { node?: string; export: RefDoc; peer?: string; name?: string };
  release?: { node?: string; ref: RefDoc; peer?: string };
  kickoff?: string;
  pause?: string;
  resume?: string;
  kill?: string;
  stop?: string;
  restart?: { node: string; mode?: 'keep' | 'fresh' };
  partition?: [string, string];
  heal?: [string, string];
  stall?: { link: [string, string]; forMs: number };
  reset?: [string, string];
  corrupt?: { source: string; target: string; frame: string; part: 'signature' };
  expect?: { results?: Record<string, ResultDoc>; tables?: TablesDoc };
}

export type SometimesDoc = string | { mark?: string; frame?: string; description?: string };

export interface ScenarioDoc {
  id: string;
  title: string;
  description?: string;
  spec?: string;
  requirement?: 'MUST' | 'SHOULD' | 'MAY';
  features?: string[];
  seeds?: number | string | (number | string)[];
  drivers?: string[];
  options?: { dialect?: 'spec' | 'endo' | 'python-suite'; flush?: 'none' | 'receiver-initiated'; deadlineMs?: number };
  include?: string | string[];
  topology: { nodes: Record<string, NodeDoc>; links?: LinkDoc[]; defaults?: { latency?: LatencyDoc; jitterMs?: number } };
  kickoffs?: KickoffDoc[];
  steps?: StepDoc[];
  expect?: {
    results?: Record<string, ResultDoc>;
    tables?: TablesDoc;
    checks?: 'all' | string[];
    sometimes?: SometimesDoc[];
    marks?: string[];
    golden?: boolean;
  };
}

/** The one action key of a step (the schema guarantees exactly one). */
export type StepAction = keyof StepDoc;

export function getStepAction(step: StepDoc): StepAction {
  return Object.keys(step)[0] as StepAction;
}
