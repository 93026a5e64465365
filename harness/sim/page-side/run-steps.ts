/**
 * Plan steps and waits on a SimRun, and the whole-case driver `runPlan`. Spec anchor: Plan
 * (`PlanStep`, `PlanWait`), docs/architecture.md "Faults". View: the page.
 * Guarantees: only `wait` advances virtual time; every step is recorded as a `step` event before
 * its effects; a wait never passes the plan's deadline nor the run's wall deadline; kill and stop
 * save the node's state first so a later `restart keep` can restore it; a run that ends without
 * crashing records every live node's tables, labelled `end`.
 */
import type { VirtualMs } from '../../ocapn/world.js';
import type { PlanStep, PlanWait, RecordedFault } from '../../scenario/plan.js';
import { getStep, type FrameRewrite, type SimPort } from '../../scenario/steps/index.js';
import type { CorruptPart, RestartMode, WaitSince } from '../../scenario/vocabulary.js';
import { corruptSignature } from './frame-bytes.js';
import { heal, killNode, markStopped, partition, pauseNode, recordRestart, resetBetween, resumeNode, stall } from './network-faults.js';
import type { PersistentState, TableSnapshot } from '../../drivers/driver.js';
import type { Recording } from '../recording.js';
import { RunCrashed, type SimRun } from './runner.js';

export function describeStep(step: PlanStep): string {
  const { index: _i, where: _w, kind, ...rest } = step;
  if (step.kind === 'wait' && 'since' in step.until) {
    // Event-wait defaults stay out of the line, so it reads as written (and recordings of
    // scenarios that never use since/count did not change when those keys were added).
    const { since, count, ...until } = step.until;
    const shown = { ...until, ...(since === DEFAULT_SINCE ? {} : { since }), ...(count === 1 ? {} : { count }) };
    return `${kind} ${JSON.stringify({ ...rest, until: shown })}`;
  }
  return `${kind} ${JSON.stringify(rest)}`;
}

const DEFAULT_SINCE: WaitSince = 'step';

/** Where each event log stands now: an event wait with since: step counts only what comes after. */
function logPositions(run: SimRun) {
  return { frames: run.deliveredLabels.length, marks: run.markLog.length, dispatches: run.dispatchLog.length };
}

/** The condition a wait stops at (time waits have none: they stop at their time). */
export function stopFor(run: SimRun, until: PlanWait): () => boolean {
  const from = 'since' in until && until.since === 'step' ? logPositions(run) : { frames: 0, marks: 0, dispatches: 0 };
  switch (until.kind) {
    case 'quiescent':
      return () => run.isQuiescent();
    case 'time':
    case 'duration':
      return () => false;
    case 'settled':
      return () => run.isSettled(until.name);
    case 'mark':
      return counter(run.markLog, from.marks, until.count, (m) => m === until.mark);
    case 'kickoff':
      return counter(run.dispatchLog, from.dispatches, until.count, (d) => d.kickoff === until.kickoff);
    case 'frame':
      return counter(
        run.deliveredLabels,
        from.frames,
        until.count,
        (f) => f.label === until.label && (until.source === null || f.source === until.source) && (until.target === null || f.target === until.target),
      );
  }
}

/** True once `count` entries from `start` on match; reads each log entry once. */
function counter<T>(log: readonly T[], start: number, count: number, matches: (entry: T) => boolean): () => boolean {
  let next = start;
  let found = 0;
  return () => {
    for (; next < log.length; next++) if (matches(log[next])) found++;
    return found >= count;
  };
}

/** Runs until the wait's condition, its timeout or the deadline; true when the condition held. */
export async function runWait(run: SimRun, until: PlanWait, timeoutMs: VirtualMs): Promise<boolean> {
  const deadline = run.plan.options.deadlineMs;
  const now = run.net.nowMs;
  let target = Math.min(deadline, now + timeoutMs);
  if (until.kind === 'time') target = Math.min(deadline, until.untilMs);
  if (until.kind === 'duration') target = Math.min(deadline, now + until.forMs);
  // A frame wait counts labels as frames are delivered: it cannot let a node take frames ahead.
  const why = await run.runUntil(stopFor(run, until), target, until.kind !== 'frame');
  if (why === 'wall') throw run.crash(undefined, new Error(`wall deadline passed while waiting for ${JSON.stringify(until)}`));
  if (until.kind === 'time' || until.kind === 'duration') {
    run.net.advanceTo(target);
    return true;
  }
  return why === 'stopped';
}

/** Kills a node's host and the node on the network, keeping its last exportable state. */
async function kill(run: SimRun, node: string): Promise<void> {
  await saveState(run, node);
  killNode(run.net, node);
  run.ports.get(node)?.terminate();
  run.ports.delete(node);
}

async function saveState(run: SimRun, node: string): Promise<void> {
  if (run.net.node(node).status !== 'up' && run.net.node(node).status !== 'paused') return;
  const port = run.ports.get(node);
  if (!port) return;
  // Not a lock-step turn: exporting state must not change what the node does next.
  const reply = await port.request({ type: 'export-state' }, run.net.nowMs).catch(() => undefined);
  if (reply?.result) run.savedState.set(node, reply.result as PersistentState);
}

export async function snapshotTables(run: SimRun, label: string, nodes?: readonly string[]): Promise<TableSnapshot[]> {
  const out: TableSnapshot[] = [];
  for (const node of nodes ?? run.plan.topology.nodes.map((n) => n.name)) {
    const port = run.ports.get(node);
    if (!port || run.net.node(node).status === 'down') continue;
    const reply = await port.request({ type: 'tables' }, run.net.nowMs);
    if (reply.error) throw run.crash(node, new Error(reply.error.message));
    // null: the node's driver cannot list its tables (the catalog skips cases that expect them).
    if (reply.result === null || reply.result === undefined) continue;
    const snapshot = reply.result as TableSnapshot;
    run.net.recorder.add({ kind: 'tables', label, snapshot });
    out.push(snapshot);
  }
  return out;
}

async function stop(run: SimRun, node: string): Promise<void> {
  await run.turn(node, { type: 'shutdown' });
  await saveState(run, node);
  markStopped(run.net, node);
  run.ports.get(node)?.terminate();
  run.ports.delete(node);
}

async function restart(run: SimRun, node: string, mode: RestartMode): Promise<void> {
  const status = run.net.node(node).status;
  if (status === 'up' || status === 'paused') await kill(run, node);
  const incarnation = (run.incarnations.get(node) ?? 0) + 1;
  run.incarnations.set(node, incarnation);
  recordRestart(run.net, node, mode, incarnation);
  const restored = new Map<string, PersistentState>();
  const saved = run.savedState.get(node);
  if (mode === 'keep' && saved) restored.set(node, saved);
  await run.startNodes([node], restored);
}

type Wait = SimPort['wait'];

/** The simulation behind the port the step modules' effects are written against
 * (harness/scenario/steps/sim-port.ts); `wait` is lock-step's unless the caller runs its own
 * clock (free-run.ts). */
export function makeSimPort(run: SimRun, wait: Wait = (until, timeoutMs) => runWait(run, until, timeoutMs)): SimPort {
  const net = run.net;
  return {
    get nowMs() {
      return net.nowMs;
    },
    wait,
    note: (index, text) => net.recorder.add({ kind: 'step', index, step: text }),
    startKickoff: (name) => run.scheduleKickoff(name, net.nowMs),
    flush: async (node, peer, ref, name) => void (await run.turn(node, { type: 'flush', peer, ref, name })),
    release: async (node, peer, ref) => void (await run.turn(node, { type: 'release', peer, ref })),
    snapshotTables: async (label, nodes) => void (await snapshotTables(run, label, nodes)),
    pause: (node) => pauseNode(net, node),
    resume: (node) => resumeNode(net, node),
    kill: (node) => kill(run, node),
    stop: (node) => stop(run, node),
    restart: (node, mode) => restart(run, node, mode),
    partition: (a, b, mode) => partition(net, a, b, mode),
    heal: (a, b) => heal(net, a, b),
    reset: (a, b) => resetBetween(net, a, b),
    stall: (a, b, forMs) => stall(net, a, b, forMs),
    // Armed now, applied to the next matching frame when it is written (network.ts). The name is
    // the step's kind, which the registry makes a recorded fault name.
    armFrameFault: (match, fault, rewrite) => void net.frameFaults.push({ source: match.source, target: match.target, label: match.frame, fault: fault as RecordedFault, rewrite }),
    corruption: (part) => CORRUPTIONS[part],
    reorderInFlight: (source, target, window, fault) => net.reorderInFlight(source, target, window, fault as RecordedFault),
  };
}

const CORRUPTIONS: Record<CorruptPart, FrameRewrite> = { signature: corruptSignature };

/** Records the step, then runs its effect (its module's, harness/scenario/steps/<kind>.ts). */
export async function applyStep(run: SimRun, step: PlanStep, wait?: Wait): Promise<void> {
  run.net.recorder.add({ kind: 'step', index: step.index, step: describeStep(step) });
  await getStep(step.kind).effect(step, makeSimPort(run, wait));
}

/** Runs the whole case: start, numeric kickoffs, steps in order, then settle to quiescence or the
 * deadline. Never throws: a crash becomes the recording's outcome. */
export async function runPlan(run: SimRun): Promise<Recording> {
  let end: 'quiescent' | 'deadline' = 'deadline';
  try {
    await run.startNodes(run.plan.topology.nodes.map((n) => n.name));
    for (const kickoff of run.plan.kickoffs) if (kickoff.at !== 'step') run.scheduleKickoff(kickoff.name, kickoff.at);
    for (const step of run.plan.steps) await applyStep(run, step);
    const quiet = await runWait(run, { kind: 'quiescent' }, run.plan.options.deadlineMs);
    end = quiet ? 'quiescent' : 'deadline';
    // Every live node's final tables, asked about or not: the case's tables.json evidence shows
    // them, and the plan's `expect.tables` are judged on them.
    await snapshotTables(run, 'end');
  } catch (error) {
    if (!(error instanceof RunCrashed)) run.crash(undefined, error);
  } finally {
    run.terminateAll();
  }
  return run.recording(end);
}
