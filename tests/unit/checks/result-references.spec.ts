/**
 * Goal: an expected result can be a reference, `{ $ref: node.object }` ("fulfilled with a
 * reference to erin.hop"): the recorded presence is followed through the exporters' export-added
 * events to the app object it designates, and the expectation fails when it designates another
 * object or cannot be followed. The scenario layer refuses a `$ref` to an object no node hosts.
 * Method: designatedObject / judgeResult over hand-built transcripts (node export-added events,
 * app events of the kickoff), plans from the real parser.
 */
import { test, expect } from '@playwright/test';
import { judgeResult } from '../../../harness/checks/expectations.js';
import { designatedObject, identifyReferences } from '../../../harness/checks/reference-identity.js';
import { parseScenario } from '../../../harness/scenario/load.js';
import type { PlanResult } from '../../../harness/scenario/plan.js';
import type { Transcript } from '../../../harness/transcript/types.js';

type Added = [exporter: string, peer: string, position: number, object?: string];

/** alice's kickoff `r` settled with `value`; `exports` are export-added events before it. */
function run(value: unknown, exports: Added[]): Transcript {
  const events = [
    { kind: 'app', node: 'alice', event: 'call-originated', kickoff: 'r' },
    ...exports.map(([node, peer, position, object]) => ({
      kind: 'node',
      node,
      event: { type: 'export-added', peer, position, kind: 'object', ...(object ? { object } : {}) },
    })),
    { kind: 'app', node: 'alice', event: 'settled', kickoff: 'r', outcome: 'fulfilled', value },
  ].map((e, seq) => ({ seq, atMs: seq, ...e }));
  return { events, outcome: { end: 'quiescent', results: { r: { outcome: 'fulfilled', value } } } } as unknown as Transcript;
}

// erin exports her recorder to carol (1); carol re-exports that presence to bob (3); bob to alice (2).
const CHAIN: Added[] = [
  ['erin', 'carol', 1, 'Alleged: recorder hop@erin'],
  ['carol', 'bob', 3, 'Alleged: erin import 1'],
  ['bob', 'alice', 2, 'Alleged: carol import 3'],
  ['bob', 'alice', 1, 'Alleged: forwarder hop@bob'],
];
const ref = (object: string): PlanResult => ({ name: 'r', kind: 'fulfilled', value: { $ref: object } });
const judge = (expected: PlanResult, t: Transcript) => judgeResult(expected, t, { appMessages: [] });

test('a presence three exporters away designates erin.hop; one hop away, bob.hop', () => {
  const t = run('[remotable Alleged: bob import 2]', CHAIN);
  expect(designatedObject('Alleged: bob import 2', 'alice', t)).toBe('erin.hop');
  expect(designatedObject('Alleged: bob import 1', 'alice', t)).toBe('bob.hop');
  expect(designatedObject('Alleged: recorder hop@alice', 'alice', t)).toBe('alice.hop');
  expect(judge(ref('erin.hop'), t).verdict).toBe('holds');
});

test('a reference to another object is violated, naming what it designates', () => {
  const v = judge(ref('carol.hop'), run('[remotable Alleged: bob import 2]', CHAIN));
  expect(v.verdict).toBe('violated');
  expect(v.explanation).toContain('expected fulfilled with {"$ref":"carol.hop"}, got fulfilled with {"$ref":"erin.hop"}');
});

test('a presence that cannot be followed stays as recorded, and the expectation fails', () => {
  // carol names her exports, but never exported position 3 to bob: the chain stops at bob's export.
  const broken = CHAIN.map(([n, p, pos, o]): Added => (n === 'carol' ? [n, p, 7, o] : [n, p, pos, o]));
  const v = judge(ref('erin.hop'), run('[remotable Alleged: bob import 2]', broken));
  expect(v.verdict).toBe('violated');
  expect(v.explanation).toContain('got fulfilled with "[remotable Alleged: bob import 2]"');
  // An exporter that names none of its exports (a driver without the object field): unjudgeable.
  const silent = CHAIN.filter(([n]) => n !== 'bob');
  const unknown = judge(ref('erin.hop'), run('[remotable Alleged: bob import 2]', silent));
  expect(unknown.verdict).toBe('unknown');
  expect(unknown.explanation).toContain('bob named none of its exports');
  // A plain value where a reference is expected fails too.
  expect(judge(ref('erin.hop'), run(7, CHAIN)).verdict).toBe('violated');
});

test('references inside data are identified; export-added after the settlement is not used', () => {
  const t = run(['[remotable Alleged: bob import 2]', { x: '[remotable Alleged: bob import 1]' }], CHAIN);
  expect(identifyReferences(t.outcome.results.r.value, 'r', t)).toEqual([{ $ref: 'erin.hop' }, { x: { $ref: 'bob.hop' } }]);
  const late = run('[remotable Alleged: bob import 2]', []);
  late.events.push({ seq: 9, atMs: 9, kind: 'node', node: 'bob', event: { type: 'export-added', peer: 'alice', position: 2, kind: 'object', object: 'Alleged: forwarder hop@bob' } } as Transcript['events'][number]);
  expect(identifyReferences('[remotable Alleged: bob import 2]', 'r', late)).toBe('[remotable Alleged: bob import 2]');
});

test('the scenario layer: $ref must name an object some node hosts', () => {
  const scenario = (value: string) =>
    [
      'id: refs',
      'title: refs',
      'topology: { nodes: { alice: {}, bob: { apps: { hop: { app: echo } }, sturdyrefs: { door: hop } } } }',
      'kickoffs: [{ name: r, from: alice, target: bob.hop, op: fetch }]',
      'expect:',
      `  results: { r: { fulfilled: { $ref: ${value} } } }`,
    ].join('\n');
  const messages = (value: string) => (parseScenario(scenario(value), 'refs.yaml').errors ?? []).map((e) => `${e.line}:${e.col} ${e.message}`);
  expect(messages('bob.hop')).toEqual([]);
  expect(messages('bob.hip')).toEqual([expect.stringMatching(/^6:\d+ .*no node hosts an object "bob.hip".*bob\.hop/)]);
  expect(messages('bob.door')).toEqual([expect.stringContaining('door is a sturdyref name; the object is bob.hop')]);
  expect(messages('hop')).toEqual([expect.stringContaining('a reference is written <node>.<object>')]);
  const plan = parseScenario(scenario('bob.hop'), 'refs.yaml').plan!;
  expect(plan.expect.results[0]).toEqual({ name: 'r', kind: 'fulfilled', value: { $ref: 'bob.hop' } });
});
