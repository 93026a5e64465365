/**
 * An index over one transcript that checkers share: frames by number with their send, delivery
 * or drop, per-direction frame lists per connection, and connection lifecycle events.
 * Model: per directed connection, the frames sent and the frames received, in order.
 * View: the network's; `seq` is the global order of events, the only clock checkers compare.
 * Guarantees: pure and linear in the number of events; built once per transcript (memoised).
 */
import type { ArrivedFrame, ConnectionEvent, OpViewJson, SentFrame, Transcript, TranscriptEvent } from '../transcript/types.js';

export interface FrameRecord {
  frame: number;
  sent: SentFrame;
  delivered?: ArrivedFrame;
  dropped?: ArrivedFrame;
}

/** One direction of one connection: frames written by `writer`, read by `reader`. */
export interface Direction {
  connection: string;
  writer: string;
  reader: string;
  /** In write order. */
  sent: SentFrame[];
  /** In delivery order. */
  delivered: ArrivedFrame[];
}

export interface ConnectionInfo {
  id: string;
  source: string;
  target: string;
  events: ConnectionEvent[];
}

export interface TranscriptIndex {
  transcript: Transcript;
  frames: Map<number, FrameRecord>;
  sent: SentFrame[];
  directions: Map<string, Direction>;
  connections: Map<string, ConnectionInfo>;
}

export const directionKey = (connection: string, writer: string): string => `${connection}:${writer}`;

const cache = new WeakMap<Transcript, TranscriptIndex>();

export function indexTranscript(transcript: Transcript): TranscriptIndex {
  const hit = cache.get(transcript);
  if (hit) return hit;
  const index: TranscriptIndex = { transcript, frames: new Map(), sent: [], directions: new Map(), connections: new Map() };
  const direction = (connection: string, writer: string, reader: string): Direction => {
    const key = directionKey(connection, writer);
    let d = index.directions.get(key);
    if (!d) index.directions.set(key, (d = { connection, writer, reader, sent: [], delivered: [] }));
    return d;
  };
  for (const event of transcript.events) {
    if (event.kind === 'connection') {
      let c = index.connections.get(event.connection);
      if (!c) index.connections.set(event.connection, (c = { id: event.connection, source: event.source, target: event.target, events: [] }));
      c.events.push(event);
    } else if (event.kind === 'frame') {
      if (event.phase === 'sent') {
        index.sent.push(event);
        index.frames.set(event.frame, { frame: event.frame, sent: event });
        direction(event.connection, event.source, event.target).sent.push(event);
      } else {
        const rec = index.frames.get(event.frame);
        // An arrival with no recorded send is itself evidence (channelPrefix reports it).
        if (rec) rec[event.phase] = event;
        if (event.phase === 'delivered') direction(event.connection, event.source, event.target).delivered.push(event);
      }
    }
  }
  cache.set(transcript, index);
  return index;
}

/** The decoded op of a frame number (undefined if not decodable or unknown). */
export function opOfFrame(index: TranscriptIndex, frame: number): OpViewJson | undefined {
  return index.frames.get(frame)?.sent.op;
}

export function framesOf(events: readonly TranscriptEvent[]): number[] {
  return events.flatMap((e) => (e.kind === 'frame' ? [e.frame] : []));
}

/** Faults after which a node's incarnation is over: it holds no sessions, connections or tables
 * (the steps that say so: harness/scenario/steps/). */
export { ENDS_INCARNATION } from '../scenario/steps/index.js';

/** Unordered pair key for two node names. */
export const pairKey = (a: string, b: string): string => (a < b ? `${a}|${b}` : `${b}|${a}`);
