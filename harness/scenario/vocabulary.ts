/**
 * The scenario language's own closed vocabularies, each written once with its documentation:
 * the small enums of options, steps and expectations (the step and fault kinds themselves are
 * modules of their own: steps/). The JSON Schema's enums and descriptions are generated from
 * these (`npm run schema`), the Plan's types derive from them, and the simulation and the checks
 * read their properties instead of listing names again.
 * Why a leaf module: the simulation, transcripts and checks may import it (like plan.ts) without
 * seeing the rest of the scenario layer. Vocabularies owned by other layers (operation labels,
 * marks, apps, checks, drivers) live with their code; `harness/tools/schemas.ts` gathers them.
 */

import { BREAK_CATEGORIES, type BreakCategory } from '../ocapn/break-reason.js';

/** A JSON Schema fragment (draft-07), as plain data. */
export type SchemaFragment = { [keyword: string]: unknown };

/** Name → one-line documentation: the shape of every registry. */
export type Documented<K extends string = string> = Readonly<Record<K, string>>;

/** An enum whose values are documented one by one (VS Code shows `enumDescriptions` on hover). */
export function documentedEnum(named: Documented, description: string): SchemaFragment {
  return { type: 'string', enum: Object.keys(named), enumDescriptions: Object.values(named), description };
}

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

/** How a partition treats frames: held until heal, or dropped with the connection reset. */
export const PARTITION_MODES = {
  drop: 'frames in flight and written while cut are lost and the current connection is reset (both ends see it end)',
  hold: 'frames written while cut wait at the cut and flow, in order, when the link heals; connections stay open',
} as const satisfies Documented;
export type PartitionMode = keyof typeof PARTITION_MODES;

/**
 * Why a result may end broken: categories, so expectations survive message wording. Declared
 * once, where the reference node that gives them can read it (harness/ocapn/break-reason.ts);
 * the schema's enum, the drivers' message rules (harness/checks/break-rules.ts) and the checks
 * read it through here.
 */
export { BREAK_CATEGORIES };
export type BrokenReason = BreakCategory;

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
export type CorruptPart = keyof typeof CORRUPT_PARTS;

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
