/**
 * Goal: which node needs which feature (node-roles.ts), and how an endo column's case moves the
 * roles it cannot play to the reference node or skips with a reason naming them (substitute.ts).
 * Method: real scenario files through the real loader (designs expanded as the catalog does), and
 * a driver record with a chosen feature list — no endo code, no checkout.
 */
import { test, expect } from '@playwright/test';
import { nodeNeeds, takesPart } from '../../../harness/case/node-roles.js';
import { SUBSTITUTE_DRIVER, substituteRoles } from '../../../harness/case/substitute.js';
import type { Driver } from '../../../harness/drivers/driver.js';
import { WIRE_ONLY_FEATURES } from '../../../harness/drivers/features.js';
import { designPlans } from '../../../harness/scenario/designs.js';
import { loadScenario } from '../../../harness/scenario/load.js';
import type { Plan } from '../../../harness/scenario/plan.js';

function plans(file: string): Plan[] {
  const result = loadScenario(file);
  if (!result.plan) throw new Error(`${file} does not load`);
  return designPlans(result.plan);
}
const plan = (file: string, design?: string): Plan => plans(file).find((p) => p.design?.name === design)!;

function column(extra: string[] = [], tablesGap?: string): Driver {
  return {
    name: 'endo@test',
    conforming: true,
    features: [...WIRE_ONLY_FEATURES, ...extra],
    featureGaps: { 'op:flush': 'no op:flush here', restart: 'no restart here', gc: 'no release here', 'op:flush/marker': 'no marker here' },
    ...(tablesGap ? { tablesGap } : {}),
    makeNode() {
      throw new Error('not used');
    },
  };
}

test('per-node needs: release, restart, flush and timers are placed at the nodes that act; the rest stays at every node', () => {
  const gc = nodeNeeds(plan('scenarios/basics/gc-refetch-after-release.yaml'));
  expect(gc.get('alice')).toContain('gc');
  expect(gc.get('bob')).not.toContain('gc');
  const kill = nodeNeeds(plan('scenarios/flush/kill-node-mid-chain.yaml'));
  expect([...kill].filter(([, f]) => f.includes('restart')).map(([n]) => n)).toEqual(['carol']);
  expect(kill.get('bob')).toContain('faults');
  const flush = nodeNeeds(plan('scenarios/flush/refcount-preserved.yaml'));
  expect(flush.get('alice')).toEqual(['op:flush', 'op:flush/receiver-initiated', 'promise-answers']);
  expect(flush.get('bob')).toEqual(['op:flush', 'op:flush/receiver-initiated', 'promise-answers', 'tables']);
  const stall = nodeNeeds(plan('scenarios/faults/stall-past-inactivity-timeout.yaml'));
  expect(stall.get('alice')).toContain('inactivity-timeout');
  expect(stall.get('bob')).not.toContain('inactivity-timeout');
  const turn = nodeNeeds(plan('scenarios/faults/failing-turn-mid-chain.yaml'));
  expect([...turn].filter(([, f]) => f.includes('transactional-turns')).map(([n]) => n)).toEqual(['carol']);
  // Being restarted is bob's; recognising the restart (`peer-restarted` alone) is the holder's.
  // Answering with a promise is the callee's (and a forwarding hop's); the caller only imports it.
  const listen = nodeNeeds(plan('scenarios/basics/listen-holder.yaml'));
  expect([...listen].filter(([, f]) => f.includes('promise-answers')).map(([n]) => n)).toEqual(['bob']);
  const queue = nodeNeeds(plan('scenarios/forwarding/answer-and-its-promise-share-a-queue.yaml'));
  expect([...queue].filter(([, f]) => f.includes('promise-answers')).map(([n]) => n)).toEqual(['bob']);
  const stale = nodeNeeds(plan('scenarios/faults/stale-reference-after-fresh-restart.yaml'));
  expect([...stale].filter(([, f]) => f.includes('restart')).map(([n]) => n)).toEqual(['bob']);
  expect([...stale].filter(([, f]) => f.includes('restart-recognised')).map(([n]) => n)).toEqual(['alice']);
});

test('per-design needs: none and receiver-initiated without a flush step write no op:flush; shortener-initiated and marker need every node', () => {
  const file = 'scenarios/shortening/chain-two-hops.yaml';
  for (const design of ['none', 'receiver-initiated']) {
    for (const [node, needs] of nodeNeeds(plan(file, design))) expect(needs.filter((f) => f.startsWith('op:flush')), `${design}: ${node}`).toEqual([]);
  }
  for (const design of ['shortener-initiated', 'marker']) {
    for (const [node, needs] of nodeNeeds(plan(file, design))) expect(needs, `${design}: ${node}`).toEqual(expect.arrayContaining(['op:flush', `op:flush/${design}`, 'handoff']));
  }
});

test('substitution: a role the column lacks runs on the reference node; the column keeps the rest', () => {
  const moved = substituteRoles(plan('scenarios/flush/kill-node-mid-chain.yaml'), column());
  expect(moved.skip).toBeUndefined();
  expect(moved.moved).toEqual({ carol: ['restart'] });
  expect(moved.plan.topology.nodes.map((n) => [n.name, n.driver])).toEqual([
    ['alice', undefined],
    ['bob', undefined],
    ['carol', SUBSTITUTE_DRIVER],
    ['dave', undefined],
  ]);
  // Nothing to move: the same plan object.
  const echo = plan('scenarios/basics/deliver-echo.yaml');
  expect(substituteRoles(echo, column()).plan).toBe(echo);
});

test('substitution skips when no node is left to the column, naming what each node needs', () => {
  const marker = substituteRoles(plan('scenarios/shortening/chain-two-hops.yaml', 'marker'), column(['handoff']));
  expect(marker.skip).toBe(
    'driver endo@test lacks feature(s) op:flush, op:flush/marker: no op:flush here; no marker here (needed at every node it could play: alice: op:flush, op:flush/marker; bob: op:flush, op:flush/marker; carol: op:flush, op:flush/marker)',
  );
  // With handoffs the none design runs all on the column; without, it skips on handoff.
  expect(substituteRoles(plan('scenarios/shortening/chain-two-hops.yaml', 'none'), column(['handoff'])).moved).toEqual({});
  expect(substituteRoles(plan('scenarios/shortening/chain-two-hops.yaml', 'none'), column()).skip).toMatch(/^driver endo@test lacks feature\(s\) handoff \(needed at every node/);
});

test('substitution skips when the nodes left to the column take part in no call', () => {
  const echo = plan('scenarios/basics/deliver-echo.yaml');
  const idle: Plan = { ...echo, topology: { ...echo.topology, nodes: [...echo.topology.nodes, { name: 'zed', apps: [], sturdyrefs: [] }] }, features: [...echo.features, 'restart'] };
  expect(takesPart(idle, 'zed')).toBe(false);
  expect(takesPart(idle, 'alice')).toBe(true);
  // restart is placed at no node here (no restart step), so it is needed at every node but zed's
  // neighbours are moved: zed alone is left and idle.
  const withRestart: Plan = { ...idle, steps: [...idle.steps, { kind: 'restart', index: idle.steps.length, node: 'alice', mode: 'fresh' } as Plan['steps'][number], { kind: 'restart', index: idle.steps.length + 1, node: 'bob', mode: 'fresh' } as Plan['steps'][number]] };
  expect(substituteRoles(withRestart, column()).skip).toMatch(/\(needed at alice: restart; bob: restart; the node\(s\) left to it, zed, take part in no call\)$/);
});

test('a node naming its own driver is never moved', () => {
  const interop = plan('scenarios/interop/interop-gc-release-endo-export.yaml');
  const bound: Plan = { ...interop, topology: { ...interop.topology, nodes: interop.topology.nodes.map((n) => (n.driver === 'endo' ? { ...n, driver: 'endo@test' } : n)) } };
  const s = substituteRoles(bound, column());
  expect(s.moved).toEqual({ alice: ['gc'] });
  expect(s.plan.topology.nodes.find((n) => n.name === 'bob')?.driver).toBe('endo@test');
});
