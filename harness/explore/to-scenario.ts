/**
 * A Plan written back as a scenario document (the YAML language of scenarios/README.md), so an
 * explored or shrunk schedule becomes a standalone file that `check` accepts and `run` replays.
 * Guarantees: loading the text gives back the same plan except for provenance (`source`, every
 * `where`) and whatever the caller changed on purpose (id, seeds); every default is written out,
 * fragments are already merged and links are spelled per direction, so the file needs nothing
 * else. The round trip over every scenario in the repository is a unit test.
 */
import { stringify } from 'yaml';
import type { JsonValue, LatencyModel, Plan, PlanApp, PlanExplore, PlanExploreFault, PlanNode, PlanSessionCount, PlanStep } from '../scenario/plan.js';
import { getStep } from '../scenario/steps/index.js';
import { resultsDoc, tablesDoc } from '../scenario/write-expect.js';

type Doc = { [key: string]: unknown };

function latencyDoc(l: LatencyModel): Doc {
  switch (l.kind) {
    case 'fixed':
      return { fixedMs: l.ms };
    case 'uniform':
      return { uniformMs: [l.msMin, l.msMax] };
    case 'normal':
      return { normalMs: { mean: l.msMean, stddev: l.msStddev } };
  }
}

function appDoc(a: PlanApp): Doc {
  const { name: _name, ...rest } = a;
  // null is the plan's "absent" (a holder that never settles, or settles fulfilled).
  return Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== null));
}

/** A step written back by its kind's module (steps/<kind>.ts). */
function stepDoc(s: PlanStep, plan: Plan): Doc {
  const { index: _index, where: _where, kind, ...fields } = s;
  return { [kind]: getStep(kind).write(fields as never, plan.options.deadlineMs) };
}

function sessionsDoc(counts: readonly PlanSessionCount[]): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const c of counts) (out[c.node] ??= {})[c.peer] = c.count;
  return out;
}

/** argv back to one command line; an argument with a space is quoted (normalise.ts splits it). */
function commandLine(argv: readonly string[]): string {
  return argv.map((a) => (/\s/.test(a) ? `"${a}"` : a)).join(' ');
}

/** An external node: where it is or how to start it, and the objects it declares (by swiss). */
function externalNodeDoc(n: PlanNode): Doc {
  const x = n.external!;
  const external: Doc = {
    ...(x.locator !== null ? { locator: x.locator } : {}),
    ...(x.command !== null ? { command: commandLine(x.command) } : {}),
    framing: x.framing,
    ...(x.dialect !== null ? { dialect: x.dialect } : {}),
  };
  const appOf = new Map(n.apps.map((a) => [a.name, a.app]));
  const objects = Object.fromEntries(n.sturdyrefs.map((r) => [r.object, { swiss: r.swiss, app: appOf.get(r.object) }]));
  return { external, objects };
}

/** The scenario document of `plan` (a plain object, ready for YAML). */
export function planToScenarioDoc(plan: Plan): Doc {
  const nodes: Record<string, Doc> = {};
  for (const n of plan.topology.nodes) {
    if (n.external) {
      nodes[n.name] = externalNodeDoc(n);
      continue;
    }
    const apps = Object.fromEntries(n.apps.map((a) => [a.name, appDoc(a)]));
    const node: Doc = {};
    if (n.driver !== undefined) node.driver = n.driver;
    if (n.apps.length) node.apps = apps;
    // Written only when they differ from the default (every app under its own name).
    const defaultRefs = n.sturdyrefs.length === n.apps.length && n.sturdyrefs.every((r, i) => r.swiss === r.object && r.object === n.apps[i].name);
    if (!defaultRefs) node.sturdyrefs = Object.fromEntries(n.sturdyrefs.map((r) => [r.swiss, r.object]));
    nodes[n.name] = node;
  }
  const links = plan.topology.links.map((l) => ({ source: l.source, target: l.target, latency: latencyDoc(l.latency), jitterMs: l.jitterMs, oneWay: true }));
  const kickoffs = plan.kickoffs.map((k) => {
    // A node's sturdyref name, except on an external node, whose targets name its declared objects.
    const external = (node: string) => plan.topology.nodes.some((n) => n.name === node && n.external);
    const target = k.target.kind === 'sturdyref' ? `${k.target.node}.${external(k.target.node) ? k.target.object : k.target.swiss}` : k.target.kickoff;
    const route = k.route === null ? {} : k.route.kind === 'fixed' ? { route: [...k.route.nodes] } : { route: { length: [k.route.lengthMin, k.route.lengthMax] } };
    return {
      name: k.name,
      from: k.from,
      target,
      op: k.op,
      ...(k.method !== null ? { method: k.method } : {}),
      ...(k.args.length ? { args: k.args as JsonValue[] } : {}),
      ...route,
      count: k.count,
      everyMs: k.everyMs,
      at: k.at,
    };
  });
  const e = plan.expect;
  const expect: Doc = {
    ...(e.results.length ? { results: resultsDoc(e.results) } : {}),
    ...(e.tables.length ? { tables: tablesDoc(e.tables) } : {}),
    checks: e.checks === 'all' ? 'all' : [...e.checks],
    ...(e.sometimes.length ? { sometimes: e.sometimes.map((s) => ({ [s.kind]: s.name, ...(s.description ? { description: s.description } : {}) })) } : {}),
    ...(e.marks.length ? { marks: [...e.marks] } : {}),
    ...(e.sessions ? { sessions: sessionsDoc(e.sessions) } : {}),
    golden: e.golden,
    ...(e.allowUnknown !== undefined ? { allowUnknown: e.allowUnknown } : {}),
  };
  return {
    // One design's case of a `designs:` scenario is written back as a scenario of its own that
    // speaks that design (options.flush), under a slug id.
    id: writtenBackId(plan),
    title: plan.title,
    ...(plan.description ? { description: plan.description } : {}),
    ...(plan.spec !== null ? { spec: plan.spec } : {}),
    requirement: plan.requirement,
    features: [...plan.features],
    seeds: plan.seeds.length === 1 ? plan.seeds[0] : [...plan.seeds],
    ...(plan.drivers === 'all-conforming' ? {} : { drivers: [...plan.drivers] }),
    options: { ...plan.options },
    topology: { nodes, ...(links.length ? { links } : {}) },
    ...(kickoffs.length ? { kickoffs } : {}),
    ...(plan.steps.length ? { steps: plan.steps.map((s) => stepDoc(s, plan)) } : {}),
    expect,
    ...(plan.explore ? { explore: exploreDoc(plan.explore) } : {}),
  };
}

function exploreDoc(explore: PlanExplore): Doc {
  const fault = (f: PlanExploreFault): unknown =>
    f.max === null && f.nodes === null && f.links === null
      ? f.kind
      : { kind: f.kind, ...(f.max !== null ? { max: f.max } : {}), ...(f.nodes ? { nodes: [...f.nodes] } : {}), ...(f.links ? { links: f.links.map((l) => [...l]) } : {}) };
  return { ...(explore.faults ? { faults: explore.faults.map(fault) } : {}), ...(explore.maxFaults !== null ? { maxFaults: explore.maxFaults } : {}) };
}

/** The id a written-back plan gets: its own, or `<scenario>-<design>` for one design's plan. */
export function writtenBackId(plan: Pick<Plan, 'id' | 'design'>): string {
  return plan.design ? `${plan.design.scenario}-${plan.design.name}` : plan.id;
}

/** The scenario text of `plan`, led by comment lines (`header`, one per line); `schemaPath` as
 * for docToScenarioYaml (a file outside a folder of scenarios/ names its own). */
export function planToScenarioYaml(plan: Plan, header: readonly string[] = [], schemaPath?: string): string {
  return docToScenarioYaml(planToScenarioDoc(plan), header, schemaPath);
}

/** A scenario document as text, led by the schema line (`schemaPath`: the schema relative to the
 * file; the default fits a file in a folder of scenarios/) and comment lines (`header`). */
export function docToScenarioYaml(doc: object, header: readonly string[] = [], schemaPath = '../../fixtures/schemas/scenario.schema.json'): string {
  const comments = [`# yaml-language-server: $schema=${schemaPath}`, ...header.map((h) => `# ${h}`)];
  return `${comments.join('\n')}\n${stringify(doc, { lineWidth: 0, flowCollectionPadding: true })}`;
}
