/**
 * Passable ↔ Syrup mapping, and byte-level encodePassable/decodePassable.
 * Spec: the Model draft (read dispatch on the record label); struct key order: harness/ocapn/README.md.
 * Guarantees: `fromSyrup(toSyrup(p))` equals p for every passable; unknown record labels, sets,
 * non-string struct keys and negative positions are refused with a path to the fault.
 * Dialect: struct key order on write is the Syrup encoder's business (endo: JS order); on read
 * both orders are accepted unless `strictStructOrder`.
 */
import {
  Sym,
  SyrupDict,
  type SyrupRecord,
  SyrupSet,
  decode,
  encode,
  type Dialect,
  type SyrupValue,
} from '../syrup/index.js';
import { RefDesc, isRefDescLabel, readRefDesc, writeRefDesc } from './descriptors.js';
import { SigEnvelope, Sturdyref, readSigEnvelope, readSturdyref, writeSigEnvelope, writeSturdyref } from './components.js';
import { ShapeError, expected, fail, labelOf, readString, readSymbol, record, recordFields, within } from './shape.js';
import { PassableError, Tagged, isStruct, makeStruct, type Passable } from './passable-model.js';

export class PassableDecodeError extends Error {
  override name = 'PassableDecodeError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

export class PassableEncodeError extends Error {
  override name = 'PassableEncodeError';
}

const VOID = record('void', []);
const NULL = record('null', []);

export function toSyrup(value: Passable): SyrupValue {
  switch (typeof value) {
    case 'undefined':
      return VOID;
    case 'boolean':
    case 'bigint':
    case 'number':
    case 'string':
      return value;
  }
  if (value === null) return NULL;
  if (value instanceof Uint8Array || value instanceof Sym) return value;
  if (Array.isArray(value)) return value.map(toSyrup);
  if (value instanceof Tagged) return record('desc:tagged', [new Sym(value.tag), toSyrup(value.payload)]);
  if (value instanceof PassableError) return record('desc:error', [value.message]);
  if (value instanceof RefDesc) return writeRefDesc(value);
  if (value instanceof Sturdyref) return writeSturdyref(value);
  if (value instanceof SigEnvelope) return writeSigEnvelope(value);
  if (isStruct(value)) return new SyrupDict(Object.keys(value).map((k) => [k, toSyrup(value[k])]));
  const name = (value as object)?.constructor?.name ?? typeof value;
  throw new PassableEncodeError(`not a passable: ${name}`);
}

export function fromSyrup(value: SyrupValue, dialect: Dialect = 'spec'): Passable {
  switch (typeof value) {
    case 'boolean':
    case 'bigint':
    case 'number':
    case 'string':
      return value;
  }
  if (value instanceof Uint8Array || value instanceof Sym) return value;
  if (Array.isArray(value)) return value.map((item, i) => within(`[${i}]`, () => fromSyrup(item, dialect)));
  if (value instanceof SyrupDict) {
    return makeStruct(
      value.entries.map(([k, v]) => {
        if (typeof k !== 'string') expected('string struct key', k);
        return [k, within(`.${k}`, () => fromSyrup(v, dialect))] as const;
      }),
    );
  }
  if (value instanceof SyrupSet) return fail('sets are not passable');
  return fromRecord(value, dialect);
}

function fromRecord(value: SyrupRecord, dialect: Dialect): Passable {
  const label = labelOf(value, dialect);
  switch (label) {
    case 'void':
      recordFields(value, label, 0, dialect);
      return undefined;
    case 'null':
      recordFields(value, label, 0, dialect);
      return null;
    case 'desc:tagged': {
      const [tag, payload] = recordFields(value, label, 2, dialect);
      return new Tagged(
        within('.tag', () => readSymbol(tag)),
        within('.payload', () => fromSyrup(payload, dialect)),
      );
    }
    case 'desc:error': {
      const [message] = recordFields(value, label, 1, dialect);
      return new PassableError(within('.message', () => readString(message)));
    }
    case 'ocapn-sturdyref':
      return readSturdyref(value, dialect);
    case 'desc:sig-envelope':
      return readSigEnvelope(value, dialect);
  }
  if (isRefDescLabel(label)) return readRefDesc(value, [label], dialect);
  return fail(label === undefined ? 'record label must be a symbol' : `unknown passable record <${label}>`);
}

export interface PassableCodecOptions {
  dialect?: Dialect;
  /** Accept structs only in the dialect's own key order (spec: Syrup order; endo: JS order). */
  strictStructOrder?: boolean;
}

export function encodePassable(value: Passable, options: PassableCodecOptions = {}): Uint8Array {
  return encode(toSyrup(value), { dialect: options.dialect });
}

/** Syrup errors propagate as `SyrupDecodeError`; model errors become `PassableDecodeError`. */
export function decodePassable(bytes: Uint8Array, options: PassableCodecOptions = {}): Passable {
  const dialect = options.dialect ?? 'spec';
  const dictOrder = options.strictStructOrder ? (dialect === 'endo' ? 'js-string' : 'syrup') : 'either';
  const value = decode(bytes, { dialect, dictOrder });
  try {
    return fromSyrup(value, dialect);
  } catch (error) {
    if (error instanceof ShapeError) throw new PassableDecodeError(`passable${error.path}: ${error.detail}`, { cause: error });
    throw error;
  }
}
