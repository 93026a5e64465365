/**
 * `window.ocapnHarness`: the one object Playwright drives. Load a plan with a seed and a driver,
 * then either run it whole (`runPlan`) or piece by piece (`start`, `runTo`, `step`, `tables`,
 * `recording`). Everything crossing to Playwright is plain JSON. View: the page.
 * Guarantees: every wait is bounded by the plan's virtual deadline and a wall deadline; a crash
 * shows in the status line and in the recording's outcome, never as a hang.
 */
import type { TableSnapshot } from '../drivers/driver.js';
import type { Plan, PlanStep, PlanWait } from '../scenario/plan.js';
import type { Recording } from '../sim/recording.js';
import { applyStep, runPlan as runWholePlan, runWait, snapshotTables } from '../sim/page-side/run-steps.js';
import { RunCrashed, SimRun } from '../sim/page-side/runner.js';
import { FreeRun, runFreePlan } from '../sim/page-side/free-run.js';
import { PageBridge, type BridgeIn } from './external-bridge.js';
import { GOBLINS_DRIVER_NAME } from '../drivers/goblins/info.js';
import { makeWorkerPort, workerCounts } from './worker-port.js';

export interface LoadOptions {
  plan: Plan;
  seed: number;
  driver: string;
  /** Wall deadline of the whole case (default 60 s) and of one worker request (default 10 s). */
  wallMsMax?: number;
  requestWallMsMax?: number;
  /** `free-run`: real time and real timers, workers not lock-stepped (runPlan only; sim/page-side/free-run.ts). */
  mode?: 'lock-step' | 'free-run';
  /** External nodes: node → where it listens (the Playwright side started and bridges them). */
  externals?: Record<string, string>;
}

function setStatus(text: string): void {
  const el = document.getElementById('status');
  if (el) el.textContent = text;
}

let current: SimRun | undefined;

function makeRun(options: LoadOptions): SimRun {
  current?.terminateAll();
  const run = new SimRun({
    plan: options.plan,
    seed: options.seed,
    driver: options.driver,
    // The worker applies the driver's own app defects (it has the driver; the page does not
    // load implementations, so it never needs the Endo environment).
    makePort: (node, incarnation, driver) => makeWorkerPort(node, incarnation, { requestWallMsMax: options.requestWallMsMax, driver, reuse: true }),
    wallMs: () => performance.now(),
    wallMsMax: options.wallMsMax,
  });
  current = run;
  setStatus(`loaded ${options.plan.id} seed ${options.seed} driver ${options.driver}`);
  return run;
}

function requireRun(): SimRun {
  if (!current) throw new Error('ocapnHarness: load a plan first');
  return current;
}

/** Runs `fn`; a crash is reported in the status line and rethrown as a plain message. */
async function guarded<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    const run = current;
    if (run?.crashed) setStatus(`crashed: ${run.crashed.message} — replay: ${run.crashed.replay}`);
    if (error instanceof RunCrashed) throw new Error(error.message, { cause: error });
    throw error;
  }
}

let bridge: PageBridge | undefined;

async function runFree(options: LoadOptions): Promise<Recording> {
  current?.terminateAll();
  bridge?.stop();
  const externals = options.externals ?? {};
  const hasExternal = options.plan.topology.nodes.some((n) => n.external);
  bridge = hasExternal ? new PageBridge() : undefined;
  const pageBridge = bridge;
  // Goblins nodes are external processes the harness steers (kickoffs, events): harness/case/goblins-peers.ts.
  pageBridge?.steer(options.plan.topology.nodes.filter((n) => n.external && (n.driver ?? options.driver) === GOBLINS_DRIVER_NAME).map((n) => n.name));
  const free = new FreeRun({
    plan: options.plan,
    seed: options.seed,
    driver: options.driver,
    makePort: (node, incarnation, driver) =>
      pageBridge && node in externals ? pageBridge.port(node) : makeWorkerPort(node, incarnation, { requestWallMsMax: options.requestWallMsMax, driver }),
    wallMsMax: options.wallMsMax,
    ...(hasExternal ? { externalLocators: externals, outsideBusy: () => pageBridge?.busy() ?? false, outsideWhy: () => pageBridge?.busyWhy() } : {}),
  });
  pageBridge?.attach(free);
  current = free.run;
  setStatus(`free-running ${options.plan.id} seed ${options.seed} driver ${options.driver}`);
  const recording = await runFreePlan(free);
  // The run is over: terminating its ports later (the next run's start) is no node fault.
  pageBridge?.stop();
  const o = recording.outcome;
  setStatus(o.error ? `crashed: ${o.error.message} — replay: ${o.error.replay}` : `free-run ${o.end} at ${free.run.net.nowMs} ms, ${free.run.deliveries} deliveries`);
  return recording;
}

export const harnessApi = {
  /** Runs a whole case and returns its recording (never throws for a crash: see `outcome`). */
  async runPlan(options: LoadOptions): Promise<Recording> {
    // A process outside the page runs in real time: external nodes force free-run.
    if (options.mode === 'free-run' || options.plan.topology.nodes.some((n) => n.external)) return runFree(options);
    const run = makeRun(options);
    const t0 = performance.now();
    const recording = await runWholePlan(run);
    const wall = Math.round(performance.now() - t0);
    const o = recording.outcome;
    setStatus(o.error ? `crashed: ${o.error.message} — replay: ${o.error.replay}` : `${o.end} at ${run.net.nowMs} ms virtual, ${wall} ms wall, ${run.deliveries} deliveries`);
    return recording;
  },
  load(options: LoadOptions): void {
    makeRun(options);
  },
  /** Starts every node and schedules the kickoffs with a numeric `at`. */
  async start(): Promise<void> {
    const run = requireRun();
    await guarded(async () => {
      await run.startNodes(run.plan.topology.nodes.map((n) => n.name));
      for (const k of run.plan.kickoffs) if (k.at !== 'step') run.scheduleKickoff(k.name, k.at);
    });
    setStatus(`running ${run.plan.id}`);
  },
  /** Runs to a condition (quiescent, a virtual time, a settlement, a mark, a frame label). */
  async runTo(until: PlanWait, timeoutMs = Infinity): Promise<{ reached: boolean; nowMs: number }> {
    const run = requireRun();
    const reached = await guarded(() => runWait(run, until, timeoutMs));
    setStatus(`${run.plan.id}: ${run.net.nowMs} ms virtual, ${run.deliveries} deliveries`);
    return { reached, nowMs: run.net.nowMs };
  },
  async step(step: PlanStep): Promise<void> {
    const run = requireRun();
    await guarded(() => applyStep(run, step));
  },
  async tables(nodes?: string[], label = 'on demand'): Promise<TableSnapshot[]> {
    const run = requireRun();
    return guarded(() => snapshotTables(run, label, nodes));
  },
  /** The recording so far (ends the case: hosts are terminated). */
  recording(): Recording {
    const run = requireRun();
    const end = run.isQuiescent() ? 'quiescent' : 'deadline';
    run.terminateAll();
    return run.recording(end);
  },
  /** From the Playwright side of the bridge: what an external node's process wrote. */
  bridgeIn(message: BridgeIn): void {
    bridge?.incoming(message);
  },
  status(): string {
    return document.getElementById('status')?.textContent ?? '';
  },
  /** Workers this page started, and how many times a reset one served a new node. */
  workerCounts,
};
