/**
 * Shape errors and readers shared by descriptors, components, passables and operations: checks
 * that a decoded SyrupValue has the record/list/field types an OCapN reader expects.
 * Spec: the CapTP draft's operation fields; what readers tolerate: harness/ocapn/README.md.
 * Guarantees: every mismatch throws `ShapeError` whose path grows as it unwinds, so the final
 * message reads `op:gc-exports.wireDeltas: expected list, got string`.
 */
import { Sym, SyrupRecord, syrupTypeName, type Dialect, type SyrupValue } from '../syrup/index.js';

export class ShapeError extends Error {
  override name = 'ShapeError';
  constructor(
    /** Path segments from the outermost value inward, e.g. `.args`, `[2]`. */
    readonly path: string,
    readonly detail: string,
    options?: { cause?: unknown },
  ) {
    super(`${path}: ${detail}`, options);
  }

  /** The same error one level further out. */
  under(segment: string): ShapeError {
    return new ShapeError(segment + this.path, this.detail, { cause: this.cause });
  }
}

export function fail(detail: string): never {
  throw new ShapeError('', detail);
}

export function expected(what: string, got: SyrupValue): never {
  return fail(`expected ${what}, got ${describeGot(got)}`);
}

function describeGot(got: SyrupValue): string {
  if (typeof got === 'bigint') return `integer ${got}`;
  return syrupTypeName(got);
}

/** Runs `read` and prefixes any ShapeError with `segment` (e.g. `.to`, `[3]`). */
export function within<T>(segment: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof ShapeError) throw error.under(segment);
    throw error;
  }
}

/**
 * The text of a record label. OCapN writes symbols; endo's union readers also take string and
 * UTF-8 bytestring labels, so the endo dialect does too (harness/ocapn/README.md).
 */
export function labelOf(value: SyrupValue, dialect: Dialect): string | undefined {
  if (!(value instanceof SyrupRecord)) return undefined;
  const label = value.label;
  if (label instanceof Sym) return label.name;
  if (dialect === 'endo') {
    if (typeof label === 'string') return label;
    if (label instanceof Uint8Array) {
      try {
        return new TextDecoder('utf-8', { fatal: true }).decode(label);
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/** Checks a record's label and field count; returns its fields. */
export function recordFields(value: SyrupValue, label: string, arity: number, dialect: Dialect): SyrupValue[] {
  if (labelOf(value, dialect) !== label) expected(`<${label}> record`, value);
  const fields = (value as SyrupRecord).fields;
  if (fields.length !== arity) fail(`<${label}> takes ${arity} field${arity === 1 ? '' : 's'}, got ${fields.length}`);
  return fields;
}

export const record = (label: string, fields: SyrupValue[]): SyrupRecord => new SyrupRecord(new Sym(label), fields);

export function readString(v: SyrupValue): string {
  return typeof v === 'string' ? v : expected('string', v);
}

export function readBool(v: SyrupValue): boolean {
  return typeof v === 'boolean' ? v : expected('boolean', v);
}

export function readBytes(v: SyrupValue, length?: number): Uint8Array {
  if (!(v instanceof Uint8Array)) expected(length === undefined ? 'bytestring' : `bytestring of ${length} bytes`, v);
  if (length !== undefined && v.length !== length) fail(`expected bytestring of ${length} bytes, got ${v.length} byte${v.length === 1 ? '' : 's'}`);
  return v;
}

export function readSymbol(v: SyrupValue): string {
  return v instanceof Sym ? v.name : expected('symbol', v);
}

export function readList(v: SyrupValue): SyrupValue[] {
  return Array.isArray(v) ? v : expected('list', v);
}

export function readInteger(v: SyrupValue): bigint {
  return typeof v === 'bigint' ? v : expected('integer', v);
}

/** Positions of every table are non-negative (endo `NonNegativeIntegerCodec`). */
export function readNonNegative(v: SyrupValue): bigint {
  if (typeof v !== 'bigint' || v < 0n) expected('non-negative integer', v);
  return v;
}

export function readPositive(v: SyrupValue): bigint {
  if (typeof v !== 'bigint' || v <= 0n) expected('positive integer', v);
  return v;
}
