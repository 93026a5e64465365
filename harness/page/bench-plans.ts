/**
 * Plans the benchmarks build in code (no YAML): an N-node forward chain and a two-node
 * bench-echo ping-pong. Plain data, the same shape the scenario loader produces.
 */
import type { LatencyModel, Plan, PlanKickoff, PlanLink, PlanNode } from '../scenario/plan.js';

function mesh(names: string[], latency: LatencyModel): PlanLink[] {
  const links: PlanLink[] = [];
  for (const source of names) for (const target of names) if (source !== target) links.push({ source, target, latency, jitterMs: 0 });
  return links;
}

function basePlan(id: string, nodes: PlanNode[], latency: LatencyModel, kickoffs: PlanKickoff[], deadlineMs: number): Plan {
  return {
    planVersion: 1,
    id,
    title: id,
    description: '',
    spec: null,
    requirement: 'MAY',
    features: [],
    source: { file: `bench:${id}`, includes: [] },
    seeds: [1],
    drivers: 'all-conforming',
    options: { dialect: 'spec', flush: 'receiver-initiated', handoffs: 'proxy', deadlineMs },
    topology: { nodes, links: mesh(nodes.map((n) => n.name), latency) },
    kickoffs,
    steps: [],
    expect: { results: [], tables: [], checks: 'all', sometimes: [], marks: [], golden: false },
  };
}

/** n0 calls a chain of `hops` forwards over random routes among n1..n(N-1). */
export function makeChainPlan(nodeCount: number, hops: number, latency: LatencyModel, count = 1): Plan {
  const names = Array.from({ length: nodeCount }, (_, i) => `n${i}`);
  const nodes: PlanNode[] = names.map((name, i) => ({
    name,
    apps: i === 0 ? [] : [{ name: 'hop', app: 'forwarder', result: 'direct', delayMs: 0 }],
    sturdyrefs: i === 0 ? [] : [{ swiss: 'hop', object: 'hop' }],
  }));
  const candidates = names.slice(1);
  const kickoff: PlanKickoff = {
    name: 'chain',
    from: 'n0',
    op: 'call',
    target: { kind: 'sturdyref', node: 'n1', object: 'hop', swiss: 'hop' },
    targetNode: 'n1',
    method: 'forward',
    args: ['done'],
    route: { kind: 'random', lengthMin: hops, lengthMax: hops, candidates },
    count,
    everyMs: 0,
    at: 0,
    where: 'bench',
  };
  return basePlan(`bench-chain-${nodeCount}x${hops}`, nodes, latency, [kickoff], 1e12);
}

/** a sends `kicks` frames to b that bounce `bounces` times each (bench-echo driver). */
export function makeEchoPlan(kicks: number, bounces: number): Plan {
  const nodes: PlanNode[] = ['a', 'b'].map((name) => ({ name, apps: [], sturdyrefs: [] }));
  const kickoff: PlanKickoff = {
    name: 'ping',
    from: 'a',
    op: 'call',
    target: { kind: 'sturdyref', node: 'b', object: 'x', swiss: 'x' },
    targetNode: 'b',
    method: 'ping',
    args: [bounces, 64],
    route: null,
    count: kicks,
    everyMs: 0,
    at: 0,
    where: 'bench',
  };
  return basePlan('bench-echo', nodes, { kind: 'fixed', ms: 1 }, [kickoff], 1e12);
}
