/**
 * Field types of the operation table: how one positional field of an op record is read
 * (validated), written and shown in the operation view.
 * Spec: the CapTP draft's operation fields (which descriptor goes where).
 * Guarantees: `read` throws only `ShapeError` (path relative to the field); `write(read(v))`
 * reproduces v; `writeTo` writes the bytes of `write` and throws (op-writer.ts `WriteRefusal`)
 * exactly when `read` would refuse what it wrote.
 */
import type { Dialect, SyrupValue, SyrupWriter } from '../syrup/index.js';
import { fromSyrup, toSyrup } from './passable-codec.js';
import type { Passable } from './passable-model.js';
import { type RefDesc, type RefDescType, readRefDesc, writeRefDesc } from './descriptors.js';
import {
  type OcapnPeer,
  type PublicKey,
  type Signature,
  readPeer,
  readPublicKey,
  readSignature,
  writePeer,
  writePublicKey,
  writeSignature,
} from './components.js';
import { checkDepth, refuse, writePassableTo, writeRefDescTo } from './op-writer.js';
import { expected, readBool, readList, readNonNegative, readPositive, readString, within } from './shape.js';
import { descView, peerView, positionView, publicKeyView, signatureView, toValueView } from './value-view.js';

export interface FieldType<T> {
  /** What the field holds, in error-message words ("list of non-negative integers"). */
  readonly what: string;
  read(value: SyrupValue, dialect: Dialect): T;
  write(value: T): SyrupValue;
  view(value: T): unknown;
  /**
   * Checks the field against `read`'s rules in the writer's dialect and writes it straight to
   * bytes at nesting `depth`, exactly as `w.value(write(value), depth)` would (op-writer.ts).
   */
  writeTo(value: T, w: SyrupWriter, depth: number): void;
}

export const str: FieldType<string> = {
  what: 'string',
  read: readString,
  write: (s) => s,
  view: (s) => s,
  writeTo: (s, w) => (typeof s === 'string' ? w.string(s) : refuse('expected string')),
};

export const bool: FieldType<boolean> = {
  what: 'boolean',
  read: readBool,
  write: (b) => b,
  view: (b) => b,
  writeTo: (b, w) => (typeof b === 'boolean' ? w.byte(b ? 0x74 : 0x66) : refuse('expected boolean')),
};

/** Table positions and counts: integer ≥ 0 (endo `NonNegativeIntegerCodec`). */
export const position: FieldType<bigint> = {
  what: 'non-negative integer',
  read: readNonNegative,
  write: (n) => n,
  view: positionView,
  writeTo: (n, w) => (typeof n === 'bigint' && n >= 0n ? w.int(n) : refuse('expected non-negative integer')),
};

export const positive: FieldType<bigint> = {
  what: 'positive integer',
  read: readPositive,
  write: (n) => n,
  view: positionView,
  writeTo: (n, w) => (typeof n === 'bigint' && n > 0n ? w.int(n) : refuse('expected positive integer')),
};

/**
 * NEW-ANSWER-POS of op:get/op:index/op:untag: endo's codec demands > 0 (harness/ocapn/README.md, answer positions); the spec and
 * the suite allow 0, so only the endo dialect refuses it.
 */
export const newAnswerPosition: FieldType<bigint> = {
  what: 'answer position',
  read: (v, dialect) => (dialect === 'endo' ? readPositive(v) : readNonNegative(v)),
  write: (n) => n,
  view: positionView,
  writeTo: (n, w) => (typeof n === 'bigint' && (w.dialect === 'endo' ? n > 0n : n >= 0n) ? w.int(n) : refuse('expected answer position')),
};

export function falseOr<T>(inner: FieldType<T>): FieldType<T | false> {
  return {
    what: `false or ${inner.what}`,
    read: (v, dialect) => (v === false ? false : inner.read(v, dialect)),
    write: (x) => (x === false ? false : inner.write(x)),
    view: (x) => (x === false ? false : inner.view(x)),
    writeTo: (x, w, depth) => (x === false ? w.byte(0x66) : inner.writeTo(x, w, depth)),
  };
}

export function listOf<T>(inner: FieldType<T>, plural: string): FieldType<T[]> {
  return {
    what: `list of ${plural}`,
    read: (v, dialect) => {
      if (!Array.isArray(v)) expected('list', v);
      return v.map((item, i) => within(`[${i}]`, () => inner.read(item, dialect)));
    },
    write: (xs) => xs.map((x) => inner.write(x)),
    view: (xs) => xs.map((x) => inner.view(x)),
    writeTo: (xs, w, depth) => {
      if (!Array.isArray(xs)) refuse('expected list');
      checkDepth(depth);
      w.byte(0x5b);
      for (let i = 0; i < xs.length; i++) inner.writeTo(xs[i], w, depth + 1);
      w.byte(0x5d);
    },
  };
}

export function desc<T extends RefDescType>(...allowed: T[]): FieldType<RefDesc<T>> {
  return {
    what: allowed.join(' or '),
    read: (v, dialect) => readRefDesc(v, allowed, dialect),
    write: writeRefDesc,
    view: descView,
    writeTo: (d, w, depth) => {
      if (typeof d !== 'object' || d === null || !(allowed as readonly string[]).includes(d.type)) refuse(`expected ${allowed.join(' or ')}`);
      writeRefDescTo(d, w, depth);
    },
  };
}

/** A list of passables (op:deliver args). */
export const passables: FieldType<Passable[]> = {
  what: 'list of passables',
  read: (v, dialect) => readList(v).map((item, i) => within(`[${i}]`, () => fromSyrup(item, dialect))),
  write: (xs) => xs.map(toSyrup),
  view: (xs) => xs.map(toValueView),
  writeTo: (xs, w, depth) => {
    if (!Array.isArray(xs)) refuse('expected list');
    checkDepth(depth);
    w.byte(0x5b);
    for (let i = 0; i < xs.length; i++) writePassableTo(xs[i], w, depth + 1);
    w.byte(0x5d);
  },
};

/**
 * A component field (one per op:start-session, never hot): written through its value tree,
 * which the component's own reader checks first.
 */
function component<T>(what: string, read: (v: SyrupValue, dialect: Dialect) => T, write: (x: T) => SyrupValue, view: (x: T) => unknown): FieldType<T> {
  return {
    what,
    read,
    write,
    view,
    writeTo: (x, w, depth) => {
      const value = write(x);
      read(value, w.dialect);
      w.value(value, depth);
    },
  };
}

export const publicKey = component<PublicKey>('public key', readPublicKey, writePublicKey, publicKeyView);
export const signature = component<Signature>('signature', readSignature, writeSignature, signatureView);
export const peer = component<OcapnPeer>('ocapn-peer', readPeer, writePeer, peerView);
