/**
 * Canonical Syrup writer: SyrupValue → bytes.
 * Spec: the `ocapn/syrup` draft specification, "Sorting Algorithm".
 * Guarantees: shortest decimal prefixes, `0+` for zero, canonical NaN, dictionaries and sets
 * sorted by encoded bytes (endo dialect: all-string-key dictionaries in JS string order; harness/ocapn/README.md),
 * duplicates refused, strings only of Unicode scalar values.
 */
import { compareBytes, encodeUtf8, hasLoneSurrogate, hasSurrogateUnit } from './bytes.js';
import { SyrupEncodeError } from './errors.js';
import { Sym, SyrupDict, SyrupRecord, SyrupSet, type Dialect, type SyrupValue } from './value.js';

export interface EncodeOptions {
  /** Default `spec`. */
  dialect?: Dialect;
}

const utf8 = new TextEncoder();
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
/** A writer's buffer up to this size is kept for the next `encode`; a larger one is dropped. */
const KEEP_BUFFER_BYTES = 1 << 20;
/** Strings up to this length are scanned and copied by hand; longer ones go through encodeInto. */
const SHORT_STRING = 24;

function decimalDigits(n: number): number {
  let digits = 1;
  while (n >= 10) {
    n = (n - (n % 10)) / 10;
    digits++;
  }
  return digits;
}

/**
 * The canonical writer over one growing buffer. Exported so layers above can write their own
 * shapes straight to bytes (wire/op-writer.ts) instead of building SyrupValues first; whatever
 * they write goes through these same methods, so the bytes are the ones `encode` would give.
 */
export class SyrupWriter {
  buf = new Uint8Array(1024);
  len = 0;
  dialect: Dialect = 'spec';
  private view = new DataView(this.buf.buffer);
  /** (start, keyEnd, end) of each dictionary entry or set member awaiting its sort, as a stack. */
  private readonly spans: number[] = [];

  reset(dialect: Dialect): void {
    this.len = 0;
    this.spans.length = 0;
    this.dialect = dialect;
  }

  ensure(extra: number): void {
    if (this.len + extra <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.len + extra) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  byte(b: number): void {
    if (this.len >= this.buf.length) this.ensure(1);
    this.buf[this.len++] = b;
  }

  ascii(text: string): void {
    this.ensure(text.length);
    for (let i = 0; i < text.length; i++) this.buf[this.len++] = text.charCodeAt(i);
  }

  raw(bytes: Uint8Array): void {
    this.ensure(bytes.length);
    this.buf.set(bytes, this.len);
    this.len += bytes.length;
  }

  /** A non-negative safe integer in decimal (length prefixes, small integers). */
  decimal(n: number): void {
    const digits = decimalDigits(n);
    this.ensure(digits);
    let p = this.len + digits;
    do {
      const d = n % 10;
      this.buf[--p] = 0x30 + d;
      n = (n - d) / 10;
    } while (n > 0);
    this.len += digits;
  }

  int(v: bigint): void {
    if (v <= MAX_SAFE && v >= -MAX_SAFE) {
      const n = Number(v);
      this.decimal(n < 0 ? -n : n);
      this.byte(n < 0 ? 0x2d : 0x2b);
    } else {
      this.ascii(v < 0n ? `${-v}-` : `${v}+`);
    }
  }

  float(value: number): void {
    this.ensure(9);
    this.buf[this.len++] = 0x44;
    if (Number.isNaN(value)) {
      // The one NaN of Model.md; JS may hand us any payload.
      this.view.setUint32(this.len, 0x7ff80000);
      this.view.setUint32(this.len + 4, 0);
    } else {
      // endo writes -0 as +0 (its reader would reject -0); spec and suite preserve it.
      this.view.setFloat64(this.len, value === 0 && this.dialect === 'endo' ? 0 : value);
    }
    this.len += 8;
  }

  bytes(value: Uint8Array): void {
    this.decimal(value.length);
    this.byte(0x3a);
    this.raw(value);
  }

  string(value: string): void {
    this.text(value, 0x22, 'string');
  }

  symbol(name: string): void {
    this.text(name, 0x27, 'symbol');
  }

  private text(value: string, marker: number, what: 'string' | 'symbol'): void {
    const n = value.length;
    if (n <= SHORT_STRING) {
      let ascii = true;
      for (let i = 0; i < n; i++) {
        if (value.charCodeAt(i) >= 0x80) {
          ascii = false;
          break;
        }
      }
      if (ascii) {
        this.decimal(n);
        this.ensure(n + 1);
        const buf = this.buf;
        let p = this.len;
        buf[p++] = marker;
        for (let i = 0; i < n; i++) buf[p++] = value.charCodeAt(i);
        this.len = p;
        return;
      }
    } else {
      // Encode after room for the longest prefix; all-ASCII iff one byte per code unit, and
      // then only the (shorter) real prefix goes in front and the body moves up to it.
      const reserve = decimalDigits(3 * n) + 1;
      this.ensure(reserve + 3 * n);
      const at = this.len + reserve;
      const { written } = utf8.encodeInto(value, this.buf.subarray(at, at + 3 * n));
      if (written === n) {
        const digits = decimalDigits(n);
        if (digits + 1 < reserve) this.buf.copyWithin(this.len + digits + 1, at, at + n);
        this.decimal(n);
        this.buf[this.len++] = marker;
        this.len += n;
        return;
      }
    }
    // Surrogates are non-ASCII, so the (costly) checks only run here.
    if (what === 'string' && this.dialect === 'endo' && hasSurrogateUnit(value)) {
      throw new SyrupEncodeError('endo dialect cannot write strings with code points above U+FFFF');
    }
    if (hasLoneSurrogate(value)) throw new SyrupEncodeError(`${what} contains a lone surrogate`);
    const body = encodeUtf8(value);
    this.decimal(body.length);
    this.byte(marker);
    this.raw(body);
  }

  value(v: SyrupValue, depth: number): void {
    if (depth > 10_000) throw new SyrupEncodeError('value nests too deeply (cycle?)');
    switch (typeof v) {
      case 'boolean':
        this.byte(v ? 0x74 : 0x66);
        return;
      case 'bigint':
        this.int(v);
        return;
      case 'number':
        this.float(v);
        return;
      case 'string':
        this.text(v, 0x22, 'string');
        return;
    }
    if (v instanceof Uint8Array) {
      this.bytes(v);
    } else if (v instanceof Sym) {
      this.text(v.name, 0x27, 'symbol');
    } else if (Array.isArray(v)) {
      this.byte(0x5b);
      for (let i = 0; i < v.length; i++) this.value(v[i], depth + 1);
      this.byte(0x5d);
    } else if (v instanceof SyrupDict) {
      this.byte(0x7b);
      const base = this.beginEntries();
      const keys: string[] | undefined = this.dialect === 'endo' ? [] : undefined;
      for (const [k, val] of v.entries) {
        const start = this.len;
        this.value(k, depth + 1);
        const keyEnd = this.len;
        this.value(val, depth + 1);
        this.endEntry(start, keyEnd);
        if (keys && typeof k === 'string') keys.push(k);
      }
      // endo: a dictionary of string keys only (a struct) sorts in JS string order.
      this.sortEntries(base, 'dictionary key', keys && keys.length === v.entries.length ? keys : undefined);
      this.byte(0x7d);
    } else if (v instanceof SyrupSet) {
      this.byte(0x23);
      const base = this.beginEntries();
      for (const item of v.items) {
        const start = this.len;
        this.value(item, depth + 1);
        this.endEntry(start, this.len);
      }
      this.sortEntries(base, 'set member', undefined);
      this.byte(0x24);
    } else if (v instanceof SyrupRecord) {
      this.byte(0x3c);
      this.value(v.label, depth + 1);
      for (const field of v.fields) this.value(field, depth + 1);
      this.byte(0x3e);
    } else {
      throw new SyrupEncodeError(`not a Syrup value: ${describeForeign(v)}`);
    }
  }

  /** Opens a run of dictionary entries or set members (after `{` or `#`); returns its handle. */
  beginEntries(): number {
    return this.spans.length;
  }

  /** Marks the entry just written: it began at `start`, its sort key ended at `keyEnd`. */
  endEntry(start: number, keyEnd: number): void {
    this.spans.push(start, keyEnd, this.len);
  }

  /**
   * Puts the entries written since `beginEntries` in canonical order (by the bytes of their
   * keys, or by `jsKeys` — the keys as JS strings, in entry order — for endo structs) and
   * refuses duplicates. Entries already in order, the usual case, are left where they are.
   */
  sortEntries(base: number, what: string, jsKeys: readonly string[] | undefined): void {
    const s = this.spans;
    const count = (s.length - base) / 3;
    const buf = this.buf;
    for (let i = 1; i < count; i++) {
      const a = base + 3 * (i - 1);
      const b = a + 3;
      const byBytes = compareBytes(buf, s[a], s[a + 1], buf, s[b], s[b + 1]);
      if (byBytes === 0) throw new SyrupEncodeError(`duplicate ${what}`);
      if ((jsKeys ? (jsKeys[i - 1] < jsKeys[i] ? -1 : 1) : byBytes) > 0) {
        this.reorder(base, count, what, jsKeys);
        break;
      }
    }
    s.length = base;
  }

  private reorder(base: number, count: number, what: string, jsKeys: readonly string[] | undefined): void {
    const s = this.spans;
    const regionStart = s[base];
    const region = this.buf.slice(regionStart, this.len);
    const at = (i: number) => base + 3 * i;
    const byBytes = (i: number, j: number) =>
      compareBytes(region, s[at(i)] - regionStart, s[at(i) + 1] - regionStart, region, s[at(j)] - regionStart, s[at(j) + 1] - regionStart);
    const order = Array.from({ length: count }, (_, i) => i);
    order.sort(jsKeys ? (i, j) => (jsKeys[i] < jsKeys[j] ? -1 : jsKeys[i] > jsKeys[j] ? 1 : 0) : byBytes);
    for (let k = 1; k < count; k++) {
      if (byBytes(order[k - 1], order[k]) === 0) throw new SyrupEncodeError(`duplicate ${what}`);
    }
    let to = regionStart;
    for (const i of order) {
      const start = s[at(i)] - regionStart;
      const end = s[at(i) + 2] - regionStart;
      this.buf.set(region.subarray(start, end), to);
      to += end - start;
    }
  }
}

function describeForeign(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'undefined';
  if (typeof v === 'object') return (v as object).constructor?.name ?? 'object';
  return typeof v;
}

let spare: SyrupWriter | undefined;

/**
 * Runs `write` on a writer set to `dialect` and returns a copy of what it wrote. The writer (and
 * its buffer) is reused by the next call; a nested call simply gets a writer of its own.
 */
export function encodeWith(dialect: Dialect, write: (w: SyrupWriter) => void): Uint8Array {
  const w = spare ?? new SyrupWriter();
  spare = undefined;
  w.reset(dialect);
  try {
    write(w);
    return w.buf.slice(0, w.len);
  } finally {
    if (w.buf.length <= KEEP_BUFFER_BYTES) spare = w;
  }
}

export function encode(value: SyrupValue, options: EncodeOptions = {}): Uint8Array {
  return encodeWith(options.dialect ?? 'spec', (w) => w.value(value, 0));
}
