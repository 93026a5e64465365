/**
 * Test helper: drives a Network in lock-step with fake nodes written as plain functions, so the
 * network core is tested without workers or an OCapN implementation.
 */
import type { PlanLink, LatencyModel } from '../../../harness/scenario/plan.js';
import { Network } from '../../../harness/sim/page-side/network.js';
import type { NetInput, NetOutput } from '../../../harness/sim/node-io.js';

export type FakeNode = (input: NetInput, nowMs: number) => NetOutput[];

export function fullMesh(names: string[], latency: LatencyModel, jitterMs = 0): PlanLink[] {
  const links: PlanLink[] = [];
  for (const source of names) for (const target of names) if (source !== target) links.push({ source, target, latency, jitterMs });
  return links;
}

export function makeNet(seed: number, names: string[], latency: LatencyModel, jitterMs = 0): Network {
  const net = new Network(seed, names, fullMesh(names, latency, jitterMs));
  for (const name of names) net.nodeStarted(name, 0);
  return net;
}

/** Delivers until nothing is due before `untilMs`; returns every delivery as `node:input`. */
export function run(net: Network, nodes: Record<string, FakeNode>, untilMs = Infinity): { node: string; atMs: number; input: NetInput }[] {
  const seen: { node: string; atMs: number; input: NetInput }[] = [];
  for (let d = net.next(untilMs); d; d = net.next(untilMs)) {
    seen.push({ node: d.node, atMs: net.nowMs, input: d.input });
    const handler = nodes[d.node];
    if (handler) net.apply(d.node, handler(d.input, net.nowMs));
  }
  return seen;
}

export const bytes = (...values: number[]) => new Uint8Array(values);

/** A node that ignores everything. */
export const silent: FakeNode = () => [];
