/**
 * encodeOp / decodeOp: typed operation records ↔ Syrup, driven by the table in operations.ts.
 * Spec: CapTP draft "Operations"; label tolerance per dialect (harness/ocapn/README.md).
 * Guarantees: decodeOp returns a fully validated `Op` or throws — `SyrupDecodeError` for bad
 * bytes, `OpDecodeError` (message `op:gc-exports.wireDeltas: expected list, got string`, inner
 * error as `cause`) for a well-formed value of the wrong shape. encodeOp writes exactly the op
 * it is given (legacy labels included), or throws when decodeOp would refuse it in that dialect
 * (`OpEncodeError`, with decodeOp's message); the dialect applies at the Syrup level too (-0,
 * astral characters, struct key order).
 */
import { DEFAULT_MAX_DEPTH, Sym, SyrupReader, SyrupRecord, decode, encode, encodeWith, syrupTypeName, type Dialect, type SyrupValue } from '../syrup/index.js';
import { getOpDef, getOpDefs, type Op, type OpDef } from './operations.js';
import { ShapeError, labelOf, within } from './shape.js';
import { WriteRefusal, containerDepth, writeOpTo } from './op-writer.js';
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
 * Writes `op` straight to bytes, checking each field against the decoder's rules for `dialect`
 * as it goes (op-writer.ts lists them), so the node never sends what it would itself refuse (an
 * answer position 0 in the endo dialect, a zero wire delta, lists of different lengths). Nothing
 * is decoded on the way: the checks are the decoder's rules restated at write time.
 */
export function encodeOp(op: Op, dialect: Dialect = 'spec'): Uint8Array {
  const def = getOpDef(op);
  try {
    return encodeWith(dialect, (w) => writeOpTo(def, op as unknown as Record<string, unknown>, w));
  } catch (refusal) {
    throw explainRefusal(def, op, dialect, refusal);
  }
}

/**
 * The error for an op the writer refused (a rare path, so it may be slow). The writer stops at
 * the first problem in writing order; the documented error comes from the value route instead:
 * a value that cannot be converted or written at all reports that (`PassableEncodeError`,
 * `SyrupEncodeError`); then, in decodeOp's order, nesting beyond the reader's depth limit; then
 * the decoder's reader, run on the op's value tree, names the field and the rule — the very
 * message decodeOp would give.
 */
function explainRefusal(def: OpDef, op: Op, dialect: Dialect, refusal: unknown): unknown {
  let value: SyrupRecord;
  try {
    value = opToSyrup(op);
    encode(value, { dialect });
  } catch (error) {
    return error;
  }
  // decodeOp reads the whole Syrup value (depth limit) before it looks at any field.
  const depth = containerDepth(value);
  if (depth > DEFAULT_MAX_DEPTH) {
    return new OpEncodeError(`encodeOp: ${def.label}: containers nest ${depth} deep; decodeOp accepts at most ${DEFAULT_MAX_DEPTH}`);
  }
  try {
    opFromSyrup(value, dialect);
  } catch (error) {
    if (error instanceof OpDecodeError) return new OpEncodeError(`encodeOp: ${error.message} (refused by decodeOp in the ${dialect} dialect)`, { cause: error });
    return error;
  }
  // Only a writer rule stricter than the decoder's gets here (a bug the property test looks for).
  return refusal instanceof WriteRefusal ? new Error(`encodeOp: the writer refused what decodeOp accepts (${refusal.message})`, { cause: refusal }) : refusal;
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
