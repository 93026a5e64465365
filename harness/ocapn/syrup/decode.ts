/**
 * Strict Syrup reader: bytes → SyrupValue, rejecting every non-canonical form.
 * Spec: the `ocapn/syrup` draft specification, the Notation draft "Integer" (harness/ocapn/README.md).
 * Guarantees: on any input it returns a value or throws `SyrupDecodeError` naming offset and rule
 * (no other exception, bounded recursion); accepted bytes re-encode to themselves in the same
 * dialect, except dictionaries accepted in JS string order (`dictOrder: 'either'`; harness/ocapn/README.md, struct key order).
 * Bytestrings never alias the input: each is a private copy (byte-slab.ts).
 * Elsewhere: OCapN meaning of records (wire/); stream framing (framing.ts).
 */
import { copyBytes } from './byte-slab.js';
import { compareBytes, decodeUtf8 } from './bytes.js';
import { SyrupDecodeError, type SyrupRule } from './errors.js';
import { keepShape } from './keep-shapes.js';
import { Sym, SyrupDict, SyrupRecord, SyrupSet, type Dialect, type SyrupValue } from './value.js';

export interface DecodeOptions {
  /** Default `spec`. `endo` rejects float64 -0. */
  dialect?: Dialect;
  /**
   * Dictionary key order accepted on read. `syrup`: strictly increasing encoded key bytes.
   * `js-string`: all keys strings, strictly increasing by JS string comparison (endo structs).
   * `either` (default): the dictionary must satisfy one of the two — liberal reading where the sources disagree on key order.
   */
  dictOrder?: 'either' | 'syrup' | 'js-string';
  /** Nesting limit (default DEFAULT_MAX_DEPTH); deeper input is rejected (`too-deep`) instead of exhausting the stack. */
  maxDepth?: number;
  /**
   * Most digits in one integer (default unlimited); longer ones are rejected (`integer-too-long`)
   * before any parsing, which is superlinear in the digit count.
   */
  maxIntegerDigits?: number;
  /** Names the buffer in error messages, e.g. `frame a→b#17`. */
  source?: string;
}

export const enum B {
  Plus = 0x2b,
  Minus = 0x2d,
  Colon = 0x3a,
  DQuote = 0x22,
  SQuote = 0x27,
  Zero = 0x30,
  Nine = 0x39,
  T = 0x74,
  F = 0x66,
  D = 0x44,
  SingleF = 0x46,
  LBracket = 0x5b,
  RBracket = 0x5d,
  LBrace = 0x7b,
  RBrace = 0x7d,
  Lt = 0x3c,
  Gt = 0x3e,
  Hash = 0x23,
  Dollar = 0x24,
}

// Floats are read through one shared 8-byte scratch (no DataView per reader): big-endian wire
// bytes are copied in machine order, then read back as a float64.
const F64 = new Float64Array(1);
const F64_BYTES = new Uint8Array(F64.buffer);
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
/** Containers nested this deep (the outermost value at depth 0) are refused unless `maxDepth` says otherwise. */
export const DEFAULT_MAX_DEPTH = 512;

/** Positions, counts and small numbers come up again and again: one bigint each, made once. */
const SMALL_BIGINTS: readonly bigint[] = Array.from({ length: 1024 }, (_, i) => BigInt(i));
const TEN_POW_15 = 10n ** 15n;

/**
 * Remembers the previous key of a dictionary being read and enforces the accepted key order
 * (`dictOrder`): shared by the generic reader and by readers that build other shapes from
 * dictionaries (structs), so both accept exactly the same bytes.
 */
export class DictKeyOrder {
  private prevStart = -1;
  private prevEnd = -1;
  private prevKey: SyrupValue = false;
  private syrupOk: boolean;
  private jsOk: boolean;

  constructor(
    private readonly reader: SyrupReader,
    order: 'either' | 'syrup' | 'js-string',
  ) {
    this.syrupOk = order !== 'js-string';
    this.jsOk = order !== 'syrup';
  }

  /** Checks the key just read at `keyStart..keyEnd` against the previous one. */
  admit(key: SyrupValue, keyStart: number, keyEnd: number): void {
    const bytes = this.reader.bytes;
    if (typeof key !== 'string') this.jsOk = false;
    if (this.prevStart >= 0) {
      const cmp = compareBytes(bytes, this.prevStart, this.prevEnd, bytes, keyStart, keyEnd);
      if (cmp === 0) this.reader.fail('dict-duplicate', keyStart, 'duplicate dictionary key');
      if (cmp > 0) this.syrupOk = false;
      if (this.jsOk && !((this.prevKey as string) < (key as string))) this.jsOk = false;
    }
    if (!this.syrupOk && !this.jsOk) {
      this.reader.fail('dict-order', keyStart, 'dictionary key out of order (keys sort by their encoded bytes)');
    }
    this.prevStart = keyStart;
    this.prevEnd = keyEnd;
    this.prevKey = key;
  }
}

/**
 * The strict reader over one buffer. Exported so layers above can read their own shapes straight
 * from bytes (wire/op-reader.ts) with the very same checks; `pos` is the next byte to read.
 * Where the limits live: integer digits are scanned in `readAtom`, every container opens through
 * `enter` (depth), and lengths are checked against the buffer in `need` before any slice.
 */
export class SyrupReader {
  pos: number;
  readonly rejectNegZero: boolean;
  readonly dictOrder: 'either' | 'syrup' | 'js-string';
  readonly maxDepth: number;
  readonly maxIntegerDigits: number;
  private readonly source: string | undefined;

  constructor(
    readonly bytes: Uint8Array,
    offset: number,
    options: DecodeOptions,
  ) {
    this.pos = offset;
    this.rejectNegZero = options.dialect === 'endo';
    this.dictOrder = options.dictOrder ?? 'either';
    this.maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
    this.maxIntegerDigits = options.maxIntegerDigits ?? Infinity;
    this.source = options.source;
  }

  fail(rule: SyrupRule, offset: number, detail: string): never {
    throw new SyrupDecodeError(rule, offset, detail, this.source);
  }

  private describe(offset: number): string {
    if (offset >= this.bytes.length) return 'end of input';
    const b = this.bytes[offset];
    return b >= 0x20 && b < 0x7f ? `'${String.fromCharCode(b)}'` : `0x${b.toString(16).padStart(2, '0')}`;
  }

  private need(count: number, what: string, openedAt: number): void {
    if (this.pos + count > this.bytes.length) {
      const error = new SyrupDecodeError('truncated', this.bytes.length, `input ends inside ${what} starting at byte ${openedAt}`, this.source);
      error.endsAt = this.pos + count;
      throw error;
    }
  }

  /** The byte at `pos`, or a `truncated` error naming what was expected. */
  peek(expecting: string): number {
    if (this.pos >= this.bytes.length) this.fail('truncated', this.pos, `expected ${expecting}, got end of input`);
    return this.bytes[this.pos];
  }

  readValue(depth: number): SyrupValue {
    const start = this.pos;
    if (start >= this.bytes.length) this.fail('truncated', start, 'expected a value, got end of input');
    const lead = this.bytes[start];
    if (lead >= B.Zero && lead <= B.Nine) return this.readAtom(start);
    switch (lead) {
      case B.T:
        this.pos++;
        return true;
      case B.F:
        this.pos++;
        return false;
      case B.D:
        return this.readFloat(start);
      case B.SingleF:
        return this.fail('single-float', start, 'single-precision float (F) is not used by OCapN');
      case B.LBracket:
        return this.readList(start, depth);
      case B.LBrace:
        return this.readDict(start, depth);
      case B.Hash:
        return this.readSet(start, depth);
      case B.Lt:
        return this.readRecord(start, depth);
      default:
        return this.fail('unexpected-byte', start, `expected a value, got ${this.describe(start)}`);
    }
  }

  /** digits then `+`/`-` (integer) or `:`/`"`/`'` (length-prefixed bytes, string, symbol). */
  readAtom(start: number): SyrupValue {
    const bytes = this.bytes;
    const end = bytes.length;
    // The digits' value is summed while scanning; exact up to 15 digits, which covers every
    // length that fits a buffer and most integers.
    let p = start;
    let n = 0;
    let d: number;
    while (p < end && (d = bytes[p] - B.Zero) >= 0 && d <= 9) {
      n = n * 10 + d;
      p++;
    }
    const digits = p - start;
    if (digits > 1 && bytes[start] === B.Zero) {
      this.fail('leading-zero', start, 'number with a leading zero');
    }
    if (p >= end) this.fail('truncated', p, `input ends after digits starting at byte ${start}`);
    const term = bytes[p];
    this.pos = p + 1;
    if (term === B.Plus || term === B.Minus) {
      if (digits > this.maxIntegerDigits) {
        this.fail('integer-too-long', start, `integer of ${digits} digits exceeds maxIntegerDigits (${this.maxIntegerDigits})`);
      }
      const value = digits <= 15 ? (n < SMALL_BIGINTS.length ? SMALL_BIGINTS[n] : BigInt(n)) : this.parseLongInteger(start, p);
      if (term === B.Plus) return value;
      if (value === 0n) this.fail('negative-zero-integer', start, 'integer zero must be written 0+ (not 0-)');
      return -value;
    }
    if (term !== B.Colon && term !== B.DQuote && term !== B.SQuote) {
      return this.fail('unexpected-byte', p, `expected + - : " or ' after digits, got ${this.describe(p)}`);
    }
    // More than 15 digits cannot be a length that fits any buffer; report it as truncation.
    const length = digits <= 15 ? n : Number.MAX_SAFE_INTEGER;
    const bodyStart = p + 1;
    const bodyEnd = bodyStart + length;
    if (bodyEnd > end) {
      const kind = term === B.Colon ? 'bytestring' : term === B.DQuote ? 'string' : 'symbol';
      this.need(length, `${kind} of ${length} bytes`, start);
    }
    this.pos = bodyEnd;
    if (term === B.Colon) return copyBytes(bytes, bodyStart, bodyEnd);
    const text = decodeUtf8(bytes, bodyStart, bodyEnd);
    if (text === undefined) this.fail('invalid-utf8', bodyStart, `${term === B.DQuote ? 'string' : 'symbol'} body is not valid UTF-8`);
    return term === B.DQuote ? text : new Sym(text);
  }

  /**
   * An integer of more than 15 digits. Up to 30 digits it is two exact float-sized halves joined
   * with one bigint multiply, several times cheaper than building a decimal string for BigInt().
   */
  private parseLongInteger(start: number, end: number): bigint {
    const bytes = this.bytes;
    if (end - start <= 30) {
      const cut = end - 15;
      let hi = 0;
      for (let i = start; i < cut; i++) hi = hi * 10 + (bytes[i] - B.Zero);
      let lo = 0;
      for (let i = cut; i < end; i++) lo = lo * 10 + (bytes[i] - B.Zero);
      return BigInt(hi) * TEN_POW_15 + BigInt(lo);
    }
    let s = '';
    for (let i = start; i < end; i++) s += String.fromCharCode(bytes[i]);
    return BigInt(s);
  }

  readFloat(start: number): number {
    this.pos = start + 1;
    this.need(8, 'float64', start);
    const bytes = this.bytes;
    const p = this.pos;
    const b0 = bytes[p];
    if (LITTLE_ENDIAN) for (let i = 0; i < 8; i++) F64_BYTES[7 - i] = bytes[p + i];
    else for (let i = 0; i < 8; i++) F64_BYTES[i] = bytes[p + i];
    const value = F64[0];
    if (Number.isNaN(value)) {
      let rest = 0;
      for (let i = 2; i < 8; i++) rest |= bytes[p + i];
      if (b0 !== 0x7f || bytes[p + 1] !== 0xf8 || rest !== 0) this.fail('noncanonical-nan', start, 'NaN must be 7ff8000000000000');
    }
    if (value === 0 && b0 !== 0 && this.rejectNegZero) {
      this.fail('negative-zero-float', start, 'float64 -0 is rejected in the endo dialect');
    }
    this.pos += 8;
    return value;
  }

  enter(depth: number, start: number): void {
    if (depth >= this.maxDepth) this.fail('too-deep', start, `nesting deeper than maxDepth (${this.maxDepth})`);
  }

  atClose(close: number, what: string, openedAt: number): boolean {
    if (this.pos >= this.bytes.length) {
      this.fail('truncated', this.pos, `input ends inside ${what} opened at byte ${openedAt}`);
    }
    if (this.bytes[this.pos] === close) {
      this.pos++;
      return true;
    }
    return false;
  }

  readList(start: number, depth: number): SyrupValue[] {
    this.enter(depth, start);
    this.pos = start + 1;
    const items: SyrupValue[] = [];
    while (!this.atClose(B.RBracket, 'list', start)) items.push(this.readValue(depth + 1));
    return items;
  }

  readDict(start: number, depth: number): SyrupDict {
    this.enter(depth, start);
    this.pos = start + 1;
    const entries: Array<[SyrupValue, SyrupValue]> = [];
    const order = new DictKeyOrder(this, this.dictOrder);
    while (!this.atClose(B.RBrace, 'dictionary', start)) {
      const keyStart = this.pos;
      const key = this.readValue(depth + 1);
      order.admit(key, keyStart, this.pos);
      entries.push([key, this.readValue(depth + 1)]);
    }
    return new SyrupDict(entries);
  }

  readSet(start: number, depth: number): SyrupSet {
    this.enter(depth, start);
    this.pos = start + 1;
    const items: SyrupValue[] = [];
    let prevStart = -1;
    let prevEnd = -1;
    while (!this.atClose(B.Dollar, 'set', start)) {
      const itemStart = this.pos;
      items.push(this.readValue(depth + 1));
      if (prevStart >= 0) {
        const cmp = compareBytes(this.bytes, prevStart, prevEnd, this.bytes, itemStart, this.pos);
        if (cmp === 0) this.fail('set-duplicate', itemStart, 'duplicate set member');
        if (cmp > 0) this.fail('set-order', itemStart, 'set member out of order (members sort by their encoded bytes)');
      }
      prevStart = itemStart;
      prevEnd = this.pos;
    }
    return new SyrupSet(items);
  }

  readRecord(start: number, depth: number): SyrupRecord {
    this.enter(depth, start);
    this.pos = start + 1;
    if (this.atClose(B.Gt, 'record', start)) this.fail('record-without-label', start, 'record has no label');
    const label = this.readValue(depth + 1);
    const fields: SyrupValue[] = [];
    while (!this.atClose(B.Gt, 'record', start)) fields.push(this.readValue(depth + 1));
    return new SyrupRecord(label, fields);
  }
}

keepShape(new DictKeyOrder(keepShape(new SyrupReader(new Uint8Array(0), 0, {})), 'either'));

/** Reads one value starting at `offset`; `end` is the offset just past it (streaming). */
export function decodeOne(
  bytes: Uint8Array,
  offset = 0,
  options: DecodeOptions = {},
): { value: SyrupValue; end: number } {
  const reader = new SyrupReader(bytes, offset, options);
  const value = reader.readValue(0);
  return { value, end: reader.pos };
}

/** Reads exactly one value that spans the whole buffer. */
export function decode(bytes: Uint8Array, options: DecodeOptions = {}): SyrupValue {
  if (bytes.length === 0) throw new SyrupDecodeError('empty-input', 0, 'no bytes to decode', options.source);
  const reader = new SyrupReader(bytes, 0, options);
  const value = reader.readValue(0);
  const end = reader.pos;
  if (end !== bytes.length) {
    throw new SyrupDecodeError('trailing-bytes', end, `${bytes.length - end} bytes after the value`, options.source);
  }
  return value;
}
