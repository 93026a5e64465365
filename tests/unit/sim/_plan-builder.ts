/**
 * Test helper: small Plans built in code (the scenario layer's YAML is not needed to test the
 * simulation). No Endo environment here, so browser specs can use it too.
 */
import type { Plan, PlanApp, PlanKickoff, PlanStep, LatencyModel } from '../../../harness/scenario/plan.js';
import { fullMesh } from './_fake-nodes.js';

export function makePlan(opts: {
  id?: string;
  nodes: Record<string, PlanApp[]>;
  latency?: LatencyModel;
  kickoffs?: Partial<PlanKickoff>[];
  steps?: PlanStep[];
  deadlineMs?: number;
}): Plan {
  const names = Object.keys(opts.nodes);
  return {
    planVersion: 1,
    id: opts.id ?? 'test-plan',
    title: 'test',
    description: '',
    spec: null,
    requirement: 'MUST',
    features: [],
    source: { file: 'test.yaml', includes: [] },
    seeds: [1],
    drivers: 'all-conforming',
    options: { dialect: 'spec', flush: 'receiver-initiated', handoffs: 'proxy', deadlineMs: opts.deadlineMs ?? 60_000 },
    topology: {
      nodes: names.map((name) => ({ name, apps: opts.nodes[name], sturdyrefs: opts.nodes[name].map((a) => ({ swiss: a.name, object: a.name })) })),
      links: fullMesh(names, opts.latency ?? { kind: 'fixed', ms: 10 }),
    },
    kickoffs: (opts.kickoffs ?? []).map((k, i) => ({
      name: `k${i}`,
      from: names[0],
      op: 'call',
      target: { kind: 'sturdyref', node: names[1], object: 'x', swiss: 'x' },
      targetNode: names[1],
      method: 'm',
      args: [],
      route: null,
      count: 1,
      everyMs: 0,
      at: 0,
      where: 'test',
      ...k,
    })),
    steps: opts.steps ?? [],
    expect: { results: [], tables: [], checks: 'all', sometimes: [], marks: [], golden: false },
  };
}

/** The forwarder every chain node hosts: passes each call on along the route, answers directly. */
export const HOP: PlanApp = { name: 'hop', app: 'forwarder', result: 'direct', delayMs: 0 };

/**
 * alice calls `forward('done')` on bob's hop `count` times; each call travels a seeded random
 * route of `hops` nodes among bob, carol and dave (the 4-node chain most simulation tests use).
 */
export function makeChainPlan(opts: {
  id: string;
  hops: number;
  latency: LatencyModel;
  count?: number;
  everyMs?: number;
  steps?: PlanStep[];
}): Plan {
  return makePlan({
    id: opts.id,
    nodes: { alice: [], bob: [HOP], carol: [HOP], dave: [HOP] },
    latency: opts.latency,
    kickoffs: [
      {
        name: 'chain',
        from: 'alice',
        target: { kind: 'sturdyref', node: 'bob', object: 'hop', swiss: 'hop' },
        targetNode: 'bob',
        method: 'forward',
        args: ['done'],
        route: { kind: 'random', lengthMin: opts.hops, lengthMax: opts.hops, candidates: ['bob', 'carol', 'dave'] },
        count: opts.count ?? 1,
        everyMs: opts.everyMs ?? 0,
      },
    ],
    steps: opts.steps,
  });
}
