/**
 * Recording → Transcript: decode every sent frame into its operation view, hash its bytes, and
 * copy every other event through unchanged (they are already plain, deterministic data).
 * Spec anchor: docs/architecture.md ("Recording → Transcript"); fixtures/schemas/transcript.schema.json.
 * View: the network's. Frames are decoded once, here; nothing downstream touches bytes.
 * Guarantees: never throws on a bad frame (the decode error and the hex are kept as evidence);
 * the output depends only on the Recording (no clock, no randomness, no environment).
 */
import { sha256 } from '@noble/hashes/sha2.js';
import type { FrameEvent, Recording, RecordedEvent } from '../sim/recording.js';
import {
  TRANSCRIPT_VERSION,
  UNDECODED_LABEL,
  type OpViewJson,
  type SentFrame,
  type Transcript,
  type TranscriptEvent,
  type TranscriptFrame,
} from './types.js';
import { hexToBytes, toHex } from '../ocapn/syrup/index.js';
import { HARNESS_VERSION } from './version.js';
import { makeWireDecoder } from './wire-decoder.js';

/** Turns one frame's bytes into its operation view; throws (any error) when they do not decode. */
export type FrameDecoder = (bytes: Uint8Array) => OpViewJson;

export interface MakeTranscriptOptions {
  /** Default: the wire layer's decoder in the recording's dialect (`wire-decoder.ts`). */
  decodeFrame?: FrameDecoder;
}

function convertSent(event: FrameEvent, decodeFrame: FrameDecoder): SentFrame {
  const { bytesHex, ...rest } = event;
  const bytes = hexToBytes(bytesHex ?? '');
  const out: SentFrame = { ...rest, phase: 'sent', sha256: toHex(sha256(bytes)) };
  try {
    const op = decodeFrame(bytes);
    if (typeof op?.op !== 'string') throw new Error('decoder returned no op label');
    out.op = op;
  } catch (error) {
    out.decodeError = error instanceof Error ? error.message : String(error);
    out.hex = bytesHex ?? '';
  }
  return out;
}

function convertEvent(event: RecordedEvent, labels: Map<number, string>, decodeFrame: FrameDecoder): TranscriptEvent {
  if (event.kind !== 'frame') return event;
  if (event.phase === 'sent') {
    const sent = convertSent(event, decodeFrame);
    labels.set(sent.frame, sent.op?.op ?? UNDECODED_LABEL);
    return sent;
  }
  const { bytesHex: _ignored, ...rest } = event;
  const arrived: TranscriptFrame = { ...rest, phase: event.phase };
  const label = labels.get(event.frame);
  if (label !== undefined) arrived.label = label;
  return arrived;
}

export function makeTranscript(recording: Recording, options: MakeTranscriptOptions = {}): Transcript {
  const labels = new Map<number, string>();
  const { header } = recording;
  const decodeFrame = options.decodeFrame ?? makeWireDecoder(header.options.dialect);
  return {
    header: {
      transcriptVersion: TRANSCRIPT_VERSION,
      harnessVersion: HARNESS_VERSION,
      recordingVersion: recording.version,
      scenarioId: header.scenarioId,
      seed: header.seed,
      driver: header.driver,
      options: header.options,
      mode: header.mode,
      ...(header.implementations ? { implementations: header.implementations } : {}),
    },
    nodes: recording.nodes,
    links: recording.links,
    outcome: recording.outcome,
    events: recording.events.map((e) => convertEvent(e, labels, decodeFrame)),
  };
}
