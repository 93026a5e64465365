/**
 * Semantic checks of `explore:` (what `explore --faults` may inject): each kind listed once, bounds
 * that fit the kind (nodes for restart, links for partition and stall), and only nodes and pairs
 * explore could actually hit — so a declaration never silently injects nothing.
 * Which nodes explore may restart is the rule harness/explore/schedule.ts applies: not a kickoff
 * sender (its kickoffs would be lost), not external (the bridge injects no faults), not one the
 * steps pause, resume, kill, stop or restart themselves (their lifecycle rules would clash).
 */
import { getStepAction, type ExploreDoc, type ExploreFaultDoc } from './doc.js';
import { checkNode, checkPair, report, type SemanticContext } from './semantic-context.js';
import { externalNodes } from './semantic-external.js';
import { LIFECYCLE_STEPS } from './steps/index.js';

/** Why explore never restarts `node`, or undefined when it may. */
function restartRefusal(ctx: SemanticContext, node: string): string | undefined {
  if (externalNodes(ctx).includes(node)) return 'it is external (explore injects no faults into another process)';
  if ((ctx.doc.kickoffs ?? []).some((k) => k.from === node)) return 'it sends kickoffs (a restart would lose them)';
  const own = (ctx.doc.steps ?? []).some((step) => {
    const action = getStepAction(step);
    if (!LIFECYCLE_STEPS.has(action)) return false;
    const operand = (step as Record<string, unknown>)[action];
    return (typeof operand === 'string' ? operand : (operand as { node?: string } | undefined)?.node) === node;
  });
  return own ? 'the steps start or stop it themselves' : undefined;
}

/** `explore`: the scenario's `explore:` (keys/explore.ts), if it has one. */
export function checkExplore(explore: ExploreDoc | undefined, ctx: SemanticContext): void {
  const faults: ExploreFaultDoc[] = explore?.faults ?? [];
  const externals = new Set(externalNodes(ctx));
  const seen = new Map<string, number>();
  faults.forEach((entry, index) => {
    const path = ['explore', 'faults', index];
    const fault = typeof entry === 'string' ? { kind: entry } : entry;
    const first = seen.get(fault.kind);
    if (first !== undefined) report(ctx, path, `${fault.kind} is listed twice (first at explore.faults[${first}]); give one entry its bounds`);
    else seen.set(fault.kind, index);
    if (typeof entry === 'string') {
      if (fault.kind !== 'restart' && ctx.nodeNames.length - externals.size < 2) report(ctx, path, `${fault.kind}: needs two nodes that are not external`);
      if (fault.kind === 'restart' && !ctx.nodeNames.some((n) => restartRefusal(ctx, n) === undefined)) {
        report(ctx, path, 'restart: explore may restart no node here (each sends kickoffs, is external, or is started or stopped by the steps)');
      }
      return;
    }
    if (entry.nodes !== undefined && entry.kind !== 'restart') {
      report(ctx, [...path, 'nodes'], `${entry.kind} hits a pair, not a node: write links: [[a, b], …] (nodes: is for restart)`, true);
    }
    if (entry.links !== undefined && entry.kind === 'restart') {
      report(ctx, [...path, 'links'], 'restart hits a node, not a pair: write nodes: [a, …] (links: is for partition and stall)', true);
    }
    (entry.nodes ?? []).forEach((node, i) => {
      if (!checkNode(ctx, [...path, 'nodes', i], node) || entry.kind !== 'restart') return;
      const refusal = restartRefusal(ctx, node);
      if (refusal) report(ctx, [...path, 'nodes', i], `explore never restarts ${node}: ${refusal}`);
    });
    (entry.links ?? []).forEach((pair, i) => {
      if (!checkPair(ctx, [...path, 'links', i], pair)) return;
      const external = pair.find((n) => externals.has(n));
      if (external) report(ctx, [...path, 'links', i], `${external} is an external node: explore injects no faults on its links`);
    });
    if (entry.kind !== 'restart' && entry.links === undefined && ctx.nodeNames.length - externals.size < 2) {
      report(ctx, [...path, 'kind'], `${entry.kind}: needs two nodes that are not external`);
    }
    if (entry.kind === 'restart' && entry.nodes === undefined && !ctx.nodeNames.some((n) => restartRefusal(ctx, n) === undefined)) {
      report(ctx, [...path, 'kind'], 'restart: explore may restart no node here (each sends kickoffs, is external, or is started or stopped by the steps)');
    }
  });
}
