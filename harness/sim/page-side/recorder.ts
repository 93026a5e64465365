/**
 * Recorder: appends events to a Recording in the order the page saw them, stamping each with its
 * `seq` and the virtual time. Spec anchor: recording.ts (the contract), docs/architecture.md (the
 * network records, not the node). View: the page. Guarantees: `seq` is dense from 0 and equals
 * the index in `events`; frames are numbered in order of sending over the run and indexed per
 * (connection, direction) from 0; bytes are lowercase hex on `sent` only.
 */
import type { VirtualMs } from '../../ocapn/world.js';
import {
  RECORDING_VERSION,
  type RecordedEvent,
  type RecordedLink,
  type RecordedNode,
  type Recording,
  type RecordingHeader,
  type RunOutcome,
} from '../recording.js';

/** An event as a producer describes it; the recorder adds `seq` and `atMs`. */
export type EventDraft = RecordedEvent extends infer E ? (E extends RecordedEvent ? Omit<E, 'seq' | 'atMs'> : never) : never;

export class Recorder {
  readonly events: RecordedEvent[] = [];

  constructor(private readonly now: () => VirtualMs) {}

  add(draft: EventDraft): RecordedEvent {
    const event = { seq: this.events.length, atMs: this.now(), ...draft } as RecordedEvent;
    this.events.push(event);
    return event;
  }

  finish(header: RecordingHeader, nodes: RecordedNode[], links: RecordedLink[], outcome: RunOutcome): Recording {
    return { version: RECORDING_VERSION, header, nodes, links, events: this.events, outcome };
  }
}
