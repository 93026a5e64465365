/**
 * The app library as scenarios see it: each app's documentation, configuration keys, methods and
 * the marks apps report. The generated scenario schema is built from this (`npm run schema`),
 * so an app's name, its keys and its methods are written here and nowhere else; `index.ts` builds
 * the objects. Adding an app: an entry here, its maker in index.ts, `PlanApp` and its defaults in
 * the scenario layer.
 */
import type { AppName } from '../../../scenario/plan.js';
import type { AppSpec, Documented } from '../../../scenario/vocabulary.js';

const delayMs = (what: string) => ({ $ref: '#/definitions/nonNegativeMs', description: `Virtual delay before ${what}. Default 0.` });

export const APPS: Readonly<Record<AppName, AppSpec>> = {
  forwarder: {
    summary: 'Forwards calls along a route.',
    description:
      "passes every call (same method, same args) to the same-named object on the next node of the kickoff's route and answers with the onward result; at the end of a route it answers its first argument.",
    config: {
      result: {
        enum: ['direct', 'wrapped', 'pipelined'],
        description:
          'direct (default): answer with the onward promise itself, so the answer resolves to a promise on another peer (the shortening case). wrapped: answer [onwardPromise], keeping the promise visible as a desc:import-promise. pipelined: when the next hop is already looked up and delayMs is 0, pass the call on in the same turn and answer the onward call\'s own promise, so the node knows the answer IS a promise another peer hosts (with options.handoffs: shorten it is shortened); otherwise as direct.',
      },
      delayMs: delayMs('forwarding'),
    },
    methods: {},
    anyMethod: true,
  },
  echo: {
    summary: 'Answers its first argument.',
    description: 'every method answers its first argument (null without arguments).',
    config: { delayMs: delayMs('answering') },
    methods: {},
    anyMethod: true,
  },
  recorder: {
    summary: 'Records tagged calls in order.',
    description:
      'records every call (tag and method) in dispatch order and answers itself, so further calls can be pipelined on the answer; log() answers the records. Dispatch order is what perRefFifo judges.',
    config: {},
    methods: { log: 'the records so far: method and tag of every call, in dispatch order' },
    anyMethod: true,
  },
  holder: {
    summary: 'Hands out one promise and settles it later.',
    description: 'get() answers a promise the holder settles later, the same promise for every caller.',
    config: {
      settleAfterMs: { $ref: '#/definitions/nonNegativeMs', description: 'Virtual ms after the first get() at which the promise settles. Omit to never settle.' },
      value: { description: 'Fulfilment value. Default null.' },
      breakWith: { type: 'string', minLength: 1, description: 'Break the promise with this reason instead of fulfilling it.' },
    },
    methods: {
      get: 'the one promise the holder settles later (the same for every caller)',
      getWrapped: 'that promise inside a one-element list, so even a node that answers only after settlement exports it unsettled at once',
      resolveAll: 'fulfils the promise now, with the first argument (default: value); answers true',
      breakAll: 'breaks the promise now, with the first argument as reason (default: breakWith); answers true',
    },
    anyMethod: false,
  },
  counter: {
    summary: 'A counter.',
    description: 'increment(n = 1) answers the new count; get() answers the count.',
    config: { start: { type: 'integer', description: 'Initial count. Default 0.' } },
    methods: { increment: 'adds its argument (default 1) and answers the new count', get: 'answers the count' },
    anyMethod: false,
  },
  thrower: {
    summary: 'Breaks every call.',
    description: "every method throws, so the caller's promise is broken (reason app-error).",
    config: { message: { type: 'string', description: "The error message. Default 'thrower'." } },
    methods: {},
    anyMethod: true,
  },
  failing: {
    summary: 'Passes a call on twice, then throws: a failed turn.',
    description:
      "passes every call (same method, same args) to the same-named object on the next node of the kickoff's route twice, then throws, all in one turn; at the end of a route it only throws. A node with transactional turns writes neither onward call and breaks the caller's promise with the turn's reason (turn-failed).",
    config: { message: { type: 'string', description: "The error message. Default 'failing'." } },
    methods: {},
    anyMethod: true,
  },
};

export const MARK_ROUTE_REVISITS_NODE = 'forward:route-revisits-node';

/** Marks the apps report (`AppContext.mark`). */
export const APP_MARKS: Documented = {
  [MARK_ROUTE_REVISITS_NODE]: 'a forwarder passed a call on along a route that visits the same node twice',
};
