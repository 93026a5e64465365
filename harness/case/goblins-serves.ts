/**
 * The external pack, suite-style, against Goblins: the official suite runs its tests from its
 * own process against one implementation's process; our external scenarios do the same with a
 * page node (the reference node) against `ocapn-conformance serve` processes. This plan
 * rewrite puts a Goblins peer process where each `serve` process was, hosting the objects the
 * scenario declares for it (same swiss numbers, same apps), while the page nodes keep the
 * reference node — so the scenario's client side, steps, faults and expectations are unchanged
 * and only the implementation under test differs. The catalog adds these as the scenario's
 * `goblins` cases (skipped, with the reason, where Goblins is not set up).
 * Guarantees: a plan with no `serve` process is not rewritten (undefined); nothing else in the
 * plan changes (the ids stay, so `--grep serve-basics` finds both columns).
 */
import { GOBLINS_DRIVER_NAME } from '../drivers/goblins/info.js';
import type { Plan, PlanNode } from '../scenario/plan.js';

/** True for an external node started as this package's `serve` command. */
export function isServeNode(node: PlanNode): boolean {
  const command = node.external?.command;
  if (!command) return false;
  const bin = command.findIndex((arg) => arg.endsWith('harness/cli/bin.mjs') || arg === 'ocapn-conformance');
  return bin >= 0 && command[bin + 1] === 'serve';
}

/** The plan with every `serve` process replaced by a Goblins node; undefined when it has none. */
export function servesAsGoblins(plan: Plan): Plan | undefined {
  if (!plan.topology.nodes.some(isServeNode)) return undefined;
  const nodes = plan.topology.nodes.map((n): PlanNode => {
    if (isServeNode(n)) {
      const { external: _external, ...hosted } = n;
      return { ...hosted, driver: GOBLINS_DRIVER_NAME };
    }
    // The client side stays the reference node, as the official suite's side stays Python.
    return n.external || n.driver ? n : { ...n, driver: 'reference' };
  });
  return { ...plan, topology: { ...plan.topology, nodes } };
}
