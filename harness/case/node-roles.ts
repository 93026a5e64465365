/**
 * Which of a plan's features each node must support, derived from the plan — so a driver that
 * lacks a feature can still be judged in the roles that do not use it (substitute.ts).
 * Derivation, per feature (a feature not listed here is needed by every node):
 * - `gc`: the nodes that release (a release step's node); an exporter only receives op:gc-*.
 * - `restart`: the nodes a restart step (or explore's restart faults) restarts.
 * - `restart-recognised`: the callers of kickoffs expected broken with `peer-restarted` alone
 *   (telling a restarted peer from a lost connection is theirs).
 * - `op:flush` and `op:flush/<design>` of the plan's design (plan.design, or options.flush in a
 *   scenario without designs), by the design's `nodes` fact (ocapn/design-facts.ts): a design
 *   of the flush-step pair (the explicit flush step's) is needed at each flush step's importer
 *   and exporter, any other at every node; a scenario without designs and without any flush
 *   step needs op:flush at every node.
 * - `promise-answers` with flush steps: the exporters flushed (they answered with a promise) and,
 *   for a flush naming a kickoff, its flusher (it must hold that answer as an imported promise);
 *   without any flush step, the nodes that answer: each kickoff's target and every hop of its
 *   route but the last (a caller only imports the promise it is answered with, as any node does).
 * - `inactivity-timeout`: the kickoffs' callers (the timer is the side owed a reply; the callee
 *   only stays silent or is cut off).
 * - `transactional-turns`: the nodes hosting a `failing` app (the turn that throws is theirs).
 * - `tables` (not a feature: TABLES_NEED): the nodes whose tables the scenario expects.
 * Guarantees: the sets are subsets of the plan's nodes; a feature the derivation cannot place
 * is needed by every node (conservative: a node is never judged in a role it cannot play).
 */
import type { Plan, PlanStep } from '../scenario/plan.js';
import { designFactsOf } from '../ocapn/flush/designs.js';

/** The pseudo-feature of a node whose tables the scenario expects. */
export const TABLES_NEED = 'tables';

type StepOf<K extends PlanStep['kind']> = Extract<PlanStep, { kind: K }>;

function stepsOf<K extends PlanStep['kind']>(plan: Plan, kind: K): StepOf<K>[] {
  return plan.steps.filter((s): s is StepOf<K> => s.kind === kind);
}

function restartedNodes(plan: Plan): string[] {
  const all = plan.topology.nodes.map((n) => n.name);
  const explored = (plan.explore?.faults ?? []).filter((f) => f.kind === 'restart').flatMap((f) => f.nodes ?? all);
  return [...stepsOf(plan, 'restart').map((s) => s.node), ...explored];
}

/** The callers of kickoffs expected broken naming the restart alone. */
function restartJudges(plan: Plan): string[] {
  return plan.kickoffs.filter((k) => plan.expect.results.some((r) => r.name === k.name && r.kind === 'broken' && r.reasons.every((x) => x === 'peer-restarted'))).map((k) => k.from);
}

/** Nodes whose tables an expectation reads (plan-level or in an expect step). */
export function nodesExpectingTables(plan: Plan): Set<string> {
  const nodes = new Set(plan.expect.tables.map((t) => t.node));
  for (const step of stepsOf(plan, 'expect')) for (const t of step.tables) nodes.add(t.node);
  return nodes;
}

/** The nodes that answer a kickoff's call: its target and the hops of its route but the last
 * (a forwarder answers with the promise of its onward call); undefined (every node) for a random route. */
function answeringNodes(plan: Plan): Set<string> | undefined {
  const nodes = new Set<string>();
  for (const k of plan.kickoffs) {
    if (k.route?.kind === 'random') return undefined;
    nodes.add(k.targetNode);
    if (k.route?.kind === 'fixed') for (const hop of k.route.nodes.slice(0, -1)) nodes.add(hop);
  }
  return nodes;
}

/** The nodes a flush-family feature is needed at, or undefined: every node. */
function flushNodes(plan: Plan, feature: string): Set<string> | undefined {
  const flushes = stepsOf(plan, 'flush');
  const flushPair = new Set(flushes.flatMap((s) => [s.node, s.peer]));
  // The exporter answers with the promise; a flusher naming a kickoff holds that answer as an
  // imported promise only if it takes answers that way too (a flush by position does not).
  if (feature === 'promise-answers') return flushes.length > 0 ? new Set(flushes.flatMap((s) => (s.ref.kind === 'kickoff' ? [s.node, s.peer] : [s.peer]))) : answeringNodes(plan);
  // Without designs: the plan's own design (options.flush, which normalise defaulted).
  const design = plan.design?.name ?? plan.options.flush;
  if (feature !== 'op:flush' && feature !== `op:flush/${design}`) return undefined;
  if (designFactsOf(design)?.nodes !== 'flush-step-pair') return undefined;
  // A scenario without designs and without a flush step names op:flush for every node.
  return plan.design === undefined && flushes.length === 0 ? undefined : flushPair;
}

function nodesNeeding(plan: Plan, feature: string): Set<string> | undefined {
  if (feature === 'gc') return new Set(stepsOf(plan, 'release').map((s) => s.node));
  if (feature === 'restart') return new Set(restartedNodes(plan));
  if (feature === 'restart-recognised') return new Set(restartJudges(plan));
  if (feature === 'inactivity-timeout') return new Set(plan.kickoffs.map((k) => k.from));
  if (feature === 'transactional-turns') return new Set(plan.topology.nodes.filter((n) => n.apps.some((a) => a.app === 'failing')).map((n) => n.name));
  if (feature === 'promise-answers' || feature.startsWith('op:flush')) return flushNodes(plan, feature);
  return undefined;
}

/** Each node's needs: the plan features it must support, plus TABLES_NEED where tables are read. */
export function nodeNeeds(plan: Plan): Map<string, string[]> {
  const names = plan.topology.nodes.map((n) => n.name);
  const needs = new Map<string, string[]>(names.map((n) => [n, []]));
  for (const feature of plan.features) {
    const at = nodesNeeding(plan, feature);
    for (const n of names) if (!at || at.has(n)) needs.get(n)!.push(feature);
  }
  for (const n of nodesExpectingTables(plan)) needs.get(n)?.push(TABLES_NEED);
  return needs;
}

/** Whether a node takes part in some call of the run: a kickoff's caller or target, or a hop. */
export function takesPart(plan: Plan, node: string): boolean {
  return plan.kickoffs.some((k) => k.from === node || k.targetNode === node || (k.route?.kind === 'fixed' ? k.route.nodes.includes(node) : k.route?.candidates.includes(node)));
}
