/**
 * The transcript: the canonical, diff-friendly record of one case (scenario × seed × driver),
 * built from the simulation's Recording. Frames carry the readable operation view of their bytes
 * (decoded by the wire layer) so goldens, checkers and reports never look at raw bytes again.
 * Spec anchor: docs/architecture.md (transcript stage), harness/checks/README.md (what the
 * checkers need).
 * View: the network's (frames are recorded by the page, not by nodes).
 * Contract version: bump TRANSCRIPT_VERSION on any substantive change (the JSON Schema at
 * fixtures/schemas/transcript.schema.json carries the same number).
 */
import type {
  AppEvent,
  ConnectionEvent,
  FaultEvent,
  NodeEventRecord,
  RecordedLink,
  RecordedNode,
  RunOutcome,
  StepEvent,
  TablesEvent,
} from '../sim/recording.js';

export const TRANSCRIPT_VERSION = 1;

/**
 * The readable operation view of one frame, as the wire layer produces it (`toOpView`). The
 * transcript treats it as opaque JSON with a string `op` label; the schema states each op's
 * shape. Kept structural here so this layer does not depend on the view's TypeScript type.
 */
export interface OpViewJson {
  op: string;
  [field: string]: unknown;
}

export interface TranscriptHeader {
  transcriptVersion: typeof TRANSCRIPT_VERSION;
  harnessVersion: string;
  recordingVersion: number;
  scenarioId: string;
  seed: number;
  driver: string;
  options: { dialect: string; flush: string; strictForwarding?: boolean };
  mode: 'lock-step' | 'free-run';
}

interface FrameBase {
  seq: number;
  atMs: number;
  kind: 'frame';
  frame: number;
  connection: string;
  index: number;
  source: string;
  target: string;
  length: number;
}

/** A frame as written. `op` when the bytes decode; otherwise `decodeError` and the raw `hex`:
 * an undecodable frame is evidence, never a crash. `sha256` pins the exact bytes (the op view
 * alone would hide e.g. a different signature). */
export type SentFrame = FrameBase & {
  phase: 'sent';
  sha256: string;
  op?: OpViewJson;
  decodeError?: string;
  hex?: string;
};

/** Delivery or drop of a frame sent earlier; `label` repeats the op label for readability. */
export type ArrivedFrame = FrameBase & {
  phase: 'delivered' | 'dropped';
  label?: string;
};

export type TranscriptFrame = SentFrame | ArrivedFrame;

export type TranscriptEvent =
  | TranscriptFrame
  | ConnectionEvent
  | AppEvent
  | NodeEventRecord
  | FaultEvent
  | StepEvent
  | TablesEvent;

export interface Transcript {
  header: TranscriptHeader;
  nodes: RecordedNode[];
  links: RecordedLink[];
  outcome: RunOutcome;
  events: TranscriptEvent[];
}

/** Frames whose bytes did not decode are labelled with this in `label` and in op-based lookups. */
export const UNDECODED_LABEL = '(undecoded)';

// Re-exported so checks/ and report/ read recording shapes through this layer (imports flow one
// way: checks → transcript → sim).
export type {
  AppEvent,
  CallTag,
  ConnectionEvent,
  FaultEvent,
  NodeEventRecord,
  RecordedLink,
  RecordedNode,
  Recording,
  RunOutcome,
  StepEvent,
  TablesEvent,
} from '../sim/recording.js';
export type TableSnapshot = TablesEvent['snapshot'];
export type NodeEvent = NodeEventRecord['event'];
