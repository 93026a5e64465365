/**
 * Field types of the operation table: how one positional field of an op record is read
 * (validated), written and shown in the operation view.
 * Spec: the CapTP draft's operation fields (which descriptor goes where).
 * Guarantees: `read` throws only `ShapeError` (path relative to the field); `write(read(v))`
 * reproduces v.
 */
import type { Dialect, SyrupValue, SyrupWriter } from '../syrup/index.js';
import { fromSyrup, toSyrup } from '../passable/codec.js';
import type { Passable } from '../passable/model.js';
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
import { writePassableTo, writeRefDescTo } from './op-writer.js';
import { expected, readBool, readList, readNonNegative, readPositive, readString, within } from './shape.js';
import { descView, peerView, positionView, publicKeyView, signatureView, toValueView } from './value-view.js';

export interface FieldType<T> {
  /** What the field holds, in error-message words ("list of non-negative integers"). */
  readonly what: string;
  read(value: SyrupValue, dialect: Dialect): T;
  write(value: T): SyrupValue;
  view(value: T): unknown;
  /**
   * Writes the field straight to bytes at nesting `depth`, exactly as `w.value(write(value), depth)`
   * would (op-writer.ts); types without it go through `write`.
   */
  writeTo?(value: T, w: SyrupWriter, depth: number): void;
}

export const str: FieldType<string> = { what: 'string', read: readString, write: (s) => s, view: (s) => s };

export const bool: FieldType<boolean> = { what: 'boolean', read: readBool, write: (b) => b, view: (b) => b };

/** Table positions and counts: integer ≥ 0 (endo `NonNegativeIntegerCodec`). */
export const position: FieldType<bigint> = {
  what: 'non-negative integer',
  read: readNonNegative,
  write: (n) => n,
  view: positionView,
};

export const positive: FieldType<bigint> = { what: 'positive integer', read: readPositive, write: (n) => n, view: positionView };

/**
 * NEW-ANSWER-POS of op:get/op:index/op:untag: endo's codec demands > 0 (harness/ocapn/README.md, answer positions); the spec and
 * the suite allow 0, so only the endo dialect refuses it.
 */
export const newAnswerPosition: FieldType<bigint> = {
  what: 'answer position',
  read: (v, dialect) => (dialect === 'endo' ? readPositive(v) : readNonNegative(v)),
  write: (n) => n,
  view: positionView,
};

export function falseOr<T>(inner: FieldType<T>): FieldType<T | false> {
  return {
    what: `false or ${inner.what}`,
    read: (v, dialect) => (v === false ? false : inner.read(v, dialect)),
    write: (x) => (x === false ? false : inner.write(x)),
    view: (x) => (x === false ? false : inner.view(x)),
    writeTo: (x, w, depth) => {
      if (x === false) w.byte(0x66);
      else if (inner.writeTo) inner.writeTo(x, w, depth);
      else w.value(inner.write(x), depth);
    },
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
  };
}

export function desc<T extends RefDescType>(...allowed: T[]): FieldType<RefDesc<T>> {
  return {
    what: allowed.join(' or '),
    read: (v, dialect) => readRefDesc(v, allowed, dialect),
    write: writeRefDesc,
    view: descView,
    writeTo: (d, w) => writeRefDescTo(d, w),
  };
}

/** A list of passables (op:deliver args). */
export const passables: FieldType<Passable[]> = {
  what: 'list of passables',
  read: (v, dialect) => readList(v).map((item, i) => within(`[${i}]`, () => fromSyrup(item, dialect))),
  write: (xs) => xs.map(toSyrup),
  view: (xs) => xs.map(toValueView),
  writeTo: (xs, w, depth) => {
    w.byte(0x5b);
    for (let i = 0; i < xs.length; i++) writePassableTo(xs[i], w, depth + 1);
    w.byte(0x5d);
  },
};

export const publicKey: FieldType<PublicKey> = { what: 'public key', read: readPublicKey, write: writePublicKey, view: publicKeyView };
export const signature: FieldType<Signature> = { what: 'signature', read: readSignature, write: writeSignature, view: signatureView };
export const peer: FieldType<OcapnPeer> = { what: 'ocapn-peer', read: readPeer, write: writePeer, view: peerView };
