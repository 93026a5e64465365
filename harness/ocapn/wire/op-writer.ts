/**
 * Writes operations straight to Syrup bytes, without first building the SyrupValue tree that
 * `opToSyrup` + `encode` go through (that tree is most of the cost of encoding a message), and
 * checks every field against the decoder's rules while it writes.
 * Guarantees: the bytes equal `encode(opToSyrup(op), { dialect })` — same writer methods, same
 * dictionary order; a value `decodeOp` would refuse in the writer's dialect is never written:
 * the writer throws instead (`WriteRefusal`, or the Syrup/passable error of a value that cannot
 * be written at all), and encodeOp turns that into its documented error.
 *
 * The decoder's rules, each mirrored where the value is written:
 * - positions (descriptors, answers, gc lists, flush) are integers ≥ 0; wire deltas > 0; the
 *   NEW-ANSWER-POS of op:get/op:index/op:untag > 0 in the endo dialect (field-types.ts);
 * - a descriptor field holds only the descriptor kinds its operation allows (`to` of op:deliver:
 *   desc:export or desc:answer; `resolveMe`: desc:import-object or desc:import-promise);
 * - text fields are strings, flags booleans, list fields lists, `false or X` fields false or X;
 * - op:gc-exports/op:gc-export: the two lists have the same length (the table's cross-field check);
 * - inside passables: descriptors have a known kind and a position ≥ 0, tagged values a string
 *   tag, errors a string message; sturdyrefs and signed envelopes are checked by their own
 *   readers (peer transport without ".", string hints, 32-byte keys/signatures, …);
 * - no container nests DEFAULT_MAX_DEPTH deep or deeper (the reader's default depth limit, the
 *   operation record itself at depth 0);
 * - Syrup-level rules (canonical NaN, endo -0, lone surrogates, key order and duplicates) are
 *   the Syrup writer's own.
 */
import { DEFAULT_MAX_DEPTH, Sym, SyrupEncodeError, type SyrupValue, type SyrupWriter, SyrupDict, SyrupRecord, SyrupSet } from '../syrup/index.js';
import { toSyrup } from './passable-codec.js';
import { PassableError, Tagged, isStruct, type Passable } from './passable-model.js';
import { SigEnvelope, Sturdyref, readSigEnvelope, readSturdyref } from './components.js';
import { RefDesc, type RefDescType } from './descriptors.js';
import type { OpDef } from './operations.js';

/**
 * A value the decoder would refuse. Thrown from deep inside a write without a path: encodeOp
 * (the only caller) names the field and the rule by running the decoder's reader on the value.
 */
export class WriteRefusal extends Error {
  override name = 'WriteRefusal';
}

export function refuse(rule: string): never {
  throw new WriteRefusal(rule);
}

/** A container opened at `depth`: the reader refuses it from DEFAULT_MAX_DEPTH on. */
export function checkDepth(depth: number): void {
  if (depth >= DEFAULT_MAX_DEPTH) refuse(`nesting deeper than ${DEFAULT_MAX_DEPTH}`);
}

/** How many containers deep `value` goes (an atom 0, `[]` 1, `[[1+]]` 2). */
export function containerDepth(value: SyrupValue): number {
  let inner = 0;
  if (Array.isArray(value)) {
    for (const v of value) inner = Math.max(inner, containerDepth(v));
  } else if (value instanceof SyrupDict) {
    for (const [k, v] of value.entries) inner = Math.max(inner, containerDepth(k), containerDepth(v));
  } else if (value instanceof SyrupSet) {
    for (const v of value.items) inner = Math.max(inner, containerDepth(v));
  } else if (value instanceof SyrupRecord) {
    inner = containerDepth(value.label);
    for (const v of value.fields) inner = Math.max(inner, containerDepth(v));
  } else {
    return 0;
  }
  return inner + 1;
}

/** Kinds a descriptor inside a passable may have (the reader's passable record labels). */
function isDescKind(type: unknown): type is RefDescType {
  return type === 'desc:export' || type === 'desc:import-object' || type === 'desc:answer' || type === 'desc:import-promise';
}

/** `<desc:… N>`; the caller has checked the kind, the position is checked here. */
export function writeRefDescTo(desc: RefDesc, w: SyrupWriter, depth: number): void {
  checkDepth(depth);
  const position = desc.position;
  if (typeof position !== 'bigint' || position < 0n) refuse('descriptor position must be an integer ≥ 0');
  w.byte(0x3c);
  w.symbol(desc.type);
  w.int(position);
  w.byte(0x3e);
}

/** A component record written by the generic writer after its own reader accepted it. */
function writeCheckedComponent(value: SyrupValue, w: SyrupWriter, depth: number, read: (v: SyrupValue) => unknown): void {
  read(value);
  if (depth + containerDepth(value) > DEFAULT_MAX_DEPTH) refuse(`nesting deeper than ${DEFAULT_MAX_DEPTH}`);
  w.value(value, depth);
}

export function writePassableTo(value: Passable, w: SyrupWriter, depth: number): void {
  switch (typeof value) {
    case 'boolean':
      w.byte(value ? 0x74 : 0x66);
      return;
    case 'bigint':
      w.int(value);
      return;
    case 'number':
      w.float(value);
      return;
    case 'string':
      w.string(value);
      return;
    case 'undefined':
      checkDepth(depth);
      w.byte(0x3c);
      w.symbol('void');
      w.byte(0x3e);
      return;
  }
  if (value === null) {
    checkDepth(depth);
    w.byte(0x3c);
    w.symbol('null');
    w.byte(0x3e);
  } else if (value instanceof Sym) {
    w.symbol(value.name);
  } else if (value instanceof Uint8Array) {
    w.bytes(value);
  } else if (Array.isArray(value)) {
    checkDepth(depth);
    w.byte(0x5b);
    for (let i = 0; i < value.length; i++) writePassableTo(value[i], w, depth + 1);
    w.byte(0x5d);
  } else if (value instanceof RefDesc) {
    if (!isDescKind(value.type)) refuse('unknown descriptor kind');
    writeRefDescTo(value, w, depth);
  } else if (isStruct(value)) {
    checkDepth(depth);
    w.byte(0x7b);
    const base = w.beginEntries();
    const keys = Object.keys(value);
    for (const key of keys) {
      const start = w.len;
      w.string(key);
      const keyEnd = w.len;
      writePassableTo(value[key], w, depth + 1);
      w.endEntry(start, keyEnd);
    }
    w.sortEntries(base, 'dictionary key', w.dialect === 'endo' ? keys : undefined);
    w.byte(0x7d);
  } else if (value instanceof Tagged) {
    checkDepth(depth);
    if (typeof value.tag !== 'string') refuse('tag must be a string');
    w.byte(0x3c);
    w.symbol('desc:tagged');
    w.symbol(value.tag);
    writePassableTo(value.payload, w, depth + 1);
    w.byte(0x3e);
  } else if (value instanceof PassableError) {
    checkDepth(depth);
    if (typeof value.message !== 'string') refuse('error message must be a string');
    w.byte(0x3c);
    w.symbol('desc:error');
    w.string(value.message);
    w.byte(0x3e);
  } else if (value instanceof Sturdyref) {
    writeCheckedComponent(toSyrup(value), w, depth, (v) => readSturdyref(v, w.dialect));
  } else if (value instanceof SigEnvelope) {
    writeCheckedComponent(toSyrup(value), w, depth, (v) => readSigEnvelope(v, w.dialect));
  } else {
    // Not a passable: toSyrup throws the documented PassableEncodeError.
    toSyrup(value);
    throw new SyrupEncodeError('not a passable');
  }
}

/** `<label field…>` with each field checked and written by its type; nothing when a rule fails. */
export function writeOpTo(def: OpDef, op: Record<string, unknown>, w: SyrupWriter): void {
  w.byte(0x3c);
  w.symbol(def.label);
  for (const [name, type, optional] of def.fields) {
    const x = op[name];
    if (optional === 'optional' && x === undefined) break;
    type.writeTo(x, w, 1);
  }
  if (def.check) {
    const problem = def.check(op);
    if (problem) refuse(problem);
  }
  w.byte(0x3e);
}
