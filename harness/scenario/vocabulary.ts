/**
 * The scenario language's own closed vocabularies, each written once with its documentation:
 * fault kinds (with the step shape, node lifecycle and link effect each one has), the small
 * enums of options and expectations. The JSON Schema's enums and descriptions are generated from
 * these (`npm run schema`), the Plan's types derive from them, and the simulation and the checks
 * read their properties instead of listing names again.
 * Why a leaf module: the simulation, transcripts and checks may import it (like plan.ts) without
 * seeing the rest of the scenario layer. Vocabularies owned by other layers (operation labels,
 * marks, apps, checks, drivers) live with their code; `harness/tools/schemas.ts` gathers them.
 */

/** A JSON Schema fragment (draft-07), as plain data. */
export type SchemaFragment = { [keyword: string]: unknown };

/** Name → one-line documentation: the shape of every registry. */
export type Documented<K extends string = string> = Readonly<Record<K, string>>;

/** One app of the library as the language sees it. */
export interface AppSpec {
  /** What the app does, one paragraph (hover on the app's map). */
  description: string;
  /** A few words (hover on the app name). */
  summary: string;
  /** Configuration keys besides `app`, as schema fragments with descriptions. */
  config: Record<string, SchemaFragment>;
  /** Methods with behaviour of their own. */
  methods: Documented;
  /** True when any other method gets the app's generic behaviour; false: only `methods` exist. */
  anyMethod: boolean;
}

type NodeState = 'running' | 'paused' | 'down';

interface FaultBase {
  description: string;
  /** After this fault the pair's next traffic must open a new session (judged by reconnectsAfter). */
  reconnects?: 'always' | 'when-the-connection-ended';
}

/** A fault on one node, written `<kind>: <node>`; `lifecycle` is the node-state transition it makes. */
export interface NodeFault extends FaultBase {
  operand: 'node';
  lifecycle: { from: readonly NodeState[]; to: NodeState; needs: string };
}

/** A fault on the connection between two nodes, written `<kind>: [a, b]`. */
export interface PairFault extends FaultBase {
  operand: 'pair';
  /** cut: the pair is partitioned until a heal; heal: ends a cut. */
  link?: 'cut' | 'heal';
  /** A map form besides `[a, b]` (its keys, `between` holding the pair). */
  options?: Record<string, SchemaFragment>;
}

/** A fault with its own shape (normalised and checked by name). */
export interface ShapedFault extends FaultBase {
  operand: 'shaped';
  schema: SchemaFragment;
}

export type FaultSpec = NodeFault | PairFault | ShapedFault;

/** How a partition treats frames: held until heal, or dropped with the connection reset. */
export const PARTITION_MODES = {
  drop: 'frames in flight and written while cut are lost and the current connection is reset (both ends see it end)',
  hold: 'frames written while cut wait at the cut and flow, in order, when the link heals; connections stay open',
} as const satisfies Documented;
export type PartitionMode = keyof typeof PARTITION_MODES;

/**
 * Why a result may end broken: categories, so expectations survive message wording. THE one
 * declaration of the category hierarchy: `broader` names the umbrella categories a narrower one
 * also satisfies (an expectation of `connection-lost` accepts a `reset`). The schema's enum and
 * its description, the message rules of each driver (harness/checks/break-rules.ts) and the
 * checks read it from here.
 */
export const BREAK_CATEGORIES = {
  'connection-lost': { broader: [], description: 'the connection died (kill, reset, stall, partition); the narrower inactivity, reset and closed satisfy it too' },
  inactivity: { broader: ['connection-lost'], description: 'the peer owed a reply and sent nothing for the inactivity timeout, so the session was aborted (a stall, a silent partition)' },
  reset: { broader: ['connection-lost'], description: 'the transport broke under the session (an RST: kill, reset fault, dropped partition)' },
  closed: { broader: ['connection-lost'], description: 'the peer closed the connection gracefully (a FIN: stop, shutdown)' },
  'session-aborted': { broader: [], description: 'op:abort was sent or received' },
  'peer-restarted': { broader: [], description: 'the peer came back as a new incarnation' },
  unreachable: { broader: [], description: 'no connection could be made' },
  'app-error': { broader: [], description: "the target's method threw" },
  'no-method': { broader: [], description: 'the target has no method by that name (or was called as a function and is not one)' },
  'flush-rejected': { broader: [], description: 'a pending flush ended with its session' },
  'turn-failed': { broader: [], description: 'the target ran a turn that threw after queueing sends; the node discarded them and reports the turn failed' },
} as const satisfies Record<string, { broader: readonly string[]; description: string }>;
export type BrokenReason = keyof typeof BREAK_CATEGORIES;

/** Category → its documentation line (the schema enum's descriptions). */
export const BROKEN_REASONS: Documented<BrokenReason> = Object.fromEntries(
  Object.entries(BREAK_CATEGORIES).map(([name, c]) => [name, c.description]),
) as Record<BrokenReason, string>;

/** A category and every broader one it satisfies, narrowest first. */
export function withBroader(category: BrokenReason): BrokenReason[] {
  return [category, ...(BREAK_CATEGORIES[category].broader as readonly BrokenReason[])];
}

/** Where an event wait (frame, mark, kickoff) starts counting matches. */
export const WAIT_SINCE = {
  step: 'only matches that happen after the wait starts (the default)',
  start: 'matches since the run started, including ones before this wait',
} as const satisfies Documented;
export type WaitSince = keyof typeof WAIT_SINCE;

export const RESTART_MODES = {
  keep: 'same persistent state, same incarnation',
  fresh: 'empty state, a new incarnation',
} as const satisfies Documented;
export type RestartMode = keyof typeof RESTART_MODES;

export const CORRUPT_PARTS = {
  signature: "flip one bit of the frame's signature bytes",
} as const satisfies Documented;

/**
 * Every fault a step can inject. Adding one: an entry here, its effect in
 * `harness/sim/run-steps.ts` (`FAULT_EFFECTS`), `npm run schema`, and a test.
 */
export const FAULTS = {
  pause: {
    operand: 'node',
    description: 'Stop delivering frames and timers to the node; they queue.',
    lifecycle: { from: ['running'], to: 'paused', needs: 'running' },
  },
  resume: {
    operand: 'node',
    description: 'Deliver what queued while paused, in order.',
    lifecycle: { from: ['paused'], to: 'running', needs: 'paused' },
  },
  kill: {
    operand: 'node',
    description: 'Abrupt death: in-flight frames are lost, peers see their connections reset.',
    lifecycle: { from: ['running', 'paused'], to: 'down', needs: 'up' },
  },
  stop: {
    operand: 'node',
    description: 'Graceful shutdown: the node closes its sessions and sends nothing after.',
    lifecycle: { from: ['running', 'paused'], to: 'down', needs: 'up' },
  },
  restart: {
    operand: 'shaped',
    description: 'Start a killed or stopped node again under the same identity.',
    schema: {
      type: 'object',
      additionalProperties: false,
      required: ['node'],
      properties: {
        node: { $ref: '#/definitions/name', description: 'The node.' },
        mode: { enum: Object.keys(RESTART_MODES), enumDescriptions: Object.values(RESTART_MODES), description: 'keep: same persistent state, same incarnation. fresh: empty state, a new incarnation. Default fresh.' },
      },
    },
  },
  partition: {
    operand: 'pair',
    link: 'cut',
    reconnects: 'when-the-connection-ended',
    description:
      'Cut the link [a, b] until a heal step. Written [a, b] or {between: [a, b], mode}. mode drop (default): frames in flight are lost, the current connection is reset and new connections are refused, so traffic after the heal opens a new session. mode hold: frames wait at the cut and flow in order on heal; connections stay open.',
    options: {
      mode: { enum: Object.keys(PARTITION_MODES), enumDescriptions: Object.values(PARTITION_MODES), description: 'drop (default): frames are lost and the connection is reset. hold: frames wait at the cut until heal.' },
    },
  },
  heal: {
    operand: 'pair',
    link: 'heal',
    description: 'Heal a partitioned link [a, b]; held frames flow in order.',
  },
  stall: {
    operand: 'shaped',
    reconnects: 'when-the-connection-ended',
    description: 'The connection stays open but carries nothing for a while.',
    schema: {
      type: 'object',
      additionalProperties: false,
      required: ['link', 'forMs'],
      properties: {
        link: { $ref: '#/definitions/linkPair' },
        forMs: { $ref: '#/definitions/nonNegativeMs', description: 'How long, in virtual ms.' },
      },
    },
  },
  reset: {
    operand: 'pair',
    reconnects: 'always',
    description: 'Reset the current connection [a, b] (like a TCP RST); in-flight frames are lost.',
  },
  corrupt: {
    operand: 'shaped',
    description: 'The network alters the next matching frame from source to target.',
    schema: {
      type: 'object',
      additionalProperties: false,
      required: ['source', 'target', 'frame', 'part'],
      properties: {
        source: { $ref: '#/definitions/name', description: 'Sending node.' },
        target: { $ref: '#/definitions/name', description: 'Receiving node.' },
        frame: { $ref: '#/definitions/opLabel', description: 'Operation label of the frame to alter.' },
        part: { enum: Object.keys(CORRUPT_PARTS), enumDescriptions: Object.values(CORRUPT_PARTS), description: "What to alter. signature: flip one bit of the frame's signature bytes." },
      },
    },
  },
} as const satisfies Record<string, FaultSpec>;

export type FaultKind = keyof typeof FAULTS;
type KindsWith<O extends FaultSpec['operand']> = { [K in FaultKind]: (typeof FAULTS)[K]['operand'] extends O ? K : never }[FaultKind];
export type NodeFaultKind = KindsWith<'node'>;
export type PairFaultKind = KindsWith<'pair'>;

export const FAULT_KINDS = Object.keys(FAULTS) as FaultKind[];

export function isFaultKind(word: string): word is FaultKind {
  return Object.hasOwn(FAULTS, word);
}

export function getFault(kind: FaultKind): FaultSpec {
  return FAULTS[kind];
}

/** The `fault` event a recording carries: the step's kind, a restart with its mode. */
export type RecordedFault = Exclude<FaultKind, 'restart'> | `restart-${RestartMode}`;

/** Recorded faults after which the pair must reconnect (reconnectsAfter). */
export function getReconnectRule(fault: string): FaultBase['reconnects'] {
  return isFaultKind(fault) ? getFault(fault).reconnects : undefined;
}

/**
 * Fault kinds `explore` may inject into a run, each as its own group of steps at a seeded virtual
 * time before the scenario's own steps. A scenario's `explore.faults` picks among these.
 */
export const EXPLORE_FAULTS = {
  partition: 'a drop partition of a pair, healed 5..104 ms later',
  stall: 'a stall of a pair for 5..104 ms',
  restart: 'a kill of a node, restarted fresh 5..104 ms later; never a node that sends kickoffs, is external, or that the steps start or stop',
} as const satisfies Documented;
export type ExploreFaultKind = keyof typeof EXPLORE_FAULTS;
export const EXPLORE_FAULT_KINDS = Object.keys(EXPLORE_FAULTS) as ExploreFaultKind[];

/** Injected faults per explored run when a scenario does not say (`explore.maxFaults`). */
export const EXPLORE_MAX_FAULTS = 2;

/**
 * Size limits of the language, so a runaway file fails fast with a clear message instead of a
 * 50 MB transcript. Scenarios describe one situation; the largest in the pack is a few KB with a
 * handful of nodes and tens of sends.
 */
export const LIMITS = {
  /** Bytes of one scenario or fragment file. */
  fileBytes: 256 * 1024,
  /** Nodes in a topology. */
  nodes: 32,
  /** Kickoff entries in a scenario. */
  kickoffs: 200,
  /** Sends over all kickoffs (the sum of their counts). */
  sends: 2000,
  /** Frames delivered in one run; the run stops with an error past it. */
  framesPerRun: 50_000,
} as const;
