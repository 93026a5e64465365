/**
 * `wait`: the one step that advances virtual time — until quiescent, a time, a duration, or an
 * event (a settled outcome, a frame, a mark, a kickoff's dispatch), with an optional timeout.
 */
import type { WaitDoc } from '../doc.js';
import type { EventWait, PlanWait } from '../plan-values.js';
import { checkNode, getOutcomeNames, report, type Path } from '../semantic-context.js';
import { didYouMean } from '../suggest.js';
import { documentedEnum, WAIT_SINCE, type WaitSince } from '../vocabulary.js';
import { defineStep, type StepCheck } from './definition.js';

export const DEFAULT_WAIT_SINCE: WaitSince = 'step';

const WAIT_FORMS = ['untilMs', 'forMs', 'settled', 'frame', 'mark', 'kickoff'] as const;
const EVENT_FORMS: readonly string[] = ['frame', 'mark', 'kickoff'];

type Body = 'quiescent' | WaitDoc;

function makeWait(wait: Body | undefined): { until: PlanWait; timeoutMs: number | undefined } {
  if (wait === 'quiescent' || wait === undefined) return { until: { kind: 'quiescent' }, timeoutMs: undefined };
  const event = { since: wait.since ?? DEFAULT_WAIT_SINCE, count: wait.count ?? 1 };
  const until: PlanWait =
    wait.untilMs !== undefined ? { kind: 'time', untilMs: wait.untilMs }
    : wait.forMs !== undefined ? { kind: 'duration', forMs: wait.forMs }
    : wait.settled !== undefined ? { kind: 'settled', name: wait.settled }
    : wait.frame !== undefined ? { kind: 'frame', label: wait.frame, source: wait.source ?? null, target: wait.target ?? null, ...event }
    : wait.kickoff !== undefined ? { kind: 'kickoff', kickoff: wait.kickoff, ...event }
    : { kind: 'mark', mark: wait.mark!, ...event };
  return { until, timeoutMs: wait.timeoutMs };
}

function checkWait(wait: Body, { ctx, model, path, index }: StepCheck): void {
  if (wait === 'quiescent') return;
  const forms = WAIT_FORMS.filter((k) => wait[k] !== undefined);
  if (forms.length !== 1) {
    report(ctx, path, `needs exactly one of ${WAIT_FORMS.join(', ')} (got ${forms.length ? forms.join(', ') : 'none'})`);
    return;
  }
  if ((wait.source !== undefined || wait.target !== undefined) && forms[0] !== 'frame') {
    report(ctx, [...path, wait.source !== undefined ? 'source' : 'target'], 'source and target only narrow a frame wait', true);
  }
  for (const key of ['since', 'count'] as const) {
    if (wait[key] !== undefined && !EVENT_FORMS.includes(forms[0])) report(ctx, [...path, key], `${key} is for frame, mark and kickoff waits`, true);
  }
  if (wait.kickoff !== undefined && !ctx.kickoffs.has(wait.kickoff)) {
    report(ctx, [...path, 'kickoff'], `unknown kickoff "${wait.kickoff}"${didYouMean(wait.kickoff, ctx.kickoffs.keys())}`);
  }
  if (wait.timeoutMs !== undefined && (forms[0] === 'untilMs' || forms[0] === 'forMs')) {
    report(ctx, [...path, 'timeoutMs'], `a ${forms[0]} wait cannot time out; timeoutMs is for settled, frame, mark and kickoff`, true);
  }
  if (wait.untilMs !== undefined) {
    if (wait.untilMs < model.untilMs.value) {
      report(ctx, [...path, 'untilMs'], `${wait.untilMs} is earlier than ${model.untilMs.value} reached by steps[${model.untilMs.step}]; virtual time only moves forward`);
    } else model.untilMs = { value: wait.untilMs, step: index };
  }
  checkEventNames(wait, { ctx, path });
}

function checkEventNames(wait: WaitDoc, { ctx, path }: { ctx: StepCheck['ctx']; path: Path }): void {
  if (wait.settled !== undefined && !getOutcomeNames(ctx).includes(wait.settled)) {
    report(ctx, [...path, 'settled'], `unknown kickoff or flush "${wait.settled}"${didYouMean(wait.settled, getOutcomeNames(ctx))}`);
  }
  if (wait.source !== undefined) checkNode(ctx, [...path, 'source'], wait.source);
  if (wait.target !== undefined) checkNode(ctx, [...path, 'target'], wait.target);
}

function eventDoc(w: EventWait): { since: WaitSince; count: number } {
  return { since: w.since, count: w.count };
}

function waitDoc(w: PlanWait, timeoutMs: number, deadlineMs: number): unknown {
  const timeout = timeoutMs === deadlineMs ? {} : { timeoutMs };
  switch (w.kind) {
    case 'quiescent':
      return 'quiescent';
    case 'time':
      return { untilMs: w.untilMs, ...timeout };
    case 'duration':
      return { forMs: w.forMs, ...timeout };
    case 'settled':
      return { settled: w.name, ...timeout };
    case 'frame':
      return { frame: w.label, ...(w.source ? { source: w.source } : {}), ...(w.target ? { target: w.target } : {}), ...eventDoc(w), ...timeout };
    case 'mark':
      return { mark: w.mark, ...eventDoc(w), ...timeout };
    case 'kickoff':
      return { kickoff: w.kickoff, ...eventDoc(w), ...timeout };
  }
}

export const wait = defineStep({
  schema: {
    description: 'Advance virtual time: \'quiescent\' (nothing left to deliver), or {untilMs}, {forMs}, {settled: name}, {frame: op-label}, {mark: name}, {kickoff: name}. The event forms (frame, mark, kickoff) count matches after the wait starts (since: step, the default) or since the run started (since: start), can wait for the Nth match (count), and take an optional timeoutMs.',
    anyOf: [
      {
        const: 'quiescent',
      },
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          untilMs: {
            $ref: '#/definitions/nonNegativeMs',
            description: 'Until this virtual time.',
          },
          forMs: {
            $ref: '#/definitions/nonNegativeMs',
            description: 'For this many virtual ms.',
          },
          settled: {
            $ref: '#/definitions/name',
            description: 'Until the named kickoff or flush settles.',
          },
          frame: {
            $ref: '#/definitions/opLabel',
            description: 'Until a frame with this operation label is delivered.',
          },
          source: {
            $ref: '#/definitions/name',
            description: 'With frame: only frames sent by this node.',
          },
          target: {
            $ref: '#/definitions/name',
            description: 'With frame: only frames delivered to this node.',
          },
          mark: {
            $ref: '#/definitions/markName',
            description: 'Until a node reports this mark.',
          },
          kickoff: {
            $ref: '#/definitions/name',
            description: 'Until a call of this kickoff reaches its target (the target app dispatches it).',
          },
          since: documentedEnum(WAIT_SINCE, 'With frame, mark or kickoff: step (default) counts only matches after the wait starts; start counts matches since the run started.'),
          count: {
            type: 'integer',
            minimum: 1,
            description: 'With frame, mark or kickoff: until the Nth match (for kickoff, the Nth of its sends to arrive). Default 1.',
          },
          timeoutMs: {
            $ref: '#/definitions/nonNegativeMs',
            description: 'Give up (fail the case) after this many virtual ms. Default: options.deadlineMs.',
          },
        },
      },
    ],
  },
  normalise: (body: Body | undefined, { deadlineMs }) => {
    const { until, timeoutMs } = makeWait(body);
    return { until, timeoutMs: timeoutMs ?? deadlineMs };
  },
  check: checkWait,
  write: (step, deadlineMs) => waitDoc(step.until, step.timeoutMs, deadlineMs),
  effect: async (step, sim) => {
    if (!(await sim.wait(step.until, step.timeoutMs))) sim.note(step.index, `wait timed out at ${sim.nowMs} ms`);
  },
});
