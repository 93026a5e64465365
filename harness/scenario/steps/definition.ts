/**
 * What one step or fault kind of the scenario language is, written once in its own module
 * (steps/<kind>.ts) and assembled by steps/index.ts: its schema fragment, its normalisation to a
 * Plan step (which is also the Plan's type of that step), its semantic check, its inverse for the
 * explore writer (explore/to-scenario.ts) and the facts later stages read instead of listing kinds.
 * And its effect on a run, written against the port the simulation implements (sim-port.ts): a
 * definition without one does not compile. The page loads these modules to run the effects, so
 * nothing they import may reach a Node API or the YAML parser (the origin lookup is origins.ts).
 */
import type { ScenarioDoc } from '../doc.js';
import type { Path, SemanticContext } from '../semantic-context.js';
import type { SchemaFragment } from '../vocabulary.js';
import type { StepModel } from './model.js';
import type { SimPort } from './sim-port.js';

/** A node's state in the step model (and what node faults move it between). */
export type NodeState = 'running' | 'paused' | 'down';

/** What a fault is, for the semantic phase, the explore writer and the checks. */
export interface FaultFacts {
  /** node: acts on a node's inside (refused for an external node); link: in the page network. */
  on: 'node' | 'link';
  /** The node-state transition it makes (pause, resume, kill, stop, restart). */
  lifecycle?: { from: readonly NodeState[]; to: NodeState; needs: string };
  /** cut: the pair is partitioned until a heal; heal: ends a cut. */
  link?: 'cut' | 'heal';
  /** After it the pair's next traffic must open a new session (judged by reconnectsAfter). */
  reconnects?: 'always' | 'when-the-connection-ended';
  /** The `fault` event names the recording carries for it (default: the kind). */
  recorded?: readonly string[];
  /** Its node's incarnation ends: sessions it had are gone (noStaleDelivery, singleSession). */
  endsIncarnation?: boolean;
}

/** What a step's normalisation may read: the document, and its defaults filled in by
 * normalise.ts (which owns the document-wide defaults; a step's own are in its module). */
export interface NormaliseContext {
  doc: ScenarioDoc;
  deadlineMs: number;
}

/** Where a step is checked: the whole document's context, the step model replayed so far, the
 * path of the step's body (`steps[i].<kind>`) and the step's index. */
export interface StepCheck {
  ctx: SemanticContext;
  model: StepModel;
  path: Path;
  index: number;
}

export interface StepDefinition<Body = unknown, Fields extends object = object> {
  /** The body's JSON Schema fragment (`definitions.step.properties.<kind>`), its description in it. */
  schema: SchemaFragment;
  /** Body → the Plan step's own fields, every default filled in (and in this key order: the
   * recording describes a step by its JSON). */
  normalise(body: Body, ctx: NormaliseContext): Fields;
  /** Reports what is wrong with this step where it is written. */
  check(body: Body, at: StepCheck): void;
  /** Runs over every step before any is checked (a flush names its outcome for earlier steps). */
  declare?(body: Body, at: StepCheck): void;
  /** The Plan step written back as the body of a scenario step; `deadlineMs`: the plan's. */
  write(step: Fields, deadlineMs: number): unknown;
  /** What the step does to the run, once recorded as a `step` event; `index`: its place in the plan. */
  effect(step: Fields & { index: number }, sim: SimPort): void | Promise<void>;
  /** Present on faults. */
  fault?: FaultFacts;
}

/** A fault kind's definition: its facts are not optional. */
export type FaultDefinition<Body = unknown, Fields extends object = object> = StepDefinition<Body, Fields> & { fault: FaultFacts };

/** Infers a definition's two type parameters from what it is written with (and keeps a fault's
 * facts required, so the registry can tell fault kinds by type). */
export function defineStep<Body, Fields extends object>(definition: FaultDefinition<Body, Fields>): FaultDefinition<Body, Fields>;
export function defineStep<Body, Fields extends object>(definition: StepDefinition<Body, Fields>): StepDefinition<Body, Fields>;
export function defineStep(definition: StepDefinition): StepDefinition {
  return definition;
}
