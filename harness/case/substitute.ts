/**
 * Judging a driver in every role it can play: in a column's case (endo's, Goblins'), a node whose
 * needs (node-roles.ts) include a feature the column lacks — or tables the column cannot show, or
 * a role gap of the column's own table (goblins-roles.ts) — runs on the reference node instead;
 * the rest run the column. The rule for when such a case still skips: when no node is left to
 * the column, or the nodes left take part in no call (a kickoff's caller or target, or a hop) —
 * the column would only sit idle, and a pass would judge nothing of it.
 * Guarantees: a plan needing no substitution comes back as the same object; nodes naming a
 * driver of their own (`driver: endo` included) and external nodes are never moved; the moved nodes are listed with what
 * the column lacks there, so the case's transcript (its nodes' drivers) and report say who ran what.
 */
import type { Driver } from '../drivers/driver.js';
import type { Plan } from '../scenario/plan.js';
import { nodeNeeds, takesPart, TABLES_NEED } from './node-roles.js';
import type { RoleGap } from './goblins-roles.js';

/** The driver that plays the roles a column cannot. */
export const SUBSTITUTE_DRIVER = 'reference';

export interface Substitution {
  plan: Plan;
  /** Node → what the column lacks there (features, or `tables`), for each node moved. */
  moved: Record<string, string[]>;
  /** Set when the case cannot judge the column at all: the reason. */
  skip?: string;
}

function lacks(driver: Driver, need: string): boolean {
  return need === TABLES_NEED ? driver.tablesGap !== undefined : !driver.features.includes(need);
}

function gapOf(driver: Driver, need: string, roleGaps: readonly RoleGap[]): string | undefined {
  return need === TABLES_NEED ? driver.tablesGap : (driver.featureGaps?.[need] ?? roleGaps.find((g) => g.need === need)?.gap);
}

/** `driver X lacks feature(s) a, b: why; why` — the skip reason's lead, as driver-skips words it. */
export function lackReason(driver: Driver, missing: readonly string[], roleGaps: readonly RoleGap[] = []): string {
  const roles = missing.filter((m) => roleGaps.some((g) => g.need === m));
  const features = missing.filter((m) => m !== TABLES_NEED && !roles.includes(m));
  const why = [...new Set(missing.map((m) => gapOf(driver, m, roleGaps)).filter((w) => w !== undefined))];
  const parts = [...(features.length > 0 ? [`lacks feature(s) ${features.join(', ')}`] : []), ...(roles.length > 0 ? [`cannot play ${roles.join(', ')}`] : [])];
  const lead = parts.length > 0 ? `driver ${driver.name} ${parts.join(' and ')}` : `driver ${driver.name} cannot show the tables the scenario expects`;
  return `${lead}${why.length > 0 ? `: ${why.join('; ')}` : ''}`;
}

/** One line per moved node: `alice: op:flush; bob: op:flush, promise-answers`. */
export function describeMoved(moved: Record<string, string[]>): string {
  return Object.entries(moved)
    .map(([node, missing]) => `${node}: ${missing.join(', ')}`)
    .join('; ');
}

/** The plan a column's case runs (`driver` is the column; `roleGaps`: its own table, node →
 * gaps, e.g. goblinsRoleGaps): see the module comment. */
export function substituteRoles(plan: Plan, driver: Driver, roleGaps: ReadonlyMap<string, readonly RoleGap[]> = new Map()): Substitution {
  const needs = nodeNeeds(plan);
  const moved: Record<string, string[]> = {};
  // Only nodes that run the case's driver by default move; a node naming its driver stays.
  const movable = plan.topology.nodes.filter((n) => !n.external && n.driver === undefined);
  for (const n of movable) {
    const missing = [...(needs.get(n.name) ?? []).filter((f) => lacks(driver, f)), ...(roleGaps.get(n.name) ?? []).map((g) => g.need)];
    if (missing.length > 0) moved[n.name] = missing;
  }
  const gaps = [...roleGaps.values()].flat();
  const movedNames = Object.keys(moved);
  if (movedNames.length === 0) return { plan, moved };
  const left = plan.topology.nodes.filter((n) => !(n.name in moved) && (n.driver ?? driver.name) === driver.name && !n.external).map((n) => n.name);
  const allMissing = [...new Set(Object.values(moved).flat())];
  if (left.length === 0) return { plan, moved, skip: `${lackReason(driver, allMissing, gaps)} (needed at every node it could play: ${describeMoved(moved)})` };
  if (!left.some((n) => takesPart(plan, n))) {
    return { plan, moved, skip: `${lackReason(driver, allMissing, gaps)} (needed at ${describeMoved(moved)}; the node(s) left to it, ${left.join(', ')}, take part in no call)` };
  }
  const nodes = plan.topology.nodes.map((n) => (n.name in moved ? { ...n, driver: SUBSTITUTE_DRIVER } : n));
  return { plan: { ...plan, topology: { ...plan.topology, nodes } }, moved };
}
