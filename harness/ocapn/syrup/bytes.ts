/**
 * Byte helpers shared by the Syrup codec and the layers above: unsigned lexicographic compare
 * (the Syrup sort rule), hex, strict UTF-8 and the printable-ASCII test used by views.
 * Platform-neutral: TextEncoder/TextDecoder are web-platform globals present in Node and workers.
 */

/** Syrup order: unsigned bytes, lexicographic; a proper prefix sorts first. */
export function compareBytes(
  a: Uint8Array,
  aStart: number,
  aEnd: number,
  b: Uint8Array,
  bStart: number,
  bEnd: number,
): number {
  const n = Math.min(aEnd - aStart, bEnd - bStart);
  for (let i = 0; i < n; i++) {
    const d = a[aStart + i] - b[bStart + i];
    if (d !== 0) return d;
  }
  return aEnd - aStart - (bEnd - bStart);
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export function toHex(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += HEX[bytes[i]];
  return s;
}

/** Parses hex (case-insensitive, whitespace ignored); returns undefined when it is not hex. */
export function fromHex(text: string): Uint8Array | undefined {
  const clean = text.replace(/\s+/g, '');
  return isWholeHex(clean) ? parseHex(clean) : undefined;
}

/** Parses hex that the harness wrote itself (recordings, seeds): whole bytes, no spaces; anything
 * else is a bug upstream, so it throws instead of guessing. */
export function hexToBytes(hex: string): Uint8Array {
  if (!isWholeHex(hex)) throw new Error(`not hex of whole bytes: ${hex.slice(0, 40)}`);
  return parseHex(hex);
}

const isWholeHex = (text: string): boolean => text.length % 2 === 0 && !/[^0-9a-fA-F]/.test(text);

function parseHex(text: string): Uint8Array {
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(text.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** True when every byte is printable ASCII (0x20–0x7e); the typed tree then adds `ascii`. */
export function isPrintableAscii(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i] < 0x20 || bytes[i] > 0x7e) return false;
  return true;
}

export function latin1(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
  return s;
}

// `ignoreBOM` keeps a leading U+FEFF as content: Syrup strings are data, not documents.
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const utf8Encoder = new TextEncoder();

/** Strings this short are built by hand when ASCII; longer ones go to TextDecoder. */
const SHORT_TEXT = 24;

/** Strict UTF-8 (rejects overlongs, surrogates, truncation); undefined when invalid. */
export function decodeUtf8(bytes: Uint8Array, start: number, end: number): string | undefined {
  // Short ASCII (selectors, keys, labels) is cheaper to build four characters at a time than to
  // hand to TextDecoder (a view object and a call into the platform per string).
  if (end - start <= SHORT_TEXT) {
    let text = '';
    let i = start;
    for (; i + 4 <= end; i += 4) {
      const a = bytes[i];
      const b = bytes[i + 1];
      const c = bytes[i + 2];
      const d = bytes[i + 3];
      if ((a | b | c | d) >= 0x80) break;
      text += String.fromCharCode(a, b, c, d);
    }
    for (; i < end; i++) {
      const a = bytes[i];
      if (a >= 0x80) break;
      text += String.fromCharCode(a);
    }
    if (i === end) return text;
  }
  try {
    return strictUtf8.decode(bytes.subarray(start, end));
  } catch {
    return undefined;
  }
}

export function encodeUtf8(text: string): Uint8Array {
  return utf8Encoder.encode(text);
}

/** Lone surrogates cannot be UTF-8 (Model.md: strings are Unicode scalar values). */
export function hasLoneSurrogate(text: string): boolean {
  return /[\uD800-\uDFFF]/u.test(text);
}

/** Any surrogate code unit, i.e. any code point ≥ U+10000 as well (endo's writer rule). */
export function hasSurrogateUnit(text: string): boolean {
  return /[\uD800-\uDFFF]/.test(text);
}
