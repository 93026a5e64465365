/**
 * Edits of a scenario document the playground's controls make: pure functions from a document
 * to the next, in the scenario language's own terms (scenarios/README.md), so whatever they
 * produce is what the saved file says. Whether the result is a valid scenario is the loader's to
 * judge (the page shows its errors); these only build the shapes.
 */
import type { AppDoc, KickoffDoc, ScenarioDoc, StepDoc } from '../scenario/doc.js';
import type { AppName } from '../scenario/plan.js';

/** The one object every node the playground adds hosts (a kickoff targets `<node>.hop`). */
export const OBJECT = 'hop';

/**
 * `doc` with `steps`, written before `expect` so the file reads in the order things happen. A
 * kickoff started by a step (`at: step`) that no step starts yet is left out, and so are the
 * expected results of kickoffs and flushes the steps do not reach: the language refuses both (an
 * opened file's later steps would bring them, or a branch dropped those steps).
 */
export function docWithSteps(doc: ScenarioDoc, steps: readonly StepDoc[]): ScenarioDoc {
  const { expect, kickoffs, ...rest } = doc;
  const started = new Set(steps.map((s) => s.kickoff as string | undefined).filter((k) => k !== undefined));
  const kept = (kickoffs ?? []).filter((k) => k.at !== 'step' || started.has(k.name));
  const named = new Set([...kept.map((k) => k.name), ...steps.map((s) => (s.flush as { name?: string } | undefined)?.name).filter((n) => n !== undefined)]);
  const results = expect?.results ? Object.fromEntries(Object.entries(expect.results).filter(([name]) => named.has(name))) : undefined;
  const { results: _all, ...otherExpect } = expect ?? {};
  const written = expect ? { ...otherExpect, ...(results && Object.keys(results).length ? { results } : {}) } : undefined;
  return { ...rest, ...(kept.length ? { kickoffs: kept } : {}), ...(steps.length ? { steps: [...steps] } : {}), ...(written ? { expect: written } : {}) } as ScenarioDoc;
}

export function addNode(doc: ScenarioDoc, name: string, app: AppName | ''): ScenarioDoc {
  const apps: Record<string, AppDoc> | undefined = app ? { [OBJECT]: { app } } : undefined;
  return { ...doc, topology: { ...doc.topology, nodes: { ...doc.topology.nodes, [name]: apps ? { apps } : {} } } };
}

/** Both directions of a–b take `ms` (replacing what the document said for either direction). */
export function setLatency(doc: ScenarioDoc, a: string, b: string, ms: number): ScenarioDoc {
  const others = (doc.topology.links ?? []).filter((l) => !((l.source === a && l.target === b) || (l.source === b && l.target === a)));
  return { ...doc, topology: { ...doc.topology, links: [...others, { source: a, target: b, latency: { fixedMs: ms } }] } };
}

export function setOption(doc: ScenarioDoc, key: 'flush' | 'handoffs', value: string): ScenarioDoc {
  return { ...doc, options: { ...doc.options, [key]: value } } as ScenarioDoc;
}

export function addKickoff(doc: ScenarioDoc, kickoff: KickoffDoc): ScenarioDoc {
  return { ...doc, kickoffs: [...(doc.kickoffs ?? []), kickoff] };
}

/** A kickoff name not used yet (`k1`, `k2`, …). */
export function freshName(doc: ScenarioDoc, prefix: string, taken: readonly string[] = []): string {
  const used = new Set([...(doc.kickoffs ?? []).map((k) => k.name), ...taken]);
  for (let i = 1; ; i++) if (!used.has(`${prefix}${i}`)) return `${prefix}${i}`;
}

/** Latency of a–b as the plan runs it, for the graph's label ("10 ms", "5–60 ms"). */
export function latencyLabel(model: { kind: 'fixed'; ms: number } | { kind: 'uniform'; msMin: number; msMax: number } | { kind: 'normal'; msMean: number; msStddev: number }): string {
  switch (model.kind) {
    case 'fixed':
      return `${model.ms} ms`;
    case 'uniform':
      return `${model.msMin}–${model.msMax} ms`;
    case 'normal':
      return `~${model.msMean}±${model.msStddev} ms`;
  }
}
