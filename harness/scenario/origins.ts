/**
 * The origin tree: where every key and value of a scenario came from, and the lookup that turns a
 * JSON path into the point to report. Apart from source.ts (which builds the tree with the `yaml`
 * package) so the semantic checks, which the page loads with the step modules, need no parser.
 */
import type { SourcePoint } from './errors.js';

/** Where one value (and the key naming it, if any) sits; children mirror the data's keys. */
export interface OriginTree {
  value: SourcePoint;
  key?: SourcePoint;
  children: Map<string, OriginTree>;
}

/** The origin of a path; a missing tail falls back to the deepest existing ancestor. */
export function findOrigin(root: OriginTree, path: readonly (string | number)[]): OriginTree {
  let tree = root;
  for (const segment of path) {
    const child = tree.children.get(String(segment));
    if (!child) break;
    tree = child;
  }
  return tree;
}
