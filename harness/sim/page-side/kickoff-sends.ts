/**
 * Turns a Plan kickoff into its sends: tags (sender, reference label, n = 1..count), virtual send
 * times (`at` + (n-1)·everyMs), and routes (fixed, or drawn per seed from the kickoff's own
 * stream so one kickoff's draws never shift another's). View: the page, before the run.
 * Guarantees: the same (plan, seed) gives the same sends.
 */
import { makeRandom, randomInt } from '../../ocapn/random.js';
import type { PlanKickoff, PlanRoute } from '../../scenario/plan.js';
import type { KickoffSend } from '../protocol.js';

export interface ScheduledSend {
  atMs: number;
  /** The kickoff's index in the plan: equal-time sends go in plan order. */
  order: number;
  from: string;
  send: KickoffSend;
}

/** The nodes a routed call visits, including the target's node first. */
export function drawRoute(route: PlanRoute, targetNode: string, seed: number, label: string): string[] {
  if (route.kind === 'fixed') return [...route.nodes];
  const random = makeRandom(seed, `route:${label}`);
  const length = route.lengthMin + randomInt(random, route.lengthMax - route.lengthMin + 1);
  const nodes = [targetNode];
  while (nodes.length < length) {
    const previous = nodes[nodes.length - 1];
    const choices = route.candidates.filter((c) => c !== previous);
    if (choices.length === 0) break;
    nodes.push(choices[randomInt(random, choices.length)]);
  }
  return nodes;
}

export function sendsOf(kickoff: PlanKickoff, order: number, seed: number, startMs: number): ScheduledSend[] {
  const ref = kickoff.target.kind === 'sturdyref' ? `${kickoff.target.node}.${kickoff.target.object}` : kickoff.target.kickoff;
  const target: KickoffSend['target'] =
    kickoff.target.kind === 'sturdyref'
      ? { kind: 'sturdyref', node: kickoff.target.node, swiss: kickoff.target.swiss }
      : { kind: 'result', kickoff: kickoff.target.kickoff };
  const sends: ScheduledSend[] = [];
  for (let n = 1; n <= kickoff.count; n++) {
    const route = kickoff.route ? drawRoute(kickoff.route, kickoff.targetNode, seed, `${kickoff.name}#${n}`).slice(1) : undefined;
    sends.push({
      atMs: startMs + (n - 1) * kickoff.everyMs,
      order,
      from: kickoff.from,
      send: {
        kickoff: kickoff.name,
        tag: { sender: kickoff.from, ref, n },
        op: kickoff.op,
        target,
        method: kickoff.method,
        args: kickoff.args,
        ...(route ? { route } : {}),
      },
    });
  }
  return sends;
}
