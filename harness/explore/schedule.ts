/**
 * An explored schedule: what a seed leaves open in a scenario, drawn deterministically from the
 * seed. Latencies within each link's model and delivery tie-breaks already come from the run's
 * seed (the simulation draws them); exploration adds kickoff timing jitter and, when faults are
 * allowed, extra partitions, stalls and restarts at random virtual times.
 * Guarantees: `materialize` is pure — the same (plan, schedule) gives the same Plan — so a
 * schedule's Plan is the full replay of a run; every injected fault is its own group of steps, so
 * shrinking can drop one at a time. Injected faults run before the scenario's own steps (they
 * are written as a prefix of `wait untilMs`/fault steps), and a plan with injected faults is
 * judged by its properties only: results, tables, marks and session counts it declared assumed no faults.
 */
import { makeRandom, randomInt } from '../ocapn/random.js';
import type { Plan, PlanExploreFault, PlanStep } from '../scenario/plan.js';
import { EXPLORE_FAULT_KINDS, EXPLORE_MAX_FAULTS, type ExploreFaultKind } from '../scenario/vocabulary.js';

/** Marks the `where` of steps exploration injected (shrinking drops them by this). */
export const INJECTED = '(explore: injected)';

/** Fault kinds exploration may inject (a subset of the scenario language's steps; vocabulary.ts). */
export const FAULT_KINDS: readonly ExploreFaultKind[] = EXPLORE_FAULT_KINDS;
export type FaultKind = ExploreFaultKind;

export type Fault =
  /** Partition the pair at `atMs`, heal it `forMs` later. */
  | { kind: 'partition'; atMs: number; between: [string, string]; forMs: number }
  | { kind: 'stall'; atMs: number; between: [string, string]; forMs: number }
  /** Kill the node at `atMs`, restart it (fresh) `forMs` later. */
  | { kind: 'restart'; atMs: number; node: string; forMs: number };

export interface Schedule {
  seed: number;
  /** Per kickoff (plan order): ms added to a numeric `at` (0 for `at: step`). */
  kickoffShiftMs: number[];
  faults: Fault[];
}

export interface ExploreOptions {
  /** Largest kickoff shift (ms); 0 disables the jitter. */
  kickoffJitterMs: number;
  /** Kinds to inject; empty: none. A scenario's `explore.faults` narrows them (allowedFaults). */
  faults: readonly FaultKind[];
  /** At most this many injected faults per run, unless the scenario's `explore.maxFaults` says. */
  maxFaults: number;
  /** Whether a node's driver can be killed and restarted fresh (absent: every node can). A node
   * whose driver cannot is never given an injected restart: the run would judge a gap, not a schedule. */
  canRestart?: (node: string) => boolean;
}

export const DEFAULT_EXPLORE: ExploreOptions = { kickoffJitterMs: 10, faults: [], maxFaults: EXPLORE_MAX_FAULTS };

/** Fault kinds the scenario itself already exercises (its steps). */
export function faultsOfSteps(plan: Plan): FaultKind[] {
  const kinds = new Set(plan.steps.map((s) => s.kind));
  return FAULT_KINDS.filter((k) => (k === 'restart' ? kinds.has('restart') || kinds.has('kill') : kinds.has(k)));
}

/** What bare `--faults` injects: the scenario's `explore.faults` if it has the key, else the kinds
 * its steps use. */
export function faultsDeclared(plan: Plan): FaultKind[] {
  const declared = plan.explore?.faults;
  return declared ? FAULT_KINDS.filter((k) => declared.some((f) => f.kind === k)) : faultsOfSteps(plan);
}

/** The requested kinds this scenario allows, each with its bounds (none without the key). */
export function allowedFaults(plan: Plan, requested: readonly FaultKind[]): PlanExploreFault[] {
  const declared = plan.explore?.faults;
  return requested.flatMap((kind): PlanExploreFault[] => {
    if (!declared) return [{ kind, max: null, nodes: null, links: null }];
    const entry = declared.find((f) => f.kind === kind);
    return entry ? [entry] : [];
  });
}

/** The virtual window faults land in: the kickoffs' first sends plus a margin. */
function horizonMs(plan: Plan): number {
  const starts = plan.kickoffs.map((k) => (typeof k.at === 'number' ? k.at + k.count * k.everyMs : 0));
  return Math.max(50, ...starts) + 100;
}

/** Nodes the scenario's own steps start or stop: injected restarts leave them alone. */
function lifecycleNodes(plan: Plan): Set<string> {
  const out = new Set<string>();
  for (const s of plan.steps) if (s.kind === 'pause' || s.kind === 'resume' || s.kind === 'kill' || s.kind === 'stop' || s.kind === 'restart') out.add(s.node);
  return out;
}

/**
 * A kickoff aimed at another kickoff's answer (pipelining) is shifted at least as far as that
 * kickoff, so jitter never sends it before the answer it targets exists — a schedule the scenario
 * cannot express, which would fail as "no result of kickoff … yet" on any implementation.
 */
function keepDependentsAfter(plan: Plan, shifts: number[]): number[] {
  const out = [...shifts];
  const index = new Map(plan.kickoffs.map((k, i) => [k.name, i]));
  // Chains are short; a pass per kickoff reaches the fixed point.
  for (let pass = 0; pass < plan.kickoffs.length; pass++) {
    plan.kickoffs.forEach((k, i) => {
      const t = k.target.kind === 'result' ? index.get(k.target.kickoff) : undefined;
      if (t !== undefined && typeof k.at === 'number' && typeof plan.kickoffs[t].at === 'number') out[i] = Math.max(out[i], out[t]);
    });
  }
  return out;
}

/** The schedule seed `seed` draws for `plan`. */
export function drawSchedule(plan: Plan, seed: number, options: ExploreOptions = DEFAULT_EXPLORE): Schedule {
  const random = makeRandom(seed, 'explore');
  const jitter = random.fork('kickoffs');
  const kickoffShiftMs = keepDependentsAfter(plan, plan.kickoffs.map((k) => (typeof k.at === 'number' && options.kickoffJitterMs > 0 ? randomInt(jitter, options.kickoffJitterMs + 1) : 0)));
  const faults: Fault[] = [];
  // An external node is another process: the bridge injects no faults, so none are drawn for it.
  const names = plan.topology.nodes.filter((n) => !n.external).map((n) => n.name);
  const senders = new Set(plan.kickoffs.map((k) => k.from));
  const restartable = names.filter((n) => !senders.has(n) && !lifecycleNodes(plan).has(n) && (options.canRestart?.(n) ?? true));
  const allowed = allowedFaults(plan, options.faults);
  const nodesOf = (f: PlanExploreFault): string[] => (f.nodes ? restartable.filter((n) => f.nodes!.includes(n)) : restartable);
  let kinds = allowed.filter((f) => (f.kind === 'restart' ? nodesOf(f).length > 0 : f.links !== null || names.length >= 2));
  if (kinds.length > 0) {
    const f = random.fork('faults');
    const count = randomInt(f, (plan.explore?.maxFaults ?? options.maxFaults) + 1);
    const horizon = horizonMs(plan);
    const drawn = new Map<FaultKind, number>();
    for (let i = 0; i < count && kinds.length > 0; i++) {
      const allowedKind = kinds[randomInt(f, kinds.length)];
      const kind = allowedKind.kind;
      const atMs = randomInt(f, horizon);
      const forMs = 5 + randomInt(f, 100);
      if (kind === 'restart') {
        const nodes = nodesOf(allowedKind);
        faults.push({ kind, atMs, node: nodes[randomInt(f, nodes.length)], forMs });
      } else if (allowedKind.links) {
        const [a, b] = allowedKind.links[randomInt(f, allowedKind.links.length)];
        faults.push({ kind, atMs, between: [a, b], forMs });
      } else {
        const a = randomInt(f, names.length);
        const b = (a + 1 + randomInt(f, names.length - 1)) % names.length;
        faults.push({ kind, atMs, between: [names[a], names[b]], forMs });
      }
      // A kind at its bound is drawn no more (the draws of a scenario without bounds are unchanged).
      drawn.set(kind, (drawn.get(kind) ?? 0) + 1);
      if (allowedKind.max !== null && drawn.get(kind)! >= allowedKind.max) kinds = kinds.filter((k) => k !== allowedKind);
    }
    faults.sort((x, y) => x.atMs - y.atMs);
  }
  return { seed, kickoffShiftMs, faults };
}

type Timed = { atMs: number; order: number; step: DistributiveOmit<PlanStep, 'index' | 'where'> };
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** Timed actions of the faults; a fault's restart never precedes its kill. */
function faultActions(faults: readonly Fault[]): Timed[] {
  const out: Timed[] = [];
  faults.forEach((f, i) => {
    if (f.kind === 'partition') {
      out.push({ atMs: f.atMs, order: i * 2, step: { kind: 'partition', between: f.between, mode: 'drop' } });
      out.push({ atMs: f.atMs + f.forMs, order: i * 2 + 1, step: { kind: 'heal', between: f.between } });
    } else if (f.kind === 'stall') {
      out.push({ atMs: f.atMs, order: i * 2, step: { kind: 'stall', between: f.between, forMs: f.forMs } });
    } else {
      out.push({ atMs: f.atMs, order: i * 2, step: { kind: 'kill', node: f.node } });
      out.push({ atMs: f.atMs + f.forMs, order: i * 2 + 1, step: { kind: 'restart', node: f.node, mode: 'fresh' } });
    }
  });
  return out.sort((x, y) => x.atMs - y.atMs || x.order - y.order);
}

/**
 * Overlapping faults on one node or pair would break the language's lifecycle rules (a kill of
 * a node already down, a heal of a healed pair): keep the first of any overlapping ones.
 */
export function compatibleFaults(faults: readonly Fault[]): Fault[] {
  const kept: Fault[] = [];
  const key = (f: Fault): string => (f.kind === 'restart' ? `node:${f.node}` : `${f.kind}:${[...f.between].sort().join('|')}`);
  for (const f of faults) {
    const clash = kept.some((k) => key(k) === key(f) && f.atMs <= k.atMs + k.forMs && k.atMs <= f.atMs + f.forMs);
    if (!clash) kept.push(f);
  }
  return kept;
}

/**
 * The faults of a schedule that can run in `plan`: compatible with each other, and over before
 * the scenario's first absolute `wait untilMs` (its steps run after the injected ones, and
 * virtual time only moves forward).
 */
export function faultsThatFit(plan: Plan, faults: readonly Fault[]): Fault[] {
  const bound = Math.min(Infinity, ...plan.steps.flatMap((s) => (s.kind === 'wait' && s.until.kind === 'time' ? [s.until.untilMs] : [])));
  const end = (f: Fault): number => (f.kind === 'stall' ? f.atMs : f.atMs + f.forMs);
  return compatibleFaults(faults).filter((f) => end(f) <= bound);
}

/** The standalone Plan of a schedule: the full replay of one explored run. */
export function materialize(plan: Plan, schedule: Schedule): Plan {
  const out = structuredClone(plan);
  out.seeds = [schedule.seed];
  // A replay is not the scenario's canonical run: its golden does not apply.
  out.expect.golden = false;
  out.kickoffs.forEach((k, i) => {
    const shift = schedule.kickoffShiftMs[i] ?? 0;
    if (typeof k.at === 'number' && shift > 0) k.at += shift;
  });
  const faults = faultsThatFit(plan, schedule.faults);
  if (faults.length === 0) return out;
  const where = `${plan.source.file} ${INJECTED}`;
  const prefix: PlanStep[] = [];
  for (const a of faultActions(faults)) {
    prefix.push({ index: 0, where, kind: 'wait', until: { kind: 'time', untilMs: a.atMs }, timeoutMs: plan.options.deadlineMs } as PlanStep);
    prefix.push({ index: 0, where, ...a.step } as PlanStep);
  }
  out.steps = [...prefix, ...out.steps.filter((s) => s.kind !== 'expect')].map((s, index) => ({ ...s, index }));
  // Results, tables, marks and session counts were declared for a run without these faults.
  const { sessions: _sessions, ...kept } = out.expect;
  out.expect = { ...kept, results: [], tables: [], marks: [] };
  return out;
}

/** One line per injected fault, for reports and the replay file's header. */
export function describeSchedule(plan: Plan, schedule: Schedule): string[] {
  const shifts = schedule.kickoffShiftMs.some((s) => s > 0) ? [`kickoff shifts (ms, plan order): ${schedule.kickoffShiftMs.join(', ')}`] : [];
  return [
    ...shifts,
    ...faultsThatFit(plan, schedule.faults).map((f) =>
      f.kind === 'restart' ? `restart ${f.node}: killed at ${f.atMs} ms, fresh again ${f.forMs} ms later` : `${f.kind} ${f.between.join('–')} at ${f.atMs} ms for ${f.forMs} ms`,
    ),
  ];
}
