/**
 * Semantic checks of the scenario's frame: seeds (ranges in order, no repeats), sturdyrefs that
 * name real objects, links between existing, distinct nodes with at most one model per direction.
 * Guarantees: after these pass, normalise.ts can expand seeds and build the full link mesh.
 */
import { checkNode, report, type SemanticContext } from './semantic-context.js';
import { didYouMean } from './suggest.js';

/** Seeds beyond this are a typo ("1..100000"), not a sweep; sweeps belong to `explore`. */
export const SEEDS_MAX = 10_000;

export function checkSeeds(ctx: SemanticContext): void {
  const seeds = ctx.doc.seeds;
  if (seeds === undefined) return;
  const entries = Array.isArray(seeds) ? seeds : [seeds];
  const seen = new Map<number, number>();
  let total = 0;
  entries.forEach((entry, index) => {
    const path = Array.isArray(seeds) ? ['seeds', index] : ['seeds'];
    const [first, last] = typeof entry === 'number' ? [entry, entry] : entry.split('..').map(Number);
    if (first > last) {
      report(ctx, path, `range "${entry}" runs backwards; write "${last}..${first}"`);
      return;
    }
    total += last - first + 1;
    if (total > SEEDS_MAX) return;
    for (let seed = first; seed <= last; seed++) {
      if (seen.has(seed)) {
        report(ctx, path, `seed ${seed} is listed twice`);
        return;
      }
      seen.set(seed, index);
    }
  });
  if (total > SEEDS_MAX) report(ctx, ['seeds'], `${total} seeds is more than ${SEEDS_MAX}; use a smaller range`);
}

export function checkTopology(ctx: SemanticContext): void {
  for (const [nodeName, node] of Object.entries(ctx.doc.topology.nodes)) {
    const objects = [...(ctx.apps.get(nodeName)?.keys() ?? [])];
    for (const [swiss, object] of Object.entries(node.sturdyrefs ?? {})) {
      if (!objects.includes(object)) {
        const path = ['topology', 'nodes', nodeName, 'sturdyrefs', swiss];
        report(ctx, path, `${nodeName} has no object "${object}"${didYouMean(object, objects)}`);
      }
    }
  }
  checkLinks(ctx);
}

function checkLinks(ctx: SemanticContext): void {
  // direction "a→b" → index of the link that set it, separately for two-way and one-way entries
  // (a one-way entry may refine a two-way one, but two entries of the same kind conflict).
  const claimed = { twoWay: new Map<string, number>(), oneWay: new Map<string, number>() };
  (ctx.doc.topology.links ?? []).forEach((link, index) => {
    const path = ['topology', 'links', index];
    const ok = checkNode(ctx, [...path, 'source'], link.source) && checkNode(ctx, [...path, 'target'], link.target);
    if (!ok) return;
    if (link.source === link.target) {
      report(ctx, [...path, 'target'], `a link joins two different nodes (got ${link.source} twice)`);
      return;
    }
    const kind = link.oneWay ? 'oneWay' : 'twoWay';
    const directions = [`${link.source}→${link.target}`];
    if (!link.oneWay) directions.push(`${link.target}→${link.source}`);
    for (const direction of directions) {
      const earlier = claimed[kind].get(direction);
      if (earlier !== undefined) {
        report(ctx, path, `${direction} is already set by topology.links[${earlier}]`);
        return;
      }
    }
    for (const direction of directions) claimed[kind].set(direction, index);
  });
}
