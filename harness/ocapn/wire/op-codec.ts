/**
 * encodeOp / decodeOp: typed operation records ↔ Syrup, driven by the table in operations.ts.
 * Spec: CapTP draft "Operations"; label tolerance per dialect (harness/ocapn/README.md).
 * Guarantees: decodeOp returns a fully validated `Op` or throws — `SyrupDecodeError` for bad
 * bytes, `OpDecodeError` (message `op:gc-exports.wireDeltas: expected list, got string`, inner
 * error as `cause`) for a well-formed value of the wrong shape. encodeOp writes exactly the op
 * it is given (legacy labels included); the dialect applies at the Syrup level (-0, astral
 * characters, struct key order).
 */
import { Sym, SyrupReader, SyrupRecord, decode, encode, encodeWith, syrupTypeName, type Dialect, type SyrupValue } from '../syrup/index.js';
import { getOpDef, getOpDefs, type Op, type OpDef } from './operations.js';
import { ShapeError, labelOf, within } from './shape.js';
import { writeOpTo } from './op-writer.js';
import { readDeliver } from './op-reader.js';

export class OpDecodeError extends Error {
  override name = 'OpDecodeError';
  constructor(
    message: string,
    /** The wire label when the record had a readable one. */
    readonly label?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function opToSyrup(op: Op): SyrupRecord {
  const def = getOpDef(op);
  const fields: SyrupValue[] = [];
  const record = op as unknown as Record<string, unknown>;
  for (const [name, type, optional] of def.fields) {
    if (optional === 'optional' && record[name] === undefined) break;
    fields.push(type.write(record[name]));
  }
  return new SyrupRecord(new Sym(def.label), fields);
}

/** An operation `decodeOp` would refuse in that dialect; encodeOp never writes one. */
export class OpEncodeError extends Error {
  override name = 'OpEncodeError';
}

/**
 * Writes `op` after reading the record back with the decoder's own rules for `dialect`, so the
 * node never sends what it would itself refuse (an answer position 0 in the endo dialect, a zero
 * wire delta, lists of different lengths).
 */
export function encodeOp(op: Op, dialect: Dialect = 'spec'): Uint8Array {
  const def = getOpDef(op);
  let bytes: Uint8Array;
  try {
    bytes = encodeWith(dialect, (w) => writeOpTo(def, op as unknown as Record<string, unknown>, w));
  } catch {
    // The direct writer stops at the first problem in writing order; the value route converts
    // every passable before writing, so its error is the documented one. Same bytes either way.
    bytes = encode(opToSyrup(op), { dialect });
  }
  // What we write must be what our own reader accepts (a zero wire delta, an answer position the
  // dialect forbids): read it back with the decoder's rules and refuse it otherwise.
  try {
    decodeOp(bytes, dialect);
  } catch (error) {
    if (error instanceof OpDecodeError) throw new OpEncodeError(`encodeOp: ${error.message} (refused by decodeOp in the ${dialect} dialect)`, { cause: error });
    throw error;
  }
  return bytes;
}

function pickDef(defs: readonly OpDef[], arity: number): OpDef | undefined {
  return defs.find((d) => arity >= d.minArity && arity <= d.fields.length);
}

function arityText(defs: readonly OpDef[]): string {
  const counts = [...new Set(defs.flatMap((d) => Array.from({ length: d.fields.length - d.minArity + 1 }, (_, i) => d.minArity + i)))];
  return counts.join(' or ');
}

export function opFromSyrup(value: SyrupValue, dialect: Dialect = 'spec'): Op {
  if (!(value instanceof SyrupRecord)) throw new OpDecodeError(`expected an operation record, got ${syrupTypeName(value)}`);
  const label = labelOf(value, dialect);
  if (label === undefined) {
    throw new OpDecodeError(`operation label must be a symbol, got ${syrupTypeName(value.label)}`);
  }
  const defs = getOpDefs(label);
  if (!defs) throw new OpDecodeError(`unknown operation <${label}>`, label);
  const def = pickDef(defs, value.fields.length);
  if (!def) {
    throw new OpDecodeError(`${label}: expected ${arityText(defs)} fields, got ${value.fields.length}`, label);
  }
  const op: Record<string, unknown> = { type: label };
  try {
    def.fields.forEach(([name, type], i) => {
      if (i < value.fields.length) op[name] = within(`.${name}`, () => type.read(value.fields[i], dialect));
    });
  } catch (error) {
    if (error instanceof ShapeError) throw new OpDecodeError(`${label}${error.path}: ${error.detail}`, label, { cause: error });
    throw error;
  }
  const problem = def.check?.(op);
  if (problem) throw new OpDecodeError(`${label}: ${problem}`, label);
  return op as unknown as Op;
}

export interface DecodeOpOptions {
  /** Names the frame in Syrup error messages (`frame a→b#17`). */
  source?: string;
  /** Resource limits of the Syrup reader (a node passes its own, limits.ts). */
  maxDepth?: number;
  maxIntegerDigits?: number;
}

/**
 * Bytes (strict Syrup, one whole value) or an already decoded value → validated Op.
 * A `Uint8Array` is always taken as encoded bytes (never as a Syrup bytestring value); use
 * `opFromSyrup` for a value you decoded yourself.
 */
export function decodeOp(input: Uint8Array | SyrupValue, dialect: Dialect = 'spec', options: DecodeOpOptions = {}): Op {
  if (input instanceof Uint8Array) {
    // op:deliver straight from the bytes; anything else, and every failure, takes the value
    // route below, which decides the result and the error.
    try {
      const op = readDeliver(new SyrupReader(input, 0, { dialect, source: options.source, maxDepth: options.maxDepth, maxIntegerDigits: options.maxIntegerDigits }), dialect);
      if (op) return op;
    } catch {
      // fall through
    }
  }
  const value = input instanceof Uint8Array ? decode(input, { dialect, source: options.source, maxDepth: options.maxDepth, maxIntegerDigits: options.maxIntegerDigits }) : input;
  return opFromSyrup(value, dialect);
}
