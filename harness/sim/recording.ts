/**
 * The Recording: what the page saw during one case (scenario × seed × driver), as plain JSON
 * data. The simulation produces it; harness/transcript turns it into the canonical transcript
 * (decoding frame bytes into operation views) and the checkers read that.
 * Frames are recorded by the network, not by nodes (docs/architecture.md), so the same recording
 * format serves every driver.
 * Contract version: bump RECORDING_VERSION on any substantive change.
 */
import type { RecordedFault } from '../scenario/plan.js';
import type { NodeEvent, TableSnapshot } from '../drivers/driver.js';
import type { VirtualMs } from '../ocapn/world.js';
import type { BreakCategory } from '../ocapn/break-reason.js';

export const RECORDING_VERSION = 1;

export interface RecordingHeader {
  scenarioId: string;
  seed: number;
  driver: string;
  options: { dialect: string; flush: string; strictForwarding?: boolean };
  /** Free-run recordings are non-deterministic and judged by checks only (no golden). */
  mode: 'lock-step' | 'free-run';
  /** Implementations from outside the harness the run used (an endo checkout), with what shapes
   * their bytes; absent when every node is the harness's own. Filled in on the Node side. */
  implementations?: ImplementationRecord[];
}

/** One outside implementation a run used: its driver column, package, commit, third-party versions. */
export interface ImplementationRecord {
  driver: string;
  package: string;
  version?: string;
  commit?: string;
  thirdParty: Record<string, string>;
}

export interface RecordedNode {
  name: string;
  driver: string;
}

export interface RecordedLink {
  /** Directed: frames from `source` to `target`. */
  source: string;
  target: string;
  /** Human summary of the latency model, e.g. `uniform 50..500 ms`. */
  latency: string;
}

/** Every event carries its virtual time and its index in `events` order (`seq`). */
interface EventBase {
  seq: number;
  atMs: VirtualMs;
}

/** A connection is one OCapN transport channel between two nodes; `id` is stable per run
 * (`c1`, `c2`, … in order of opening). `source` dialled `target`. */
export type ConnectionEvent = EventBase & {
  kind: 'connection';
  event: 'open' | 'accept' | 'close' | 'reset';
  connection: string;
  source: string;
  target: string;
  /** For close/reset: who initiated it and why (`killed`, `partition`, `reset fault`, ...). */
  reason?: string;
};

/**
 * One message on one connection. `sent` when the writer wrote it, `delivered` when the reader's
 * node was handed it, `dropped` when the connection died first. `frame` numbers messages in
 * order of sending over the whole run; `index` counts per (connection, direction) from 0.
 */
export type FrameEvent = EventBase & {
  kind: 'frame';
  phase: 'sent' | 'delivered' | 'dropped';
  frame: number;
  connection: string;
  index: number;
  source: string;
  target: string;
  /** Only on `sent`: the exact bytes, lowercase hex. */
  bytesHex?: string;
  length: number;
};

/**
 * Application events. Every call the harness originates carries a tag {sender, ref, n}; apps
 * report when a tagged call is dispatched, so ordering can be followed through forwarding.
 */
export interface CallTag {
  sender: string;
  ref: string;
  n: number;
}

export type AppEvent = EventBase & {
  kind: 'app';
  node: string;
  event: 'call-originated' | 'call-dispatched' | 'call-forwarded' | 'settled' | 'log';
  /** The object (app instance name) involved. */
  object?: string;
  method?: string;
  tag?: CallTag;
  /** Kickoff name for originated calls and their settlements. */
  kickoff?: string;
  outcome?: 'fulfilled' | 'broken';
  /** Fulfilled value as JSON-friendly data, or the break reason (error message). */
  value?: unknown;
  reason?: string;
  /** The break's category when the node gave one (the reference node and its mutants do; endo,
   * Goblins and external peers give text only, which harness/checks/break-rules.ts reads). */
  category?: BreakCategory;
};

export type NodeEventRecord = EventBase & { kind: 'node'; node: string; event: NodeEvent };

/** `corrupt` (added in version 1, additive): the network altered a frame's bytes on the wire; the
 * frame's `sent` event that follows shows the altered bytes. */
export type FaultEvent = EventBase & {
  kind: 'fault';
  fault: RecordedFault;
  nodes: string[];
  detail?: string;
};

export type StepEvent = EventBase & { kind: 'step'; index: number; step: string };

/** How the step note of a free run stopped at its wall deadline begins (free-run.ts writes it
 * after the last step it ran; the judge fails the case on it, naming what was still busy). */
export const WALL_DEADLINE_NOTE = 'run stopped:';

export type TablesEvent = EventBase & { kind: 'tables'; label: string; snapshot: TableSnapshot };

export type RecordedEvent = ConnectionEvent | FrameEvent | AppEvent | NodeEventRecord | FaultEvent | StepEvent | TablesEvent;

export interface RunOutcome {
  /** How the run ended. */
  end: 'quiescent' | 'deadline' | 'crashed';
  /** For `crashed`: which node, what it threw, and the replay command. */
  error?: { node?: string; message: string; replay: string };
  /** Results of named kickoffs. */
  results: Record<string, { outcome: 'fulfilled' | 'broken' | 'pending'; value?: unknown; reason?: string; category?: BreakCategory }>;
}

export interface Recording {
  version: typeof RECORDING_VERSION;
  header: RecordingHeader;
  nodes: RecordedNode[];
  links: RecordedLink[];
  events: RecordedEvent[];
  outcome: RunOutcome;
}
