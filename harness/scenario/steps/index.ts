/**
 * The registry of step and fault kinds: one line per kind, its definition in steps/<kind>.ts.
 * Everything that used to list kinds is assembled from here: the schema's step properties
 * (schema-source.ts, in this order), normalisation and semantic checks (normalise.ts,
 * semantic-steps.ts), the explore writer (explore/to-scenario.ts), the Plan's step types
 * (plan.ts) and the lists later stages read (link faults, lifecycle steps, what ends an
 * incarnation, what makes a pair reconnect).
 * Adding a kind: its module (with its effect, written against sim-port.ts), a line here,
 * `npm run schema`, and a test. The simulation runs each step through `getStep(kind).effect`.
 */
import type { StepDefinition } from './definition.js';

export type { FrameMatch, FrameRewrite, SimPort } from './sim-port.js';
import { corrupt } from './corrupt.js';
import { duplicate } from './duplicate.js';
import { expect } from './expect.js';
import { flush } from './flush.js';
import { heal } from './heal.js';
import { kickoff } from './kickoff.js';
import { kill } from './kill.js';
import { partition } from './partition.js';
import { pause } from './pause.js';
import { release } from './release.js';
import { reorderWindow } from './reorder-window.js';
import { reset } from './reset.js';
import { restart } from './restart.js';
import { resume } from './resume.js';
import { stall } from './stall.js';
import { stop } from './stop.js';
import { wait } from './wait.js';

export const STEPS = {
  wait,
  flush,
  release,
  kickoff,
  pause,
  resume,
  kill,
  stop,
  restart,
  partition,
  heal,
  stall,
  reset,
  corrupt,
  duplicate,
  'reorder-window': reorderWindow,
  expect,
} as const;

type Steps = typeof STEPS;
export type StepKind = keyof Steps;
type FieldsOf<K extends StepKind> = ReturnType<Steps[K]['normalise']>;

/** The Plan step of kind K: where it is written, its kind, and the fields its module declares. */
export type PlanStepOf<K extends StepKind> = K extends StepKind ? { index: number; where: string; kind: K } & FieldsOf<K> : never;

export const STEP_KINDS = Object.keys(STEPS) as StepKind[];

export function isStepKind(word: string): word is StepKind {
  return Object.hasOwn(STEPS, word);
}

/** A kind's definition, with its body and fields seen as unknown (for the assembly loops). */
export function getStep(kind: StepKind): StepDefinition<never, object> {
  return STEPS[kind] as StepDefinition<never, object>;
}

type FaultKindOf<S> = { [K in keyof S]: S[K] extends { fault: object } ? K : never }[keyof S];
export type FaultKind = FaultKindOf<Steps>;

/** Fault kinds, in registry order. */
export const FAULT_KINDS = STEP_KINDS.filter((k) => getStep(k).fault !== undefined) as FaultKind[];

export function isFaultKind(word: string): word is FaultKind {
  return isStepKind(word) && getStep(word).fault !== undefined;
}

/** Faults that act in the page network (allowed on an external node's links). */
export const LINK_FAULTS: ReadonlySet<string> = new Set(FAULT_KINDS.filter((k) => getStep(k).fault!.on === 'link'));

/** Steps that move a node through its lifecycle (pause, resume, kill, stop, restart). */
export const LIFECYCLE_STEPS: ReadonlySet<string> = new Set(FAULT_KINDS.filter((k) => getStep(k).fault!.lifecycle !== undefined));

const recordedAs = (k: FaultKind): readonly string[] => getStep(k).fault!.recorded ?? [k];

/** Recorded `fault` events after which the node is a new incarnation (its sessions are gone). */
export const ENDS_INCARNATION: ReadonlySet<string> = new Set(FAULT_KINDS.filter((k) => getStep(k).fault!.endsIncarnation).flatMap(recordedAs));

const RECONNECTS = new Map(FAULT_KINDS.flatMap((k) => recordedAs(k).map((name) => [name, getStep(k).fault!.reconnects] as const)));

/** Recorded faults after which the pair must reconnect (reconnectsAfter), and when. */
export function getReconnectRule(fault: string): 'always' | 'when-the-connection-ended' | undefined {
  return RECONNECTS.get(fault);
}
