/**
 * Why a case cannot run its Goblins nodes, beyond the features the driver lacks (driver-skips.ts
 * checks those first): what the peer program (drivers/goblins/peer.scm) cannot stage or report,
 * and last, Goblins not being set up on this machine (OCAPN_GOBLINS_PATH unset). Each reason
 * says whose gap it is; none of these is a Goblins defect.
 */
import { GOBLINS_DRIVER_NAME, GOBLINS_PATH_VARIABLE, GOBLINS_UNSET_REASON } from '../drivers/goblins/info.js';
import { goblinsRoleGaps } from './goblins-roles.js';
import type { Plan } from '../scenario/plan.js';

/** The plan's nodes that run on Goblins in a case of `driver`. */
export function goblinsNodesOf(plan: Plan, driver: string): string[] {
  return plan.topology.nodes.filter((n) => !n.external && (n.driver ?? driver) === GOBLINS_DRIVER_NAME).map((n) => n.name);
}

export function goblinsSkipReason(plan: Plan, driver: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const nodes = goblinsNodesOf(plan, driver);
  if (nodes.length === 0) return undefined;
  // A Goblins column's case has moved these roles to the reference node already (substitute.ts);
  // what is left here is a mixed case's own `driver: goblins` node in such a role.
  const gaps = goblinsRoleGaps(plan);
  for (const node of nodes) {
    const gap = gaps.get(node)?.[0];
    if (gap) return `${gap.gap} (${gap.need} at ${node})`;
  }
  if (!env[GOBLINS_PATH_VARIABLE]) return GOBLINS_UNSET_REASON;
  return undefined;
}

/**
 * Goblins cases run in free-run mode (real time: a seed draws latencies and tie-breaks, but the
 * processes' own timing dominates, and a case costs seconds, not milliseconds), so a scenario's
 * Goblins cases use at most its first GOBLINS_MAX_SEEDS seeds.
 */
export const GOBLINS_MAX_SEEDS = 3;

export function seedsFor(plan: Plan, driver: string): number[] {
  return goblinsNodesOf(plan, driver).length > 0 ? plan.seeds.slice(0, GOBLINS_MAX_SEEDS) : plan.seeds;
}

/** When a case of `driver` runs fewer seeds than the scenario has (seedsFor): how many it has and
 * why, for an aggregate over those seeds (sometimes.ts SeedsJudged); undefined when it runs all. */
export function seedCapOf(plan: Plan, driver: string): { of: number; why: string } | undefined {
  if (seedsFor(plan, driver).length >= plan.seeds.length) return undefined;
  return { of: plan.seeds.length, why: `a case with Goblins nodes runs in real time, so only the first ${GOBLINS_MAX_SEEDS} seeds` };
}
