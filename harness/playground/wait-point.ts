/**
 * The `wait` step that stops a replay exactly where the live clock stands, counted from the last
 * step. Two forms name a point exactly (run-steps.ts `runWait`): `{ untilMs: now }` when nothing
 * is left at the current instant (a time wait takes every event up to and including its time),
 * and `{ frame, source, target, count }` right after a frame was delivered (an event wait stops
 * at its Nth match, counted from the wait). Between two other events of one instant no wait can
 * stop, so an action there is refused with what to do instead.
 * Guarantees: never offers a wait that would replay to another point (the session re-runs and
 * compares, session.ts).
 */
import type { StepDoc } from '../scenario/doc.js';
import type { SimRun } from '../sim/page-side/runner.js';

/** Where the last step left the run's logs (an event wait counts from there). */
export interface PointSince {
  labels: number;
}

/** The virtual time of the next send or delivery, Infinity when none is queued. */
export function nextEventAt(run: Pick<SimRun, 'scheduled' | 'net'>): number {
  return Math.min(run.scheduled[0]?.atMs ?? Infinity, run.net.queue.peekAtMs() ?? Infinity);
}

export function waitForPoint(run: Pick<SimRun, 'scheduled' | 'net' | 'deliveredLabels'>, since: PointSince, lastWasFrame: boolean): { wait?: StepDoc; problem?: string } {
  const now = run.net.nowMs;
  if (nextEventAt(run) > now) return { wait: { wait: { untilMs: now } } };
  const last = run.deliveredLabels.at(-1);
  if (lastWasFrame && last) {
    const count = run.deliveredLabels.slice(since.labels).filter((f) => f.label === last.label && f.source === last.source && f.target === last.target).length;
    return { wait: { wait: { frame: last.label, source: last.source, target: last.target, ...(count > 1 ? { count } : {}) } } };
  }
  return {
    problem: `the clock stands between two events of the instant ${now} ms, a point no wait can name: step to the end of the instant (next instant ▶) or to a frame, then act`,
  };
}
