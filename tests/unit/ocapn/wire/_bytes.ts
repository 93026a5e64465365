/** Test helpers: Syrup written as printable text with `\xNN` escapes for raw bytes. */
export function bytesOf(text: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\' && text[i + 1] === 'x') {
      out.push(parseInt(text.slice(i + 2, i + 4), 16));
      i += 3;
    } else {
      const code = text.charCodeAt(i);
      if (code > 0x7f) out.push(...new TextEncoder().encode(text[i]));
      else out.push(code);
    }
  }
  return Uint8Array.from(out);
}

/** Hex both ways: the harness's one pair of helpers, under the names these tests read well with. */
export { toHex as hexOf, hexToBytes as hex } from '../../../../harness/ocapn/syrup/index.js';

export function concat(...parts: Array<Uint8Array | string>): Uint8Array {
  const arrays = parts.map((p) => (typeof p === 'string' ? bytesOf(p) : p));
  const out = new Uint8Array(arrays.reduce((n, a) => n + a.length, 0));
  let at = 0;
  for (const a of arrays) {
    out.set(a, at);
    at += a.length;
  }
  return out;
}

/** 32 bytes start, start+step, … (mod 256). */
export const ramp = (start: number, step = 1): Uint8Array => Uint8Array.from({ length: 32 }, (_, i) => (start + i * step) & 0xff);
