/**
 * Why a case cannot run its Goblins nodes, beyond the features the driver lacks (driver-skips.ts
 * checks those first): what the peer program (drivers/goblins/peer.scm) cannot stage or report,
 * and last, Goblins not being set up on this machine (OCAPN_GOBLINS_PATH unset). Each reason
 * says whose gap it is; none of these is a Goblins defect.
 */
import { GOBLINS_DRIVER_NAME, GOBLINS_NODE_FAULT_GAP, GOBLINS_RESTART_KEEP_GAP, GOBLINS_PATH_VARIABLE, GOBLINS_UNSET_REASON } from '../drivers/goblins/info.js';
import type { Plan } from '../scenario/plan.js';

/** The plan's nodes that run on Goblins in a case of `driver`. */
export function goblinsNodesOf(plan: Plan, driver: string): string[] {
  return plan.topology.nodes.filter((n) => !n.external && (n.driver ?? driver) === GOBLINS_DRIVER_NAME).map((n) => n.name);
}

export function goblinsSkipReason(plan: Plan, driver: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const nodes = new Set(goblinsNodesOf(plan, driver));
  if (nodes.size === 0) return undefined;
  // kill, stop and a fresh restart act on the process itself (goblins-peers.ts); pause holds
  // only the page's deliveries while the process's own timers run on, and keep needs state.
  const faulted = plan.steps.find((s) => ((s.kind === 'pause' || s.kind === 'resume') && nodes.has(s.node)) || (s.kind === 'restart' && s.mode === 'keep' && nodes.has(s.node)));
  if (faulted?.kind === 'restart') return `${GOBLINS_RESTART_KEEP_GAP} (restart keep ${faulted.node})`;
  if (faulted) return `${GOBLINS_NODE_FAULT_GAP} (${faulted.kind} ${'node' in faulted ? faulted.node : ''})`;
  const fromGoblins = plan.kickoffs.filter((k) => nodes.has(k.from));
  const named = new Set(fromGoblins.map((k) => k.name));
  if (Object.entries(plan.expect.results).some(([name, want]) => named.has(name) && JSON.stringify(want).includes('"$ref"'))) {
    return 'goblins driver: the peer program reports no export events, so a reference result of a Goblins kickoff cannot be followed to its object (driver gap)';
  }
  const counted = (plan.expect.sessions ?? []).find((c) => nodes.has(c.node));
  if (counted) return `goblins driver: the peer program reports no session events, so ${counted.node}'s sessions cannot be counted (driver gap)`;
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
