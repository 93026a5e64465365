/**
 * Shrinking a violating run: greedy reduction of its standalone plan while the SAME check (or,
 * when no check failed, the same expectation) stays violated on the same seed and driver — fewer injected faults, fewer kickoffs and sends, shorter
 * fixed routes, latencies pulled to their minimum, no jitter, unused nodes dropped.
 * Guarantees: every candidate is written back as scenario YAML and loaded again before it runs,
 * so the result is always a scenario the language accepts (never a plan only the code could
 * build); the result violates the target check (it is the original when nothing smaller does);
 * at most `maxTrials` runs.
 */
import { parseScenario } from '../scenario/load.js';
import type { LatencyModel, Plan, PlanStep } from '../scenario/plan.js';
import { INJECTED } from './schedule.js';
import { planToScenarioYaml } from './to-scenario.js';

export interface TrialResult {
  /** Names of the checks the run violated. */
  violated: string[];
  /** Frames on the wire (the size of the counterexample). */
  frames: number;
}

/** Runs a plan (its single seed, the violating driver) and says what it violated. */
export type Trial = (plan: Plan) => Promise<TrialResult>;

export interface Candidate {
  label: string;
  plan: Plan;
}

export interface ShrinkResult {
  plan: Plan;
  frames: number;
  trials: number;
  /** The reductions kept, in order. */
  kept: string[];
}

function minimum(l: LatencyModel): LatencyModel {
  if (l.kind === 'fixed') return l;
  if (l.kind === 'uniform') return { kind: 'fixed', ms: l.msMin };
  return { kind: 'fixed', ms: Math.max(0, Math.round(l.msMean - 2 * l.msStddev)) };
}

function edit(plan: Plan, label: string, change: (p: Plan) => void): Candidate {
  const p = structuredClone(plan);
  change(p);
  return { label, plan: p };
}

/** Whether anything but the node's own entry names it (kickoffs, steps, expectations). */
function mentioned(plan: Plan, node: string): boolean {
  const { topology: _t, ...rest } = plan;
  const text = JSON.stringify({ ...rest, source: undefined, steps: plan.steps.map((s) => ({ ...s, where: undefined })), kickoffs: plan.kickoffs.map((k) => ({ ...k, where: undefined })) });
  return text.includes(JSON.stringify(node));
}

/** Reductions of `plan`, boldest first. */
export function candidates(plan: Plan): Candidate[] {
  const out: Candidate[] = [];
  const injected = (i: number): boolean => plan.steps[i]?.where.includes(INJECTED) ?? false;
  plan.steps.forEach((s, i) => {
    if (!injected(i) || !(s.kind === 'partition' || s.kind === 'stall' || s.kind === 'kill')) return;
    // A fault is its opening step, its closing one (heal after partition, restart after kill)
    // and the injected wait before each.
    const closes = (x: PlanStep): boolean =>
      (s.kind === 'partition' && x.kind === 'heal' && [...x.between].sort().join() === [...s.between].sort().join()) ||
      (s.kind === 'kill' && x.kind === 'restart' && x.node === s.node);
    const end = plan.steps.findIndex((x, j) => j > i && injected(j) && closes(x));
    const drop = new Set<number>();
    for (const j of end >= 0 ? [i, end] : [i]) {
      drop.add(j);
      if (plan.steps[j - 1]?.kind === 'wait' && injected(j - 1)) drop.add(j - 1);
    }
    out.push(edit(plan, `drop injected ${s.kind} (step ${i})`, (p) => {
      p.steps = p.steps.filter((_, j) => !drop.has(j)).map((x, index) => ({ ...x, index }));
    }));
  });
  plan.kickoffs.forEach((k, i) => {
    out.push(edit(plan, `drop kickoff ${k.name}`, (p) => {
      p.kickoffs.splice(i, 1);
      p.expect.results = p.expect.results.filter((r) => r.name !== k.name);
    }));
    // Per-reference order needs two sends: try 2 at once, then one fewer; 1 as a last resort.
    if (k.count > 2) out.push(edit(plan, `kickoff ${k.name}: count 2`, (p) => (p.kickoffs[i].count = 2)));
    if (k.count > 3) out.push(edit(plan, `kickoff ${k.name}: count ${k.count - 1}`, (p) => (p.kickoffs[i].count = k.count - 1)));
    if (k.count > 1) out.push(edit(plan, `kickoff ${k.name}: count 1`, (p) => (p.kickoffs[i].count = 1)));
    if (k.route?.kind === 'fixed') {
      const nodes = k.route.nodes;
      for (let j = 1; j < nodes.length - 1; j++) {
        out.push(edit(plan, `kickoff ${k.name}: route without ${nodes[j]}`, (p) => {
          const r = p.kickoffs[i].route;
          if (r?.kind === 'fixed') r.nodes.splice(j, 1);
        }));
      }
    }
    if (k.route?.kind === 'random' && k.route.lengthMax > k.route.lengthMin) {
      const { lengthMin, lengthMax } = k.route;
      out.push(edit(plan, `kickoff ${k.name}: route length ${lengthMin}`, (p) => Object.assign(p.kickoffs[i].route!, { lengthMax: lengthMin })));
      out.push(edit(plan, `kickoff ${k.name}: route length ${lengthMin}..${lengthMax - 1}`, (p) => Object.assign(p.kickoffs[i].route!, { lengthMax: lengthMax - 1 })));
    }
    if (k.everyMs > 0) out.push(edit(plan, `kickoff ${k.name}: everyMs 0`, (p) => (p.kickoffs[i].everyMs = 0)));
  });
  const slow = plan.topology.links.some((l) => l.latency.kind !== 'fixed' || l.jitterMs > 0);
  if (slow) {
    out.push(edit(plan, 'every link at its minimum latency, no jitter', (p) => {
      for (const l of p.topology.links) Object.assign(l, { latency: minimum(l.latency), jitterMs: 0 });
    }));
    plan.topology.links.forEach((l, i) => {
      if (l.latency.kind === 'fixed' && l.jitterMs === 0) return;
      out.push(edit(plan, `link ${l.source}→${l.target} at its minimum`, (p) => Object.assign(p.topology.links[i], { latency: minimum(l.latency), jitterMs: 0 })));
    });
  }
  for (const n of plan.topology.nodes) {
    if (mentioned(plan, n.name)) continue;
    out.push(edit(plan, `drop node ${n.name}`, (p) => {
      p.topology.nodes = p.topology.nodes.filter((x) => x.name !== n.name);
      p.topology.links = p.topology.links.filter((l) => l.source !== n.name && l.target !== n.name);
      for (const k of p.kickoffs) if (k.route?.kind === 'random') k.route.candidates = k.route.candidates.filter((c) => c !== n.name);
    }));
  }
  return out;
}

/** The plan as the language reads it back, or undefined when the reduction made it invalid. */
export function reload(plan: Plan): Plan | undefined {
  const loaded = parseScenario(planToScenarioYaml(plan), plan.source.file);
  if (!loaded.plan) return undefined;
  // Keep provenance: which steps were injected is read from `where` on the next round.
  loaded.plan.source = plan.source;
  loaded.plan.steps.forEach((s, i) => (s.where = plan.steps[i]?.where ?? s.where));
  return loaded.plan;
}

/** Greedily reduces `plan` while `check` stays violated. `initialFrames`: the original's size. */
export async function shrink(plan: Plan, check: string, trial: Trial, initialFrames: number, maxTrials = 150): Promise<ShrinkResult> {
  let current = plan;
  let frames = initialFrames;
  let trials = 0;
  const kept: string[] = [];
  // A reduction that failed once is not retried after others succeed: greedy, not exhaustive,
  // so the number of runs stays near the number of distinct reductions.
  const rejected = new Set<string>();
  let progress = true;
  while (progress && trials < maxTrials) {
    progress = false;
    for (const c of candidates(current)) {
      if (trials >= maxTrials) break;
      if (rejected.has(c.label)) continue;
      const next = reload(c.plan);
      if (!next || JSON.stringify(next) === JSON.stringify(current)) continue;
      trials++;
      const r = await trial(next);
      if (!r.violated.includes(check)) {
        rejected.add(c.label);
        continue;
      }
      current = next;
      frames = r.frames;
      kept.push(c.label);
      progress = true;
      break;
    }
  }
  return { plan: current, frames, trials, kept };
}
