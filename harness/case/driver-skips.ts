/**
 * Why a case cannot run on the drivers it uses: the case's driver plus any node's own driver
 * (mixed topologies). Reasons, first that applies: a feature a driver lacks (quoting its stated
 * gap), tables the scenario expects from a node whose driver cannot list them, and last the endo
 * checkout not being set up here (OCAPN_ENDO_PATH) — so a skip says what is missing on any
 * machine before what is missing on this one.
 */
import { getDriver, drivers } from '../drivers/index.js';
import type { Driver } from '../drivers/driver.js';
import { ENDO_DRIVER, endoColumns, endoDriverHere, endoSkipReason, findEndoCheckouts, isEndoDriver } from '../drivers/endo/checkout.js';
import type { Plan } from '../scenario/plan.js';
import { goblinsSkipReason } from './goblins-skips.js';
import { goblinsRoleGaps } from './goblins-roles.js';
import { GOBLINS_DRIVER_NAME } from '../drivers/goblins/info.js';
import { nodeNeeds, nodesExpectingTables, TABLES_NEED } from './node-roles.js';
import { substituteRoles, type Substitution } from './substitute.js';

/** Every driver name a case may run on here: the registry's, with endo as this machine's columns. */
export function knownDrivers(env: NodeJS.ProcessEnv = process.env): Driver[] {
  return drivers.flatMap((d) => (d.name === ENDO_DRIVER ? endoColumns(env) : [d]));
}

/** A driver by name: the registry's, or an endo column (`endo` = the first checkout's). */
export function lookupDriver(name: string, env: NodeJS.ProcessEnv = process.env): Driver | undefined {
  if (name === ENDO_DRIVER) return endoDriverHere(env);
  return isEndoDriver(name) ? endoColumns(env).find((d) => d.name === name) : getDriver(name);
}

/**
 * The plan as a case on `driver` runs it: nodes naming the endo family (`driver: endo`) run the
 * case's own endo column, or in another driver's case `endoColumn` (default: the first checkout's
 * column; the catalog makes one such case per checkout, mixedEndoColumns). The plan is
 * returned unchanged when no node needs binding (the common case: same object).
 */
export function bindEndoNodes(plan: Plan, driver: string, env: NodeJS.ProcessEnv = process.env, endoColumn?: string): Plan {
  const column = isEndoDriver(driver) ? driver : (endoColumn ?? endoColumns(env)[0].name);
  if (column === ENDO_DRIVER || !plan.topology.nodes.some((n) => n.driver === ENDO_DRIVER)) return plan;
  const nodes = plan.topology.nodes.map((n) => (n.driver === ENDO_DRIVER ? { ...n, driver: column } : n));
  return { ...plan, topology: { ...plan.topology, nodes } };
}

/**
 * The endo columns a case of `plan` on a non-endo `driver` is made once for: every usable
 * checkout when the plan has `driver: endo` nodes and several checkouts are set up (so the matrix
 * shows the mixed case against each); otherwise [undefined] — one case, bound as before.
 */
export function mixedEndoColumns(plan: Plan, driver: string, env: NodeJS.ProcessEnv = process.env): (string | undefined)[] {
  if (isEndoDriver(driver) || !plan.topology.nodes.some((n) => n.driver === ENDO_DRIVER)) return [undefined];
  const usable = findEndoCheckouts(env).filter((c) => !c.problem);
  return usable.length >= 2 ? usable.map((c) => c.driver) : [undefined];
}

/** Every driver a case of `plan` on `driver` runs, the case's own first. */
export function driversOfCase(plan: Plan, driver: string): string[] {
  return [...new Set([driver, ...plan.topology.nodes.map((n) => n.driver ?? driver)])];
}

/**
 * The plan a case on `driver` runs: endo nodes bound (bindEndoNodes), and in an endo or the
 * Goblins column the roles the column cannot play (Goblins: goblins-roles.ts too) moved to the reference node (substitute.ts), with the skip
 * reason when nothing of the column is left to judge. Idempotent.
 */
export function bindCase(unbound: Plan, driver: string, env: NodeJS.ProcessEnv = process.env, endoColumn?: string): Substitution {
  const plan = bindEndoNodes(unbound, driver, env, endoColumn);
  const column = isEndoDriver(driver) || driver === GOBLINS_DRIVER_NAME ? lookupDriver(driver, env) : undefined;
  if (!column) return { plan, moved: {} };
  return substituteRoles(plan, column, driver === GOBLINS_DRIVER_NAME ? goblinsRoleGaps(plan) : undefined);
}

/** The features a driver must support to run its nodes: the needs of those nodes (node-roles.ts:
 * e.g. `gc` only where a node releases). A driver running no node of the case (every node names
 * another) is held to the plan's features, `gc` aside, as the case's nominal driver. */
function requiredFeatures(plan: Plan, caseDriver: string, name: string): string[] {
  const needs = nodeNeeds(plan);
  const nodes = plan.topology.nodes.filter((n) => (n.driver ?? caseDriver) === name);
  if (nodes.length === 0) return plan.features.filter((f) => f !== 'gc');
  return [...new Set(nodes.flatMap((n) => needs.get(n.name) ?? []))].filter((f) => f !== TABLES_NEED);
}

export function driverSkipReason(unbound: Plan, driver: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  // `driver: endo` nodes are judged as the endo column they will run; a column's (endo, Goblins)
  // roles it cannot play are moved to the reference node.
  const bound = bindCase(unbound, driver, env);
  if (bound.skip) return bound.skip;
  const plan = bound.plan;
  const used = driversOfCase(plan, driver);
  for (const name of used) {
    // endo's features depend on the checkout (op:flush only on the endo branch that speaks it).
    const d = lookupDriver(name, env);
    if (!d) continue;
    const missing = requiredFeatures(plan, driver, name).filter((f) => !d.features.includes(f));
    if (missing.length > 0) {
      const why = [...new Set(missing.map((f) => d.featureGaps?.[f]).filter((w) => w !== undefined))];
      return `driver ${name} lacks feature(s) ${missing.join(', ')}${why.length > 0 ? `: ${why.join('; ')}` : ''}`;
    }
  }
  for (const node of nodesExpectingTables(plan)) {
    const name = plan.topology.nodes.find((n) => n.name === node)?.driver ?? driver;
    const gap = lookupDriver(name, env)?.tablesGap;
    if (gap) return `driver ${name} cannot show ${node}'s tables: ${gap}`;
  }
  // Last: what the driver cannot do is a fact of the driver; a missing checkout is this machine's.
  const goblins = goblinsSkipReason(plan, driver, env);
  if (goblins) return goblins;
  const endo = used.find((n) => isEndoDriver(n));
  if (endo !== undefined) return endoSkipReason(env, endo);
  return undefined;
}

/** True for skips caused by this machine (no endo checkout), not by the scenario or the driver. */
export function isEnvironmentSkip(reason: string): boolean {
  return reason.startsWith('endo driver: ') || reason.startsWith('goblins driver: set ');
}

/** Nodes naming a driver the harness does not know. */
export function nodeDriverProblems(file: string, plan: Plan): string[] {
  return plan.topology.nodes
    .filter((n) => n.driver && !getDriver(n.driver) && !isEndoDriver(n.driver))
    .map((n) => `${file}: node ${n.name} names unknown driver "${n.driver}" (known: ${drivers.map((d) => d.name).join(', ')})`);
}
