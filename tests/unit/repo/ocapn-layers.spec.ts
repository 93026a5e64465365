/**
 * Goal: harness/ocapn/'s sub-layers (syrup → wire → base files → crypto, netlayer → captp →
 * handoff → flush → session → node) import only downwards, and the lint config is what says so.
 * Method: (1) the allow-lists in eslint.config.js contain no loop, so obeying them leaves none;
 * (2) ESLint, run on made-up sources placed in each layer, reports a forbidden import and passes
 * an allowed one, so the lists are really enforced; (3) the folder graph of the real sources has
 * no loop, an exposed file such as flush/designs.ts counted as a node of its own (so a loop through
 * it, which the lists cannot see, is caught here).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { ESLint } from 'eslint';
import { ocapnLayers, ocapnTop } from '../../../eslint.config.js';
import { ROOT, harnessGraph, importLoops } from './_imports.js';

/** Files a layer exposes to lower ones (`flush/designs`): each is a node of its own, a leaf. */
const exposed = [...new Set(Object.values(ocapnLayers).flatMap((ok) => ok.filter((o) => o.includes('/'))))];

test('the allow-lists of harness/ocapn/ sub-layers form no loop', () => {
  const graph = new Map<string, string[]>(Object.entries(ocapnLayers).map(([layer, ok]) => [layer, [...ok]]));
  for (const file of exposed) graph.set(file, []);
  expect(graph.size).toBeGreaterThan(5);
  for (const ok of graph.values()) for (const target of ok) expect(graph.has(target), `${target} is a layer`).toBe(true);
  expect(importLoops(graph)).toEqual([]);
  // The finder does see a loop once one list names a higher layer.
  graph.set('captp', [...graph.get('captp')!, 'session']);
  expect(importLoops(graph)).toEqual([['captp', 'flush', 'handoff', 'session']]);
});

const cases: { file: string; from: string; forbidden: boolean }[] = [
  { file: 'harness/ocapn/captp/_probe.ts', from: '../session/session.js', forbidden: true },
  { file: 'harness/ocapn/captp/_probe.ts', from: '../handoff/exporter.js', forbidden: true },
  { file: 'harness/ocapn/captp/_probe.ts', from: '../violation.js', forbidden: false },
  { file: 'harness/ocapn/captp/_probe.ts', from: '../node.js', forbidden: true },
  { file: 'harness/ocapn/wire/_probe.ts', from: '../world.js', forbidden: true },
  { file: 'harness/ocapn/wire/_probe.ts', from: '../syrup/index.js', forbidden: false },
  { file: 'harness/ocapn/syrup/_probe.ts', from: '../wire/index.js', forbidden: true },
  { file: 'harness/ocapn/flush/_probe.ts', from: '../session/host.js', forbidden: true },
  { file: 'harness/ocapn/flush/_probe.ts', from: '../handoff/receiver.js', forbidden: false },
  { file: 'harness/ocapn/_probe.ts', from: './flush/designs.js', forbidden: true },
  { file: 'harness/ocapn/_probe.ts', from: './flush/marker.js', forbidden: true },
  { file: 'harness/ocapn/_probe.ts', from: './captp/tables.js', forbidden: true },
  { file: 'harness/ocapn/_probe.ts', from: './introspect.js', forbidden: true },
  { file: 'harness/ocapn/node.ts', from: './session/session.js', forbidden: false },
  // The TCP binding keeps both its own Node rule and its layer's.
  { file: 'harness/ocapn/netlayer/tcp.ts', from: '../captp/tables.js', forbidden: true },
  { file: 'harness/ocapn/netlayer/tcp.ts', from: 'node:net', forbidden: false },
  { file: 'harness/ocapn/netlayer/tcp.ts', from: 'node:fs', forbidden: true },
  // The outer rule still holds inside a sub-layer.
  { file: 'harness/ocapn/session/_probe.ts', from: '../../sim/page-side/runner.js', forbidden: true },
  // Between stages, a file exposed in a subfolder (the step registry, for the checks' facts)
  // opens that file only, and only to the stage it is exposed to.
  { file: 'harness/checks/_probe.ts', from: '../scenario/steps/index.js', forbidden: false },
  { file: 'harness/checks/_probe.ts', from: '../scenario/steps/flush.js', forbidden: true },
  { file: 'harness/checks/_probe.ts', from: '../scenario/normalise.js', forbidden: true },
  // The simulation runs each step's effect through the registry, and sees no step module itself.
  { file: 'harness/sim/_probe.ts', from: '../scenario/steps/index.js', forbidden: false },
  { file: 'harness/sim/_probe.ts', from: '../scenario/steps/flush.js', forbidden: true },
  { file: 'harness/sim/_probe.ts', from: '../scenario/semantic-context.js', forbidden: true },
  { file: 'harness/page/_probe.ts', from: '../scenario/steps/index.js', forbidden: true },
  // The simulation's two sides of the worker boundary meet only in the files at the top of
  // harness/sim/; the outer rule still holds on each side.
  { file: 'harness/sim/page-side/_probe.ts', from: '../worker-side/node-host.js', forbidden: true },
  { file: 'harness/sim/page-side/_probe.ts', from: '../protocol.js', forbidden: false },
  { file: 'harness/sim/page-side/_probe.ts', from: '../../scenario/steps/flush.js', forbidden: true },
  { file: 'harness/sim/worker-side/_probe.ts', from: '../page-side/lookahead.js', forbidden: true },
  { file: 'harness/sim/worker-side/_probe.ts', from: '../answer-safety.js', forbidden: false },
  { file: 'harness/sim/worker-side/apps/_probe.ts', from: '../../page-side/runner.js', forbidden: true },
  { file: 'harness/sim/worker-side/apps/_probe.ts', from: '../../recording.js', forbidden: false },
  { file: 'harness/sim/_probe.ts', from: './worker-side/apps/index.js', forbidden: true },
];

test('ESLint reports an import against the sub-layer order and passes one along it', async () => {
  const eslint = new ESLint({ cwd: ROOT });
  for (const { file, from, forbidden } of cases) {
    const [result] = await eslint.lintText(`import '${from}';\n`, { filePath: path.join(ROOT, file) });
    const restricted = result!.messages.filter((m) => m.ruleId === 'no-restricted-imports');
    expect(restricted.length, `${file} importing ${from}: ${restricted.map((m) => m.message).join('; ')}`).toBe(forbidden ? 1 : 0);
  }
});

test('the folders of harness/ocapn/ import each other in no loop', () => {
  test.skip(!existsSync(path.join(ROOT, '.git')), 'not a git checkout: nothing to list');
  const files = harnessGraph('harness/ocapn');
  expect(files.size).toBeGreaterThan(50);
  const layer = (file: string): string => {
    const [, , sub, rest] = file.split('/');
    const leaf = file.replace(/^harness\/ocapn\//, '').replace(/\.ts$/, '');
    if (exposed.includes(leaf)) return leaf;
    if (rest !== undefined) return sub!;
    return ocapnTop.includes(sub!.replace(/\.ts$/, '')) ? 'top' : 'base';
  };
  const graph = new Map<string, string[]>();
  for (const [file, targets] of files) {
    const from = layer(file);
    graph.set(from, [...(graph.get(from) ?? []), ...targets.map(layer).filter((t) => t !== from)]);
  }
  expect([...graph.keys()].sort()).toEqual([...Object.keys(ocapnLayers), ...exposed, 'top'].sort());
  const loops = importLoops(graph);
  expect(loops, loops.map((g) => g.join(' ↔ ')).join('\n')).toEqual([]);
});
