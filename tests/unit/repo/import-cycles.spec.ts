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
import { existsSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { ROOT, harnessGraph, importLoops } from './_imports.js';

const crossesFolders = (group: readonly string[]) => new Set(group.map((f) => path.posix.dirname(f))).size > 1;

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
