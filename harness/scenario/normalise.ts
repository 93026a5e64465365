/**
 * Scenario document → Plan: fills every default, expands seeds, builds the full directed link
 * mesh, resolves references to node names. Runs only after the semantic checks passed, so every
 * name it looks up exists. Defaults live here and only here (documented in plan.ts and the schema),
 * except a step's own, which live in its module's normalise (steps/<kind>.ts).
 */
import type { AppDoc, ExternalDoc, NodeDoc, KickoffDoc, LatencyDoc, ScenarioDoc, StepDoc } from './doc.js';
import { getStepAction } from './doc.js';
import { getKickoffOp, getTargetNode, parseTarget, resolveSturdyref } from './kickoff-rules.js';
import { makeExpect } from './normalise-expect.js';
import { planKeys } from './keys/index.js';
import { PLAN_VERSION, type LatencyModel, type Plan, type PlanApp, type PlanKickoff, type PlanLink, type PlanNode, type PlanStep } from './plan.js';
import { findOrigin, type OriginTree } from './origins.js';
import { getStep, type StepKind } from './steps/index.js';
import { defaultDesign } from './design-facts.js';
import { getDesignFacts } from './schema-validator.js';

export const DEFAULT_LATENCY: LatencyModel = { kind: 'fixed', ms: 10 };
export const DEFAULT_DEADLINE_MS = 60_000;
/** A scenario's nodes proxy third-party references unless it says `handoffs: shorten` (a node made
 * outside a scenario shortens by default: harness/ocapn/options.ts). */
export const DEFAULT_HANDOFFS: Plan['options']['handoffs'] = 'proxy';

export function makePlan(doc: ScenarioDoc, origins: OriginTree, source: Plan['source']): Plan {
  const where = (path: (string | number)[]) => {
    const point = findOrigin(origins, path).value;
    const { line, col } = point.source.lines.linePos(point.offset);
    return `${point.source.file}:${line}:${col}`;
  };
  const deadlineMs = doc.options?.deadlineMs ?? DEFAULT_DEADLINE_MS;
  const steps = (doc.steps ?? []).map((step, index) => makeStep(doc, step, index, where(['steps', index]), deadlineMs));
  return {
    planVersion: PLAN_VERSION,
    id: doc.id,
    title: doc.title,
    description: doc.description ?? '',
    spec: doc.spec ?? null,
    requirement: doc.requirement ?? 'MUST',
    features: doc.features ?? [],
    source,
    seeds: expandSeeds(doc.seeds),
    drivers: doc.drivers ?? 'all-conforming',
    options: {
      dialect: doc.options?.dialect ?? 'spec',
      flush: doc.options?.flush ?? defaultDesign(getDesignFacts(), steps.some((s) => s.kind === 'flush')),
      handoffs: doc.options?.handoffs ?? DEFAULT_HANDOFFS,
      ...(doc.options?.strictForwarding ? { strictForwarding: true } : {}),
      deadlineMs,
      ...(doc.options?.inactivityTimeoutMs !== undefined ? { inactivityTimeoutMs: doc.options.inactivityTimeoutMs } : {}),
    },
    topology: {
      nodes: Object.entries(doc.topology.nodes).map(([name, node]) =>
        node.external
          ? makeExternalNode(name, node.external, node.objects ?? {})
          : {
              name,
              ...(node.driver ? { driver: node.driver } : {}),
              apps: Object.entries(node.apps ?? {}).map(([object, app]) => makeApp(object, app)),
              sturdyrefs: node.sturdyrefs
                ? Object.entries(node.sturdyrefs).map(([swiss, object]) => ({ swiss, object }))
                : Object.keys(node.apps ?? {}).map((object) => ({ swiss: object, object })),
            },
      ),
      links: makeLinks(doc),
    },
    kickoffs: (doc.kickoffs ?? []).map((k, i) => makeKickoff(doc, k, where(['kickoffs', i]))),
    steps,
    expect: makeExpect(doc.expect),
    ...planKeys(doc),
  };
}

export function expandSeeds(seeds: ScenarioDoc['seeds']): number[] {
  if (seeds === undefined) return [1];
  const out: number[] = [];
  for (const entry of Array.isArray(seeds) ? seeds : [seeds]) {
    if (typeof entry === 'number') out.push(entry);
    else {
      const [first, last] = entry.split('..').map(Number);
      for (let seed = first; seed <= last; seed++) out.push(seed);
    }
  }
  return out;
}

/** An external node's declared objects become its apps (behaviour, for judging) and sturdyrefs. */
function makeExternalNode(name: string, external: ExternalDoc, objects: NonNullable<NodeDoc['objects']>): PlanNode {
  return {
    name,
    apps: Object.entries(objects).map(([object, o]) => makeApp(object, { app: o.app })),
    sturdyrefs: Object.entries(objects).map(([object, o]) => ({ swiss: o.swiss, object })),
    external: {
      locator: external.locator ?? null,
      command: external.command !== undefined ? splitCommand(external.command) : null,
      framing: external.framing ?? 'none',
      dialect: external.dialect ?? null,
    },
  };
}

/** Splits a command line on spaces; "double quotes" keep spaces inside one argument. No shell. */
export function splitCommand(line: string): string[] {
  const args: string[] = [];
  for (const match of line.matchAll(/"([^"]*)"|(\S+)/g)) args.push(match[1] ?? match[2]);
  return args;
}

function makeApp(name: string, app: AppDoc): PlanApp {
  switch (app.app) {
    case 'forwarder':
      return { name, app: 'forwarder', result: app.result ?? 'direct', delayMs: app.delayMs ?? 0 };
    case 'echo':
      return { name, app: 'echo', delayMs: app.delayMs ?? 0 };
    case 'recorder':
      return { name, app: 'recorder' };
    case 'holder':
      return { name, app: 'holder', settleAfterMs: app.settleAfterMs ?? null, value: app.value ?? null, breakWith: app.breakWith ?? null };
    case 'counter':
      return { name, app: 'counter', start: app.start ?? 0 };
    case 'thrower':
      return { name, app: 'thrower', message: app.message ?? 'thrower' };
    case 'failing':
      return { name, app: 'failing', message: app.message ?? 'failing' };
  }
}

export function makeLatency(doc: LatencyDoc | undefined, fallback: LatencyModel): LatencyModel {
  if (doc?.fixedMs !== undefined) return { kind: 'fixed', ms: doc.fixedMs };
  if (doc?.uniformMs !== undefined) return { kind: 'uniform', msMin: Math.min(...doc.uniformMs), msMax: Math.max(...doc.uniformMs) };
  if (doc?.normalMs !== undefined) return { kind: 'normal', msMean: doc.normalMs.mean, msStddev: doc.normalMs.stddev };
  return fallback;
}

/** Every ordered pair gets a model: a oneWay entry, else a two-way entry, else the defaults. */
function makeLinks(doc: ScenarioDoc): PlanLink[] {
  const defaults = doc.topology.defaults;
  const base = { latency: makeLatency(defaults?.latency, DEFAULT_LATENCY), jitterMs: defaults?.jitterMs ?? 0 };
  const names = Object.keys(doc.topology.nodes);
  const links = doc.topology.links ?? [];
  const find = (source: string, target: string) =>
    links.find((l) => l.oneWay && l.source === source && l.target === target) ??
    links.find((l) => !l.oneWay && ((l.source === source && l.target === target) || (l.source === target && l.target === source)));
  const out: PlanLink[] = [];
  for (const source of names) {
    for (const target of names) {
      if (source === target) continue;
      const link = find(source, target);
      out.push({
        source,
        target,
        latency: makeLatency(link?.latency, base.latency),
        jitterMs: link?.jitterMs ?? base.jitterMs,
      });
    }
  }
  return out;
}

function makeKickoff(doc: ScenarioDoc, k: KickoffDoc, where: string): PlanKickoff {
  const parsed = parseTarget(k.target);
  const target =
    parsed.kind === 'sturdyref' ? { kind: 'sturdyref' as const, node: parsed.node, ...resolveSturdyref(doc.topology.nodes[parsed.node], parsed.object)! } : parsed;
  const route = k.route;
  return {
    name: k.name,
    from: k.from,
    op: getKickoffOp(k),
    target,
    targetNode: getTargetNode(doc, k)!,
    method: k.method ?? null,
    args: k.args ?? [],
    route:
      route === undefined
        ? null
        : Array.isArray(route)
          ? { kind: 'fixed', nodes: route }
          : {
              kind: 'random',
              lengthMin: Array.isArray(route.length) ? route.length[0] : route.length,
              lengthMax: Array.isArray(route.length) ? route.length[1] : route.length,
              candidates: Object.entries(doc.topology.nodes)
                .filter(([, node]) => target.kind === 'sturdyref' && node.apps?.[target.object]?.app === 'forwarder')
                .map(([name]) => name),
            },
    count: k.count ?? 1,
    everyMs: k.everyMs ?? 0,
    at: k.at ?? 0,
    where,
  };
}

/** One step: its kind's module fills the fields (steps/<kind>.ts). */
function makeStep(doc: ScenarioDoc, step: StepDoc, index: number, where: string, deadlineMs: number): PlanStep {
  const kind = getStepAction(step) as StepKind;
  return { index, where, kind, ...getStep(kind).normalise(step[kind] as never, { doc, deadlineMs }) } as PlanStep;
}
