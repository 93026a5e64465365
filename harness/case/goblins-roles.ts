/**
 * What a Goblins node cannot do beyond the features the driver lacks, placed at the nodes that
 * need it — the Goblins table beside node-roles.ts, so a Goblins column's case moves only those
 * roles to the reference node (substitute.ts) and a mixed case's own `driver: goblins` node is
 * refused with the same reason (goblins-skips.ts). Each need, where it is placed:
 * - `pause`: the node a pause or resume step names (the process's own timers would run on).
 * - `restart-keep`: the node a `restart: { mode: keep }` step names (the apps keep no state).
 * - `export-events`: the caller of a kickoff whose result is expected as a `$ref` (the peer
 *   program reports the result as Goblins sees it, not as the holder's import position), and the
 *   node hosting the object the `$ref` names (it reports no export-added events to follow the
 *   reference to its object).
 * - `session-events`: a node whose sessions the scenario counts (no session events).
 * Guarantees: the nodes are the plan's; a node needing nothing is absent; the gap texts are the
 * driver's stated ones (drivers/goblins/info.ts), none a Goblins defect.
 */
import { GOBLINS_NODE_FAULT_GAP, GOBLINS_RESTART_KEEP_GAP } from '../drivers/goblins/info.js';
import type { Plan } from '../scenario/plan.js';
import { hasReferences, referencedNodes } from '../checks/reference-identity.js';

/** A need the column cannot meet at a node, with why. */
export interface RoleGap {
  need: string;
  gap: string;
}

export const GOBLINS_EXPORT_EVENTS_GAP = 'goblins driver: the peer program reports no export events, so a reference result of a Goblins kickoff cannot be followed to its object (driver gap)';
export const GOBLINS_EXPORTER_EVENTS_GAP = 'goblins driver: the peer program reports no export-added events naming the object it exports at each position, so a reference result designating one of its objects cannot be followed to it (driver gap: Goblins 0.18 keeps its export table private to its CapTP session)';
export const GOBLINS_SESSION_EVENTS_GAP = 'goblins driver: the peer program reports no session events, so its sessions cannot be counted (driver gap)';

function add(gaps: Map<string, RoleGap[]>, node: string, gap: RoleGap): void {
  const list = gaps.get(node) ?? [];
  if (!list.some((g) => g.need === gap.need)) list.push(gap);
  gaps.set(node, list);
}

/** Node → the Goblins gaps its role runs into (see the module comment). */
export function goblinsRoleGaps(plan: Plan): Map<string, RoleGap[]> {
  const gaps = new Map<string, RoleGap[]>();
  for (const s of plan.steps) {
    if (s.kind === 'pause' || s.kind === 'resume') add(gaps, s.node, { need: 'pause', gap: GOBLINS_NODE_FAULT_GAP });
    if (s.kind === 'restart' && s.mode === 'keep') add(gaps, s.node, { need: 'restart-keep', gap: GOBLINS_RESTART_KEEP_GAP });
  }
  const refResults = plan.expect.results.filter((r) => r.kind === 'fulfilled' && hasReferences(r.value));
  const refNames = new Set(refResults.map((r) => r.name));
  for (const k of plan.kickoffs) if (refNames.has(k.name)) add(gaps, k.from, { need: 'export-events', gap: GOBLINS_EXPORT_EVENTS_GAP });
  // The reference is followed to its object through the host's export-added events.
  for (const r of refResults) for (const node of referencedNodes(r.kind === 'fulfilled' ? r.value : undefined)) add(gaps, node, { need: 'export-events', gap: GOBLINS_EXPORTER_EVENTS_GAP });
  for (const c of plan.expect.sessions ?? []) add(gaps, c.node, { need: 'session-events', gap: GOBLINS_SESSION_EVENTS_GAP });
  return gaps;
}
