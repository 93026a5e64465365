/**
 * Goal: imports inside harness/ never loop across folders. A loop such as session → dispatch →
 * captp → session makes every folder in it one unit that can only be understood, tested and
 * changed together; captp/ and flush/ talk to the session through `captp/session-port.ts` to
 * avoid exactly that. A loop between two files of one folder (an interface and its
 * implementation) is tolerated.
 * Method: read every relative `import`/`export … from` (type-only included) of the tracked
 * harness sources, find the strongly connected groups (Tarjan), and fail on any group whose files
 * sit in more than one folder. The finder is shown failing on a made-up graph first.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Strongly connected groups of more than one file, each sorted, in a stable order. */
export function importLoops(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const loops: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next);
    next++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const group: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        group.push(w);
      } while (w !== v);
      if (group.length > 1) loops.push(group.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) visit(v);
  return loops.sort((a, b) => (a[0] < b[0] ? -1 : 1));
}

const crossesFolders = (group: readonly string[]) => new Set(group.map((f) => path.posix.dirname(f))).size > 1;

/** The relative-import graph of the tracked TypeScript and ES module sources under `dir`. */
function harnessGraph(dir: string): Map<string, string[]> {
  const files = execFileSync('git', ['ls-files', dir], { cwd: ROOT, encoding: 'utf8' })
    .split('\n')
    .filter((f) => /\.(ts|mjs)$/.test(f) && existsSync(path.join(ROOT, f)));
  const known = new Set(files);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const source = readFileSync(path.join(ROOT, file), 'utf8');
    const targets = [...source.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+['"](\.[^'"]+)['"]|^\s*import\s+['"](\.[^'"]+)['"]/gm)]
      .map((m) => path.posix.normalize(path.posix.join(path.posix.dirname(file), m[1] ?? m[2])).replace(/\.js$/, '.ts'))
      .filter((t) => known.has(t));
    graph.set(file, targets);
  }
  return graph;
}

test('the finder reports a loop across folders and tolerates one inside a folder', () => {
  const graph = new Map([
    ['s/session.ts', ['s/dispatch.ts', 's/host.ts']],
    ['s/host.ts', ['s/session.ts']],
    ['s/dispatch.ts', ['c/references.ts']],
    ['c/references.ts', ['s/session.ts']],
    ['c/tables.ts', []],
  ]);
  const loops = importLoops(graph);
  expect(loops).toEqual([['c/references.ts', 's/dispatch.ts', 's/host.ts', 's/session.ts']]);
  expect(loops.filter(crossesFolders)).toHaveLength(1);
  graph.set('c/references.ts', ['c/tables.ts']);
  expect(importLoops(graph)).toEqual([['s/host.ts', 's/session.ts']]);
  expect(importLoops(graph).filter(crossesFolders)).toEqual([]);
});

test('no import loop in harness/ spans more than one folder', () => {
  test.skip(!existsSync(path.join(ROOT, '.git')), 'not a git checkout: nothing to list');
  const graph = harnessGraph('harness');
  expect(graph.size).toBeGreaterThan(100);
  const across = importLoops(graph).filter(crossesFolders);
  expect(across, across.map((g) => g.join(' → ')).join('\n')).toEqual([]);
});
