/**
 * The four tables of one CapTP session, plus gifts.
 * Spec: CapTP draft "Descriptors", "op:gc-exports", "op:gc-answers".
 * View: ours. Exports and questions are numbered by us (`LocallyNumbered`); imports and answers
 * by the peer (`PeerNumbered`). Export and answer numbers are separate namespaces.
 * Guarantees: positions we allocate are never reused within a session; a refcount never goes
 * below zero (the caller checks wire deltas before `drop`).
 * Elsewhere: what the entries mean on the wire (captp/marshal.ts), flush slot swaps
 * (flush/receiver-initiated.ts).
 */
import type { Outcome } from './invoke.js';

export type RefKind = 'object' | 'promise';

/** An object or promise we host, as the peer sees it at `desc:export N`. */
export interface ExportEntry {
  position: bigint;
  kind: RefKind;
  /** Swapped (same position, same refcount) by a receiver-initiated op:flush. */
  value: object;
  /** Times sent since introduced, minus wire deltas received back (op:gc-exports). Bootstrap: 0, uncounted. */
  refcount: number;
  /** Promises only: set when the local promise settles. */
  settled?: 'fulfilled' | 'broken';
}

/** Something the peer hosts; `value` is our presence (object) or HandledPromise (promise). */
export interface ImportEntry {
  position: bigint;
  kind: RefKind;
  value: object;
  /** Times received since our last op:gc-exports for it (the wire delta we owe). */
  refcount: number;
  settled?: 'fulfilled' | 'broken';
  /** Promise imports: rejects the HandledPromise when the session ends. */
  reject?: (reason: Error) => void;
  resolve?: (value: unknown) => void;
}

/** A question the peer asked us (`answer-pos` it chose); `promise` is our local result. */
export interface AnswerEntry {
  position: bigint;
  promise: Promise<unknown>;
  /** Shortening nodes: the boxed return of the delivery, so calls on the answer can go straight
   * on to another peer's promise (session/dispatch.ts, pipelineOnward). */
  outcome?: Promise<Outcome>;
  settled?: 'fulfilled' | 'broken';
}

/** A question we asked (we chose the answer position). */
export interface QuestionEntry {
  position: bigint;
  promise: Promise<unknown>;
  settled?: 'fulfilled' | 'broken';
  reject: (reason: Error) => void;
  resolve: (value: unknown) => void;
  /** Set when the answer was one of the peer's promises (an import); `flush` follows it. */
  resolvedTo?: object;
}

export interface GiftEntry {
  id: string;
  value: object;
}

/** Numbers the peer chose: no allocation, only lookups. */
export class PeerNumbered<E extends { position: bigint }> {
  readonly byPosition = new Map<bigint, E>();

  add(entry: E): E {
    this.byPosition.set(entry.position, entry);
    return entry;
  }

  get(position: bigint): E | undefined {
    return this.byPosition.get(position);
  }

  drop(position: bigint): void {
    this.byPosition.delete(position);
  }

  /** Entries by ascending position: introspection must not depend on insertion history. */
  sorted(): E[] {
    return [...this.byPosition.values()].sort((a, b) => (a.position < b.position ? -1 : a.position > b.position ? 1 : 0));
  }
}

/** Numbers we choose: the same lookups, plus a counter that only goes up. */
export class LocallyNumbered<E extends { position: bigint }> extends PeerNumbered<E> {
  private next: bigint;

  constructor(first: bigint) {
    super();
    this.next = first;
  }

  takeNextPosition(): bigint {
    return this.next++;
  }
}


export class ExportTable extends LocallyNumbered<ExportEntry> {
  /** Reverse map so the same object sent twice reuses its position. Cleared when dropped. */
  readonly byValue = new Map<object, ExportEntry>();

  constructor() {
    super(1n); // 0 is the bootstrap object
  }

  override add(entry: ExportEntry): ExportEntry {
    super.add(entry);
    this.byValue.set(entry.value, entry);
    return entry;
  }

  override drop(position: bigint): void {
    const entry = this.get(position);
    if (entry) this.byValue.delete(entry.value);
    super.drop(position);
  }

  /** Puts `value` in the slot of `position`, keeping everything else (op:flush, flush/receiver-initiated.ts). */
  swap(position: bigint, value: object): ExportEntry | undefined {
    const entry = this.get(position);
    if (!entry) return undefined;
    this.byValue.delete(entry.value);
    entry.value = value;
    entry.settled = undefined;
    this.byValue.set(value, entry);
    return entry;
  }
}

export class ImportTable extends PeerNumbered<ImportEntry> {
  readonly byValue = new Map<object, ImportEntry>();

  override add(entry: ImportEntry): ImportEntry {
    super.add(entry);
    this.byValue.set(entry.value, entry);
    return entry;
  }

  override drop(position: bigint): void {
    const entry = this.get(position);
    if (entry) this.byValue.delete(entry.value);
    super.drop(position);
  }
}
