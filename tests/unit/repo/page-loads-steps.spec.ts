/**
 * Goal: the page (which runs the simulation, and so every step module's effect) can load the step
 * registry: nothing harness/scenario/steps/index.ts imports at run time, however indirectly,
 * reaches a Node API or a package that reads files or parses YAML. Type-only imports are erased
 * and do not count. The Vite page build is the final word; this says which import broke it.
 * Method: follow the runtime `import`/`export … from` of the registry through the repository's
 * files and collect the bare specifiers (packages, node:*) met on the way, with the chain that
 * reached each. The walker is shown finding `yaml` from the scenario parser first.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { ROOT } from './_imports.js';

/** Module specifiers a file imports at run time (an all-`type` import or `import type` is erased). */
function runtimeImports(source: string): string[] {
  const out: string[] = [];
  for (const m of source.matchAll(/^\s*(import|export)\s+(type\s)?([^'";]*?)\bfrom\s+['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]/gm)) {
    if (m[5] !== undefined) {
      out.push(m[5]);
      continue;
    }
    if (m[2] !== undefined) continue;
    const names = /^\{([^}]*)\}\s*$/.exec(m[3].trim())?.[1].split(',').map((n) => n.trim()).filter(Boolean);
    if (names && names.every((n) => n.startsWith('type '))) continue;
    out.push(m[4]);
  }
  return out;
}

/** Bare specifier → the chain of files that reached it, from `entry` (repository-relative). */
function packagesReached(entry: string): Map<string, string[]> {
  const via = new Map<string, string[]>([[entry, [entry]]]);
  const found = new Map<string, string[]>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.shift()!;
    for (const spec of runtimeImports(readFileSync(path.join(ROOT, file), 'utf8'))) {
      if (!spec.startsWith('.')) {
        if (!found.has(spec)) found.set(spec, [...via.get(file)!, spec]);
        continue;
      }
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), spec)).replace(/\.js$/, '.ts');
      if (via.has(target) || !existsSync(path.join(ROOT, target))) continue;
      via.set(target, [...via.get(file)!, target]);
      queue.push(target);
    }
  }
  return found;
}

test('the walker finds the YAML parser behind the scenario source reader', () => {
  expect(packagesReached('harness/scenario/source.ts').get('yaml')).toEqual(['harness/scenario/source.ts', 'yaml']);
  expect(runtimeImports("import type { A } from 'a';\nimport { type B, type C } from 'b';\nimport { d, type E } from 'd';\nexport { f } from 'f';\n")).toEqual(['d', 'f']);
});

test('the step registry reaches no Node API and no file-reading or YAML package', () => {
  const reached = packagesReached('harness/scenario/steps/index.ts');
  const chains = [...reached.values()].map((chain) => chain.join(' → '));
  expect(chains).toEqual([]);
});
