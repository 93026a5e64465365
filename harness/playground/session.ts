/**
 * A playground session: one lock-step run of the scenario being written, paused between the
 * user's moves. It is not a second simulation: the run is a SimRun with the page's workers, fed
 * the plan the project's loader makes of the session's document, with its steps applied by
 * run-steps.ts exactly as `run` applies them.
 * Every action becomes a scenario step at the current virtual time: the clock's position since
 * the last step is first written as the `wait` that reaches exactly that point (wait-point.ts),
 * then the action, and the session is re-run from the start with the new document. So what the
 * page shows is always what the saved file replays, event for event; a position no wait can name
 * refuses the action with the reason instead of saving something that replays differently.
 * Spec anchor: README.md "The playground". Guarantees: the document, the steps and the clock
 * position change together or not at all (a refused document leaves the session as it was).
 */
import type { TableSnapshot } from '../drivers/driver.js';
import type { ScenarioDoc, StepDoc } from '../scenario/doc.js';
import type { Plan } from '../scenario/plan.js';
import type { Recording } from '../sim/recording.js';
import { applyStep, runWait, snapshotTables } from '../sim/page-side/run-steps.js';
import { RunCrashed, SimRun, type HostPortFactory } from '../sim/page-side/runner.js';
import { docWithSteps } from './doc-edits.js';
import { nextEventAt, waitForPoint, type PointSince } from './wait-point.js';

export type PlanAnswer = { plan: Plan; yaml: string } | { errors: string[] };
export type SaveAnswer = { file: string; yaml: string } | { errors: string[] };

/** What the page asks the CLI's server (the loader and the file system live in Node). */
export interface ScenarioBackend {
  plan(doc: ScenarioDoc): Promise<PlanAnswer>;
  save(doc: ScenarioDoc, file: string, overwrite: boolean): Promise<SaveAnswer>;
}

/** How far one clock control moves: one event, every event of the next instant, until
 * quiescent, or until a frame with this label is delivered. */
export type ClockMove = { kind: 'event' } | { kind: 'instant' } | { kind: 'quiescent' } | { kind: 'frame'; label: string };

/** The one page-wide wall budget of a single control (a hung worker must not hang the page). */
const OP_WALL_MS = 30_000;

export class PlaygroundSession {
  doc: ScenarioDoc;
  /** Steps applied, in order (the saved file's `steps`). */
  steps: StepDoc[] = [];
  /** Steps of an opened file not applied yet; any other action drops them (a branch). */
  script: StepDoc[];
  /** The step count at which the opened file's script was left, once it was. */
  branchedAt: number | undefined;
  /** Events the clock moved since the last step. */
  moved = 0;
  plan: Plan | undefined;
  yaml = '';
  run: SimRun | undefined;
  /** Set once the session was finished (run to quiescence, end tables): read-only after. */
  finished: Recording | undefined;
  crashed: string | undefined;
  private since: PointSince = { labels: 0 };
  private lastWasFrame = false;
  private opStart = 0;

  constructor(
    private readonly backend: ScenarioBackend,
    /** Where nodes run: the page's workers (main.ts), or in-process hosts in Node tests. */
    private readonly makePort: HostPortFactory,
    doc: ScenarioDoc,
    script: StepDoc[],
    readonly seed: number,
    readonly driver = 'reference',
  ) {
    this.doc = doc;
    this.script = script;
  }

  /** Loads the document and runs it to its current position (nothing applied yet at open). */
  async open(): Promise<string[]> {
    return this.rebuild(this.doc, this.steps, 0);
  }

  get nowMs(): number {
    return this.run?.net.nowMs ?? 0;
  }

  /** Why an action cannot be taken at the current position, or undefined when it can. */
  actionBlocked(): string | undefined {
    if (this.finished) return 'the session is finished: save it, or reset';
    if (!this.run) return 'the scenario does not run yet (see the errors)';
    return this.moved === 0 ? undefined : waitForPoint(this.run, this.since, this.lastWasFrame).problem;
  }

  /**
   * Commits the clock's position as a wait, then `step` (when given) after `change` was applied
   * to the document, and re-runs the session. Errors (the loader's, or a refused position) leave
   * the session unchanged.
   */
  async act(step: StepDoc | undefined, change?: (doc: ScenarioDoc) => ScenarioDoc): Promise<string[]> {
    const blocked = this.actionBlocked();
    if (blocked) return [blocked];
    const run = this.run!;
    const here = this.moved === 0 ? undefined : waitForPoint(run, this.since, this.lastWasFrame).wait;
    const steps = [...this.steps, ...(here ? [here] : []), ...(step ? [step] : [])];
    const doc = change ? change(structuredClone(this.doc)) : this.doc;
    const expected = here ? { deliveries: run.deliveries, nowMs: run.net.nowMs, at: this.steps.length + 1 } : undefined;
    const applied = this.steps.length;
    const errors = await this.rebuild(doc, steps, 0, expected);
    if (errors.length === 0 && this.script.length > 0) {
      this.branchedAt = applied;
      this.script = [];
    }
    return errors;
  }

  /** Edits what the run starts from (nodes, links, options, the seed of a kickoff's args…) and
   * re-runs the same steps and clock moves on it. */
  async setup(change: (doc: ScenarioDoc) => ScenarioDoc): Promise<string[]> {
    if (this.finished) return ['the session is finished: save it, or reset'];
    return this.rebuild(change(structuredClone(this.doc)), this.steps, this.moved);
  }

  /** Applies the opened file's next step (only from a step boundary: otherwise it is a branch). */
  async nextScriptStep(): Promise<string[]> {
    if (this.script.length === 0) return ['no step of the opened file is left'];
    if (this.moved > 0) return ['the clock has moved off the file\'s steps: act here to branch, or go back to the last step'];
    const [next, ...rest] = this.script;
    const errors = await this.rebuild(this.doc, [...this.steps, next], 0);
    if (errors.length === 0) this.script = rest;
    return errors;
  }

  /** Drops the clock moves since the last step. */
  async backToLastStep(): Promise<string[]> {
    return this.rebuild(this.doc, this.steps, 0);
  }

  async clock(move: ClockMove): Promise<string[]> {
    if (this.finished) return ['the session is finished'];
    const run = this.run;
    if (!run) return ['the scenario does not run yet'];
    this.opStart = performance.now();
    try {
      await this.moveClock(run, move);
    } catch (error) {
      return [this.noteCrash(error)];
    }
    return [];
  }

  private async moveClock(run: SimRun, move: ClockMove): Promise<void> {
    const instant = nextEventAt(run);
    for (let i = 0; i < 50_000; i++) {
      if (run.isQuiescent()) return;
      if (move.kind === 'instant' && nextEventAt(run) > instant) return;
      if (!(await this.oneEvent(run))) return;
      if (move.kind === 'event') return;
      if (move.kind === 'frame' && this.lastWasFrame && run.deliveredLabels.at(-1)?.label === move.label) return;
    }
  }

  /** One send or one delivery; false when nothing is left before the deadline. */
  private async oneEvent(run: SimRun): Promise<boolean> {
    const deliveries = run.deliveries;
    const sends = run.scheduled.length;
    const labels = run.deliveredLabels.length;
    const why = await run.runUntil(() => run.deliveries !== deliveries || run.scheduled.length !== sends, run.plan.options.deadlineMs);
    if (why === 'wall') throw new Error(`a clock step took more than ${OP_WALL_MS} ms of wall time`);
    if (why !== 'stopped') return false;
    this.moved++;
    this.lastWasFrame = run.deliveredLabels.length > labels;
    return true;
  }

  /**
   * Runs `doc` with `steps` from the start in fresh hosts, then moves the clock `moved` events.
   * `expected`: where the live run stood when its position was written as the wait at step
   * `at` (1-based); the re-run must stand there too, or the wait did not name the point.
   */
  private async rebuild(doc: ScenarioDoc, steps: StepDoc[], moved: number, expected?: { deliveries: number; nowMs: number; at: number }): Promise<string[]> {
    const answer = await this.backend.plan(docWithSteps(doc, steps));
    if ('errors' in answer) return answer.errors;
    const { plan } = answer;
    this.run?.terminateAll();
    this.opStart = performance.now();
    const run = new SimRun({
      plan,
      seed: this.seed,
      driver: this.driver,
      makePort: this.makePort,
      // The wall budget is per control, not per session: a session lasts as long as a person likes.
      wallMs: () => performance.now() - this.opStart,
      wallMsMax: OP_WALL_MS,
    });
    Object.assign(this, { doc, steps, plan, yaml: answer.yaml, run, moved: 0, crashed: undefined, lastWasFrame: false });
    const problems: string[] = [];
    try {
      await run.startNodes(plan.topology.nodes.map((n) => n.name));
      for (const k of plan.kickoffs) if (k.at !== 'step') run.scheduleKickoff(k.name, k.at);
      for (const [i, step] of plan.steps.entries()) {
        await applyStep(run, step);
        if (expected && i + 1 === expected.at && (run.deliveries !== expected.deliveries || run.net.nowMs !== expected.nowMs)) {
          problems.push(`the wait written at step ${i + 1} stops at ${run.net.nowMs} ms after ${run.deliveries} deliveries, not where the clock stood (${expected.nowMs} ms, ${expected.deliveries}): a harness bug, please report it`);
        }
      }
      this.since = { labels: run.deliveredLabels.length };
      for (let i = 0; i < moved; i++) if (!(await this.oneEvent(run))) break;
    } catch (error) {
      problems.push(this.noteCrash(error));
    }
    return problems;
  }

  private noteCrash(error: unknown): string {
    const message = error instanceof RunCrashed || error instanceof Error ? error.message : String(error);
    this.crashed = message;
    return message;
  }

  /** Every node's tables now, asked without recording them (so the transcript is the file's). */
  async tables(): Promise<TableSnapshot[]> {
    const run = this.run;
    if (!run || this.finished) return [];
    const out: TableSnapshot[] = [];
    for (const node of run.plan.topology.nodes) {
      const port = run.ports.get(node.name);
      if (!port || run.net.node(node.name).status === 'down') continue;
      const reply = await port.request({ type: 'tables' }, run.net.nowMs).catch(() => undefined);
      if (reply?.result) out.push(reply.result as TableSnapshot);
    }
    return out;
  }

  /** The recording so far, without ending anything. */
  recording(): Recording | undefined {
    if (this.finished) return this.finished;
    return this.run?.recording(this.run.isQuiescent() ? 'quiescent' : 'deadline');
  }

  /**
   * Ends the session as `run` ends a case after its last step: until quiescent (or the deadline),
   * every live node's tables labelled `end`, hosts ended. The recording is then the file's.
   */
  async finish(): Promise<Recording | undefined> {
    const run = this.run;
    if (!run || this.finished) return this.finished;
    this.opStart = performance.now();
    let end: 'quiescent' | 'deadline' = 'deadline';
    try {
      end = (await runWait(run, { kind: 'quiescent' }, run.plan.options.deadlineMs)) ? 'quiescent' : 'deadline';
      await snapshotTables(run, 'end');
    } catch (error) {
      if (!(error instanceof RunCrashed)) run.crash(undefined, error);
      this.noteCrash(error);
    } finally {
      run.terminateAll();
    }
    this.finished = run.recording(end);
    return this.finished;
  }

  async save(file: string, overwrite: boolean): Promise<SaveAnswer> {
    return this.backend.save(docWithSteps(this.doc, this.steps), file, overwrite);
  }
}
