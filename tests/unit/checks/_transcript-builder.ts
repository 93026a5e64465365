/**
 * Test helper: builds hand-made transcripts (and the Recordings they come from) event by event,
 * so every checker can be shown a run where it must hold and one where it must be violated,
 * without the simulation. Op views follow the wire layer's view (see harness/checks/wire-facts.ts).
 */
import type { AppEvent, CallTag, FaultEvent, Recording, RecordedEvent } from '../../../harness/sim/recording.js';
import type { NodeEvent, TableSnapshot } from '../../../harness/drivers/driver.js';
import { toHex } from '../../../harness/ocapn/syrup/index.js';
import { makeTranscript } from '../../../harness/transcript/from-recording.js';
import type { OpViewJson, Transcript } from '../../../harness/transcript/types.js';

// --- op views -------------------------------------------------------------------------------
export const exp = (n: number) => ({ export: n });
export const ans = (n: number) => ({ answer: n });
export const imo = (n: number) => ({ importObject: n });
export const imp = (n: number) => ({ importPromise: n });
export const sym = (s: string) => ({ symbol: s });
export const op = {
  hello: (designator = 'x'): OpViewJson => ({
    op: 'op:start-session',
    captpVersion: '1.0',
    sessionPubkey: 'ab'.repeat(32),
    location: { transport: 'sim', designator, hints: false },
    locationSig: { r: 'cd'.repeat(32), s: 'ef'.repeat(32) },
  }),
  deliver: (to: object, args: unknown[], answer: number | false = false, resolveMe: object | false = false): OpViewJson => ({
    op: 'op:deliver',
    to,
    args,
    answer,
    resolveMe,
  }),
  fulfill: (resolver: number, value: unknown = null): OpViewJson => ({ op: 'op:deliver', to: exp(resolver), args: [sym('fulfill'), value], answer: false, resolveMe: false }),
  break: (resolver: number, reason = 'boom'): OpViewJson => ({ op: 'op:deliver', to: exp(resolver), args: [sym('break'), { error: reason }], answer: false, resolveMe: false }),
  abort: (reason = 'bye'): OpViewJson => ({ op: 'op:abort', reason }),
  gcExports: (positions: number[], deltas: number[]): OpViewJson => ({ op: 'op:gc-exports', exportPositions: positions, wireDeltas: deltas }),
  gcAnswers: (positions: number[]): OpViewJson => ({ op: 'op:gc-answers', answerPositions: positions }),
  flush: (n: number): OpViewJson => ({ op: 'op:flush', position: n }),
  flushDone: (n: number): OpViewJson => ({ op: 'op:flush-done', position: n }),
  listen: (to: object, resolver: object): OpViewJson => ({ op: 'op:listen', to, resolveMe: resolver, wantsPartial: false }),
};

/** Encodes an op view as fake "bytes" (its JSON) so a Recording can carry it as bytesHex. */
export function fakeBytesHex(view: OpViewJson | string): string {
  const text = typeof view === 'string' ? view : JSON.stringify(view);
  return toHex(new TextEncoder().encode(text));
}

/** The matching fake decoder: JSON bytes → view; anything not JSON with an `op` throws. */
export function fakeDecode(bytes: Uint8Array): OpViewJson {
  const value = JSON.parse(new TextDecoder().decode(bytes)) as OpViewJson;
  if (typeof value?.op !== 'string') throw new Error('not an op record');
  return value;
}

export class TranscriptBuilder {
  private events: RecordedEvent[] = [];
  private nextFrame = 1;
  private nextConn = 1;
  private perDir = new Map<string, number>();
  private frameInfo = new Map<number, { connection: string; source: string; target: string; index: number; length: number }>();
  private conns = new Map<string, { source: string; target: string }>();
  clock = 0;
  results: Recording['outcome']['results'] = {};
  end: Recording['outcome']['end'] = 'quiescent';

  constructor(
    readonly nodes: string[] = ['a', 'b', 'c'],
    readonly header: Partial<Recording['header']> = {},
  ) {}

  /** Loosely typed on purpose: tests also build malformed events; the transcript types check reads. */
  private push(event: { kind: RecordedEvent['kind']; atMs?: number; [key: string]: unknown }): void {
    this.clock = event.atMs ?? this.clock + 1;
    this.events.push({ ...event, seq: this.events.length, atMs: this.clock } as unknown as RecordedEvent);
  }

  connect(source: string, target: string): string {
    const connection = this.open(source, target);
    this.accept(connection);
    return connection;
  }

  /** `source` dials; the connection is not up until `accept`. */
  open(source: string, target: string): string {
    const connection = `c${this.nextConn++}`;
    this.conns.set(connection, { source, target });
    this.push({ kind: 'connection', event: 'open', connection, source, target });
    return connection;
  }

  accept(connection: string): void {
    const { source, target } = this.conns.get(connection)!;
    this.push({ kind: 'connection', event: 'accept', connection, source, target });
  }

  /** Connect and exchange hellos (each delivered): a live session. */
  session(source: string, target: string): string {
    const c = this.connect(source, target);
    this.exchange(c, source, op.hello());
    this.exchange(c, target, op.hello());
    return c;
  }

  closeConnection(connection: string, event: 'close' | 'reset' = 'close', reason?: string): void {
    const { source, target } = this.conns.get(connection)!;
    this.push({ kind: 'connection', event, connection, source, target, ...(reason ? { reason } : {}) });
  }

  /** Writes a frame from `writer` on `connection`; returns its frame number. */
  send(connection: string, writer: string, view: OpViewJson | string): number {
    const { source, target } = this.conns.get(connection)!;
    const reader = writer === source ? target : source;
    const key = `${connection}:${writer}`;
    const index = this.perDir.get(key) ?? 0;
    this.perDir.set(key, index + 1);
    const frame = this.nextFrame++;
    const bytesHex = fakeBytesHex(view);
    const info = { connection, source: writer, target: reader, index, length: bytesHex.length / 2 };
    this.frameInfo.set(frame, info);
    this.push({ kind: 'frame', phase: 'sent', frame, ...info, bytesHex });
    return frame;
  }

  deliver(frame: number): number {
    this.push({ kind: 'frame', phase: 'delivered', frame, ...this.frameInfo.get(frame)! });
    return frame;
  }

  drop(frame: number): void {
    this.push({ kind: 'frame', phase: 'dropped', frame, ...this.frameInfo.get(frame)! });
  }

  exchange(connection: string, writer: string, view: OpViewJson | string): number {
    return this.deliver(this.send(connection, writer, view));
  }

  app(node: string, event: AppEvent['event'], extra: Partial<AppEvent> = {}): void {
    this.push({ kind: 'app', node, event, ...extra });
  }

  originate(node: string, tag: CallTag, kickoff?: string): void {
    this.app(node, 'call-originated', { tag, method: 'm', ...(kickoff ? { kickoff } : {}) });
  }

  dispatch(node: string, tag: CallTag): void {
    this.app(node, 'call-dispatched', { tag, object: 'target' });
  }

  forwarded(node: string, tag: CallTag): void {
    this.app(node, 'call-forwarded', { tag });
  }

  nodeEvent(node: string, event: NodeEvent): void {
    this.push({ kind: 'node', node, event });
  }

  fault(fault: FaultEvent['fault'], nodes: string[], detail?: string): void {
    this.push({ kind: 'fault', fault, nodes, ...(detail ? { detail } : {}) });
  }

  tables(label: string, snapshot: TableSnapshot): void {
    this.push({ kind: 'tables', label, snapshot });
  }

  step(step: string): void {
    this.push({ kind: 'step', index: this.events.filter((e) => e.kind === 'step').length, step });
  }

  recording(): Recording {
    return {
      version: 1,
      header: { scenarioId: 'unit/hand-made', seed: 1, driver: 'reference', options: { dialect: 'spec', flush: 'receiver-initiated' }, mode: 'lock-step', ...this.header },
      nodes: this.nodes.map((name) => ({ name, driver: 'reference' })),
      links: [],
      events: this.events.map((e) => ({ ...e })),
      outcome: { end: this.end, results: this.results },
    };
  }

  build(): Transcript {
    return makeTranscript(this.recording(), { decodeFrame: fakeDecode });
  }
}

export const tag = (sender: string, ref: string, n: number): CallTag => ({ sender, ref, n });
