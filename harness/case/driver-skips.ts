/**
 * Why a case cannot run on the drivers it uses: the case's driver plus any node's own driver
 * (mixed topologies). Reasons, first that applies: a feature a driver lacks (quoting its stated
 * gap), tables the scenario expects from a node whose driver cannot list them, and last the endo
 * checkout not being set up here (OCAPN_ENDO_PATH) — so a skip says what is missing on any
 * machine before what is missing on this one.
 */
import { getDriver, drivers } from '../drivers/index.js';
import { ENDO_DRIVER, endoDriverHere, endoSkipReason } from '../drivers/endo/checkout.js';
import type { Plan } from '../scenario/plan.js';
import { goblinsSkipReason } from './goblins-skips.js';

/** Every driver a case of `plan` on `driver` runs, the case's own first. */
export function driversOfCase(plan: Plan, driver: string): string[] {
  return [...new Set([driver, ...plan.topology.nodes.map((n) => n.driver ?? driver)])];
}

function nodesExpectingTables(plan: Plan): Set<string> {
  const nodes = new Set(plan.expect.tables.map((t) => t.node));
  for (const step of plan.steps) if (step.kind === 'expect') for (const t of step.tables) nodes.add(t.node);
  return nodes;
}

/** The plan's features a driver must support to run its nodes. All of them, except `gc`: its
 * action is the explicit release, so a driver none of whose nodes releases (an exporter that
 * only receives op:gc-exports) need not offer it. */
function requiredFeatures(plan: Plan, caseDriver: string, name: string): string[] {
  const nodes = new Set(plan.topology.nodes.filter((n) => (n.driver ?? caseDriver) === name).map((n) => n.name));
  const releases = plan.steps.some((s) => s.kind === 'release' && nodes.has(s.node));
  return plan.features.filter((f) => f !== 'gc' || releases);
}

export function driverSkipReason(plan: Plan, driver: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const used = driversOfCase(plan, driver);
  for (const name of used) {
    // endo's features depend on the checkout (op:flush only on the endo branch that speaks it).
    const d = name === ENDO_DRIVER ? endoDriverHere(env) : getDriver(name);
    if (!d) continue;
    const missing = requiredFeatures(plan, driver, name).filter((f) => !d.features.includes(f));
    if (missing.length > 0) {
      const why = [...new Set(missing.map((f) => d.featureGaps?.[f]).filter((w) => w !== undefined))];
      return `driver ${name} lacks feature(s) ${missing.join(', ')}${why.length > 0 ? `: ${why.join('; ')}` : ''}`;
    }
  }
  for (const node of nodesExpectingTables(plan)) {
    const name = plan.topology.nodes.find((n) => n.name === node)?.driver ?? driver;
    const gap = getDriver(name)?.tablesGap;
    if (gap) return `driver ${name} cannot show ${node}'s tables: ${gap}`;
  }
  // Last: what the driver cannot do is a fact of the driver; a missing checkout is this machine's.
  const goblins = goblinsSkipReason(plan, driver, env);
  if (goblins) return goblins;
  if (used.includes(ENDO_DRIVER)) return endoSkipReason(env);
  return undefined;
}

/** True for skips caused by this machine (no endo checkout), not by the scenario or the driver. */
export function isEnvironmentSkip(reason: string): boolean {
  return reason.startsWith('endo driver: ') || reason.startsWith('goblins driver: set ');
}

/** Nodes naming a driver the harness does not know. */
export function nodeDriverProblems(file: string, plan: Plan): string[] {
  return plan.topology.nodes
    .filter((n) => n.driver && !getDriver(n.driver))
    .map((n) => `${file}: node ${n.name} names unknown driver "${n.driver}" (known: ${drivers.map((d) => d.name).join(', ')})`);
}
