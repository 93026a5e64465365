/**
 * Goal: valid scenarios become complete, JSON-clean Plans — defaults filled, seeds expanded,
 * includes merged, references resolved — and the shipped pack is valid and well-formed.
 * Method: inline scenarios through parseScenario with an in-memory file reader, plus the real
 * files under scenarios/.
 */
import { test, expect } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { findScenarioFiles } from '../../../harness/case/scenario-files.js';
import { formatErrorLine } from '../../../harness/scenario/errors.js';
import { loadScenario, parseScenario, type LoadResult } from '../../../harness/scenario/load.js';
import type { Plan } from '../../../harness/scenario/plan.js';

function planOf(result: LoadResult): Plan {
  expect(result.errors?.map(formatErrorLine) ?? []).toEqual([]);
  return result.plan!;
}

const parse = (text: string, files: Record<string, string> = {}) =>
  parseScenario(text, 'mem/main.yaml', (file) => {
    if (!(file in files)) throw Object.assign(new Error('missing'), { code: 'ENOENT' });
    return files[file];
  });

const minimal = `
id: minimal
title: two nodes and a call
topology:
  nodes:
    alice: {}
    bob: { apps: { echo: { app: echo } } }
kickoffs:
  - { name: hello, from: alice, target: bob.echo, method: greet }
`;

test('a minimal scenario gets every default filled in', () => {
  const plan = planOf(parse(minimal));
  expect(plan).toMatchObject({
    planVersion: 1,
    description: '',
    spec: null,
    requirement: 'MUST',
    features: [],
    seeds: [1],
    drivers: 'all-conforming',
    options: { dialect: 'spec', flush: 'none', deadlineMs: 60000 },
    steps: [],
    expect: { results: [], tables: [], checks: 'all', sometimes: [], marks: [], golden: false },
  });
  expect(plan.topology.nodes[1]).toEqual({ name: 'bob', apps: [{ name: 'echo', app: 'echo', delayMs: 0 }], sturdyrefs: [{ swiss: 'echo', object: 'echo' }] });
  expect(plan.kickoffs[0]).toEqual({
    name: 'hello',
    from: 'alice',
    op: 'call',
    target: { kind: 'sturdyref', node: 'bob', object: 'echo', swiss: 'echo' },
    targetNode: 'bob',
    method: 'greet',
    args: [],
    route: null,
    count: 1,
    everyMs: 0,
    at: 0,
    where: 'mem/main.yaml:9:5',
  });
});

test('plans survive JSON.stringify and parse unchanged', () => {
  for (const file of findScenarioFiles(['scenarios'])) {
    const plan = planOf(loadScenario(file));
    expect(JSON.parse(JSON.stringify(plan))).toEqual(plan);
  }
});

test('seeds: one integer, a range, or a list of both, expanded in order', () => {
  const withSeeds = (seeds: string) => planOf(parse(`seeds: ${seeds}\n${minimal}`)).seeds;
  expect(withSeeds('7')).toEqual([7]);
  expect(withSeeds('"3..6"')).toEqual([3, 4, 5, 6]);
  expect(withSeeds('[1, "7..8", 20]')).toEqual([1, 7, 8, 20]);
});

test('links: a full directed mesh; one-way entries win over two-way ones; defaults fill the rest', () => {
  const plan = planOf(
    parse(`
id: mesh
title: three nodes
topology:
  defaults: { latency: { uniformMs: [30, 5] }, jitterMs: 2 }
  nodes: { a: {}, b: {}, c: {} }
  links:
    - { source: a, target: b, latency: { fixedMs: 40 } }
    - { source: b, target: a, latency: { normalMs: { mean: 9, stddev: 1 } }, oneWay: true }
`),
  );
  const model = (s: string, t: string) => plan.topology.links.find((l) => l.source === s && l.target === t);
  expect(plan.topology.links).toHaveLength(6);
  expect(model('a', 'b')).toEqual({ source: 'a', target: 'b', latency: { kind: 'fixed', ms: 40 }, jitterMs: 2 });
  expect(model('b', 'a')?.latency).toEqual({ kind: 'normal', msMean: 9, msStddev: 1 });
  expect(model('c', 'a')?.latency).toEqual({ kind: 'uniform', msMin: 5, msMax: 30 });
});

test('includes: maps merge, collecting lists append, a latency model is replaced whole', () => {
  const fragment = `
features: [pipelining]
topology:
  defaults: { latency: { fixedMs: 10 } }
  nodes:
    alice: {}
    bob: { apps: { hop: { app: forwarder } } }
kickoffs:
  - { name: p, from: alice, target: bob.hop, method: go }
`;
  const plan = planOf(
    parse(
      `
id: merged
title: uses a fragment
include: _frag.yaml
features: [pipelining, forwarding]
topology:
  defaults: { latency: { uniformMs: [1, 2] } }
  nodes:
    bob: { apps: { echo: { app: echo } } }
kickoffs:
  - { name: q, from: alice, target: p, method: again }
`,
      { 'mem/_frag.yaml': fragment },
    ),
  );
  expect(plan.source).toEqual({ file: 'mem/main.yaml', includes: ['mem/_frag.yaml'] });
  expect(plan.features).toEqual(['pipelining', 'forwarding']);
  expect(plan.topology.nodes.map((n) => [n.name, n.apps.map((a) => a.name)])).toEqual([['alice', []], ['bob', ['hop', 'echo']]]);
  expect(plan.topology.links[0].latency).toEqual({ kind: 'uniform', msMin: 1, msMax: 2 });
  expect(plan.kickoffs.map((k) => [k.name, k.where])).toEqual([['p', 'mem/_frag.yaml:9:5'], ['q', 'mem/main.yaml:11:5']]);
  expect(plan.kickoffs[1]).toMatchObject({ target: { kind: 'result', kickoff: 'p' }, targetNode: 'bob' });
});

test('references resolve to holder and exporter; flush design defaults to receiver-initiated', () => {
  const plan = planOf(
    parse(`
id: refs
title: flush and release by name and by position
topology:
  nodes:
    alice: {}
    bob: { apps: { hop: { app: forwarder } } }
    carol: { apps: { hop: { app: forwarder } } }
kickoffs:
  - { name: p, from: alice, target: bob.hop, method: go, route: { length: [1, 3] } }
  - { name: q, from: alice, target: p, method: more, at: step }
steps:
  - flush: { export: p, name: fp }
  - kickoff: q
  - release: { node: alice, peer: bob, ref: 4 }
  - wait: { settled: fp, timeoutMs: 500 }
expect:
  results: { fp: null, q: { broken: [connection-lost] } }
`),
  );
  expect(plan.options.flush).toBe('receiver-initiated');
  expect(plan.kickoffs[0].route).toEqual({ kind: 'random', lengthMin: 1, lengthMax: 3, candidates: ['bob', 'carol'] });
  expect(plan.steps.map(({ where: _where, ...s }) => s)).toEqual([
    { index: 0, kind: 'flush', node: 'alice', peer: 'bob', ref: { kind: 'kickoff', kickoff: 'p' }, name: 'fp' },
    { index: 1, kind: 'kickoff', kickoff: 'q' },
    { index: 2, kind: 'release', node: 'alice', peer: 'bob', ref: { kind: 'position', position: 4 } },
    { index: 3, kind: 'wait', until: { kind: 'settled', name: 'fp' }, timeoutMs: 500 },
  ]);
  expect(plan.expect.results).toEqual([
    { name: 'fp', kind: 'fulfilled', value: null },
    { name: 'q', kind: 'broken', reasons: ['connection-lost'] },
  ]);
});

test('the pack: at least 12 scenarios, unique ids named after their files, each with a working modeline', () => {
  const files = findScenarioFiles(['scenarios']);
  expect(files.length).toBeGreaterThanOrEqual(12);
  const ids = new Set<string>();
  for (const file of files) {
    const plan = planOf(loadScenario(file));
    expect(path.basename(file, '.yaml')).toBe(plan.id);
    expect(ids.has(plan.id)).toBe(false);
    ids.add(plan.id);
    const first = readFileSync(file, 'utf8').split('\n')[0];
    const schema = /^# yaml-language-server: \$schema=(\S+)$/.exec(first)?.[1];
    expect(schema, `${file} starts with the modeline`).toBeDefined();
    expect(path.normalize(path.join(path.dirname(file), schema!))).toBe(path.normalize('fixtures/schemas/scenario.schema.json'));
  }
});

test('the editor settings map scenarios to the schema', () => {
  expect(existsSync('.vscode/settings.json')).toBe(true);
});

test('an external node: its objects become apps and sturdyrefs under their swiss numbers, its command argv', () => {
  const plan = planOf(
    parse(`
id: external
title: a worker calls a process over TCP
topology:
  nodes:
    alice: {}
    bob:
      external: { command: 'npx ocapn-conformance serve --objects "suite"', framing: length }
      objects: { echo: { swiss: IO58l1laTyhcrgDKbEzFOO32MDd6zE5w, app: echo } }
kickoffs:
  - { name: hello, from: alice, target: bob.echo, method: echo, args: [1] }
`),
  );
  expect(plan.topology.nodes[1]).toEqual({
    name: 'bob',
    apps: [{ name: 'echo', app: 'echo', delayMs: 0 }],
    sturdyrefs: [{ swiss: 'IO58l1laTyhcrgDKbEzFOO32MDd6zE5w', object: 'echo' }],
    external: { locator: null, command: ['npx', 'ocapn-conformance', 'serve', '--objects', 'suite'], framing: 'length', dialect: null },
  });
  expect(plan.topology.nodes[0].external).toBeUndefined();
  expect(plan.kickoffs[0].target).toMatchObject({ kind: 'sturdyref', node: 'bob', swiss: 'IO58l1laTyhcrgDKbEzFOO32MDd6zE5w', object: 'echo' });
});
