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

class Writer {
  buf = new Uint8Array(256);
  len = 0;
  private view = new DataView(this.buf.buffer);

  constructor(readonly dialect: Dialect) {}

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
    this.ensure(1);
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

  text(value: string, marker: string, what: 'string' | 'symbol'): void {
    let ascii = true;
    for (let i = 0; i < value.length; i++) {
      if (value.charCodeAt(i) >= 0x80) {
        ascii = false;
        break;
      }
    }
    if (ascii) {
      this.ascii(`${value.length}${marker}`);
      this.ascii(value);
    } else {
      // Surrogates are non-ASCII, so the (costly) checks only run here.
      if (what === 'string' && this.dialect === 'endo' && hasSurrogateUnit(value)) {
        throw new SyrupEncodeError('endo dialect cannot write strings with code points above U+FFFF');
      }
      if (hasLoneSurrogate(value)) throw new SyrupEncodeError(`${what} contains a lone surrogate`);
      const body = encodeUtf8(value);
      this.ascii(`${body.length}${marker}`);
      this.raw(body);
    }
  }

  value(v: SyrupValue, depth: number): void {
    if (depth > 10_000) throw new SyrupEncodeError('value nests too deeply (cycle?)');
    switch (typeof v) {
      case 'boolean':
        this.byte(v ? 0x74 : 0x66);
        return;
      case 'bigint':
        this.ascii(v < 0n ? `${-v}-` : `${v}+`);
        return;
      case 'number':
        this.float(v);
        return;
      case 'string':
        this.text(v, '"', 'string');
        return;
    }
    if (v instanceof Uint8Array) {
      this.ascii(`${v.length}:`);
      this.raw(v);
    } else if (v instanceof Sym) {
      this.text(v.name, "'", 'symbol');
    } else if (Array.isArray(v)) {
      this.byte(0x5b);
      for (const item of v) this.value(item, depth + 1);
      this.byte(0x5d);
    } else if (v instanceof SyrupDict) {
      this.byte(0x7b);
      this.sorted(v.entries.map(([k, val]) => [k, val] as const), 'dictionary key', depth);
      this.byte(0x7d);
    } else if (v instanceof SyrupSet) {
      this.byte(0x23);
      this.sorted(v.items.map((item) => [item] as const), 'set member', depth);
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

  /**
   * Writes dictionary entries or set members in canonical order. Each is first written in
   * place, recording the span of its sort key; then the region is copied out and written back
   * sorted — one buffer, no per-entry allocations beyond the spans.
   */
  private sorted(items: ReadonlyArray<readonly SyrupValue[]>, what: string, depth: number): void {
    const regionStart = this.len;
    const spans: Array<{ start: number; keyEnd: number; end: number; key: SyrupValue }> = [];
    for (const parts of items) {
      const start = this.len;
      this.value(parts[0], depth + 1);
      const keyEnd = this.len;
      for (let i = 1; i < parts.length; i++) this.value(parts[i], depth + 1);
      spans.push({ start, keyEnd, end: this.len, key: parts[0] });
    }
    if (spans.length < 2) return;
    const region = this.buf.slice(regionStart, this.len);
    const base = regionStart;
    const byBytes = (a: (typeof spans)[0], b: (typeof spans)[0]) =>
      compareBytes(region, a.start - base, a.keyEnd - base, region, b.start - base, b.keyEnd - base);
    const jsOrder = this.dialect === 'endo' && what === 'dictionary key' && spans.every((s) => typeof s.key === 'string');
    spans.sort(jsOrder ? (a, b) => ((a.key as string) < (b.key as string) ? -1 : (a.key as string) > (b.key as string) ? 1 : 0) : byBytes);
    for (let i = 1; i < spans.length; i++) {
      if (byBytes(spans[i - 1], spans[i]) === 0) throw new SyrupEncodeError(`duplicate ${what}`);
    }
    let at = regionStart;
    for (const s of spans) {
      this.buf.set(region.subarray(s.start - base, s.end - base), at);
      at += s.end - s.start;
    }
  }
}

function describeForeign(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'undefined';
  if (typeof v === 'object') return (v as object).constructor?.name ?? 'object';
  return typeof v;
}

export function encode(value: SyrupValue, options: EncodeOptions = {}): Uint8Array {
  const w = new Writer(options.dialect ?? 'spec');
  w.value(value, 0);
  return w.buf.slice(0, w.len);
}
