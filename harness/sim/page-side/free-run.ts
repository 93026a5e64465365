/**
 * Free-run mode: the same page-owned network, hosts, steps and recording as lock-step,
 * but in REAL time — the clock is wall ms since the case started, link latencies are real delays
 * kept by real timers on the page, node timers fire when real time reaches them, and workers are
 * not lock-stepped: every due event is handed to its host at once, and each reply is absorbed
 * whenever it arrives. For soak runs judged by properties only (a free-run recording does not
 * replay; its header says `mode: 'free-run'`). View: the page.
 * Guarantees kept from lock-step: frames only via the page, per-connection FIFO, one request at a
 * time per worker (the worker queues them), every wait bounded by the plan deadline (real ms here)
 * and the wall deadline. The ONE place in harness/sim allowed real time (eslint: free-run*.ts).
 */
import type { PlanWait } from '../../scenario/plan.js';
import type { HostCommand } from '../protocol.js';
import { WALL_DEADLINE_NOTE, type Recording } from '../recording.js';
import { applyStep, stopFor } from './run-steps.js';
import { HostEnded, RunCrashed, SimRun, type RunOptions } from './runner.js';

export type FreeRunOptions = Omit<RunOptions, 'wallMs' | 'mode'> & {
  /** Something outside the page (an external node's process) may still act: not quiescent. */
  outsideBusy?: () => boolean;
  /** What keeps the outside busy, for the wall-deadline note (undefined: nothing). */
  outsideWhy?: () => string | undefined;
};

interface Waiter {
  /** true: reached; false: can never be reached (all quiet); undefined: keep waiting. */
  check: () => boolean | undefined;
  resolve: (reached: boolean) => void;
  reject: (error: unknown) => void;
}

export class FreeRun {
  readonly run: SimRun;
  private t0 = performance.now();
  private inFlight = 0;
  private pumpTimer: ReturnType<typeof setTimeout> | undefined;
  private failure: unknown;
  private stopped = false;
  private readonly waiters = new Set<Waiter>();
  private readonly outsideBusy: (() => boolean) | undefined;
  private readonly outsideWhy: (() => string | undefined) | undefined;
  /**
   * Set once the wall deadline passed during a wait: when, what was awaited and what still kept
   * the run busy. From then on every wait ends at once, unreached; runFreePlan runs no further
   * step and records this as the run's last step note, so the case is judged (its waits and
   * pending results fail, naming this) rather than crashed.
   */
  wallExpired: string | undefined;

  constructor(options: FreeRunOptions) {
    this.outsideBusy = options.outsideBusy;
    this.outsideWhy = options.outsideWhy;
    this.run = new SimRun({
      ...options,
      mode: 'free-run',
      wallMs: () => performance.now(),
      // A reply moves the clock to its real arrival time before the runner absorbs its outputs,
      // so what a node writes leaves at the time it was written.
      makePort: (node, incarnation, driver) => {
        const port = options.makePort(node, incarnation, driver);
        return {
          request: async (command, nowMs) => {
            const reply = await port.request(command, nowMs);
            this.sync();
            return reply;
          },
          terminate: () => port.terminate(),
        };
      },
    });
  }

  /** Real ms since the case's clock started (whole ms: recordings keep integer times). */
  now(): number {
    return Math.floor(performance.now() - this.t0);
  }

  /** Starts the clock at 0 (after the workers are up, so start-up does not eat the schedule). */
  startClock(): void {
    this.t0 = performance.now();
  }

  private sync(): void {
    this.run.net.nowMs = Math.max(this.run.net.nowMs, this.now());
  }

  /** Nothing due, nothing scheduled, no host busy: nothing more happens without a step. */
  isQuiescent(): boolean {
    return this.inFlight === 0 && this.run.isQuiescent() && !this.outsideBusy?.();
  }

  /** Why the run is not quiescent now, in words (empty when it is). */
  busyWhy(): string {
    const why: string[] = [];
    if (this.inFlight > 0) why.push(`${this.inFlight} host turn(s) not answered`);
    if (!this.run.isQuiescent()) why.push(`the network is not idle (${this.run.scheduled.length} kickoff send(s) scheduled, next event due at ${this.run.net.queue.peekAtMs() ?? 'none'} ms)`);
    if (this.outsideBusy?.()) why.push(this.outsideWhy?.() ?? 'an external process may still act');
    return why.join('; ');
  }

  /** Hands every due send and event to its host now, then sleeps until the next one is due. */
  pump(): void {
    if (this.stopped || this.failure) return;
    clearTimeout(this.pumpTimer);
    this.pumpTimer = undefined;
    const { run } = this;
    const net = run.net;
    this.sync();
    for (;;) {
      const sendAt = run.scheduled[0]?.atMs ?? Infinity;
      const eventAt = net.queue.peekAtMs() ?? Infinity;
      const at = Math.min(sendAt, eventAt);
      if (at > net.nowMs) {
        if (at !== Infinity) this.pumpTimer = setTimeout(() => this.pump(), at - net.nowMs);
        break;
      }
      if (sendAt <= eventAt) {
        const next = run.scheduled.shift()!;
        if (net.node(next.from).status === 'up') this.dispatch(next.from, { type: 'kickoff', send: next.send });
        continue;
      }
      const delivery = net.next(net.nowMs);
      if (delivery) this.dispatch(delivery.node, run.noteDelivery(delivery));
    }
    this.wake();
  }

  /** One host turn, not awaited: its outputs are absorbed when it replies, then we pump again. */
  private dispatch(node: string, command: HostCommand): void {
    this.inFlight++;
    this.run.turn(node, command).then(
      () => {
        this.inFlight--;
        this.pump();
      },
      (error: unknown) => {
        this.inFlight--;
        // Turns overlap steps here (never in lock-step): a turn whose host a kill, stop or
        // restart ended meanwhile dies with it, as a killed process's unwritten frames do.
        if (error instanceof HostEnded) this.pump();
        else this.fail(error);
      },
    );
  }

  private fail(error: unknown): void {
    this.failure ??= error;
    for (const waiter of [...this.waiters]) waiter.reject(error);
  }

  private wake(): void {
    for (const waiter of [...this.waiters]) {
      const reached = waiter.check();
      if (reached !== undefined) waiter.resolve(reached);
    }
  }

  /** Waits in real time for a condition; false when it timed out or nothing more can happen. */
  wait(until: PlanWait, timeoutMs: number): Promise<boolean> {
    const deadline = this.run.plan.options.deadlineMs;
    const now = this.now();
    let target = Math.min(deadline, now + timeoutMs);
    if (until.kind === 'time') target = Math.min(deadline, until.untilMs);
    if (until.kind === 'duration') target = Math.min(deadline, now + until.forMs);
    const timed = until.kind === 'time' || until.kind === 'duration';
    const stop = until.kind === 'quiescent' ? () => this.isQuiescent() : stopFor(this.run, until);
    const wallLeft = (this.run.options.wallMsMax ?? 60_000) - (performance.now() - this.t0);
    return new Promise<boolean>((resolve, reject) => {
      if (this.failure) return reject(this.failure);
      if (this.wallExpired) return resolve(false);
      const timers: ReturnType<typeof setTimeout>[] = [];
      const settle = () => {
        timers.forEach(clearTimeout);
        this.waiters.delete(waiter);
      };
      const waiter: Waiter = {
        // Time waits hold until their time; a condition that cannot hold any more (all quiet,
        // nothing scheduled) ends its wait early, as `idle` does in lock-step.
        check: () => (timed ? undefined : stop() ? true : this.isQuiescent() ? false : undefined),
        resolve: (reached) => {
          settle();
          resolve(reached);
        },
        reject: (error) => {
          settle();
          reject(error);
        },
      };
      if (target !== Infinity) timers.push(setTimeout(() => waiter.resolve(timed), Math.max(0, target - this.now())));
      timers.push(
        setTimeout(() => {
          const wallMax = this.run.options.wallMsMax ?? 60_000;
          this.wallExpired ??= `wall deadline (${wallMax} ms real time) passed at ${this.now()} ms while waiting for ${JSON.stringify(until)}; still busy: ${this.busyWhy() || 'nothing (quiet at the last moment)'}`;
          waiter.resolve(false);
        }, Math.max(0, wallLeft)),
      );
      this.waiters.add(waiter);
      const reached = waiter.check();
      if (reached !== undefined) waiter.resolve(reached);
    });
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.pumpTimer);
  }
}

/** Runs a whole case in free-run mode. Never throws: a crash becomes the recording's outcome. */
export async function runFreePlan(free: FreeRun): Promise<Recording> {
  const { run } = free;
  let end: 'quiescent' | 'deadline' = 'deadline';
  try {
    await run.startNodes(run.plan.topology.nodes.map((n) => n.name));
    free.startClock();
    for (const kickoff of run.plan.kickoffs) if (kickoff.at !== 'step') run.scheduleKickoff(kickoff.name, kickoff.at);
    free.pump();
    let last = -1;
    for (const step of run.plan.steps) {
      // Steps act on the network as in lock-step, hosts running meanwhile; waits run on real time.
      await applyStep(run, step, (until, timeoutMs) => free.wait(until, timeoutMs));
      last = step.index;
      free.pump();
      // Out of wall time: the steps left would only time out too (see FreeRun.wallExpired).
      if (free.wallExpired) break;
    }
    if (!free.wallExpired) end = (await free.wait({ kind: 'quiescent' }, run.plan.options.deadlineMs)) ? 'quiescent' : 'deadline';
    if (free.wallExpired) run.net.recorder.add({ kind: 'step', index: Math.max(0, last), step: `${WALL_DEADLINE_NOTE} ${free.wallExpired}` });
  } catch (error) {
    if (!(error instanceof RunCrashed)) run.crash(undefined, error);
  } finally {
    free.stop();
    run.terminateAll();
  }
  return run.recording(end);
}
