/**
 * Stream framing for netlayers (harness/ocapn/README.md): `<decimal length>:<payload>` frames —
 * exactly a Syrup bytestring, no trailing comma — and unframed back-to-back Syrup values.
 * Spec: 2026-04-14 minutes (frames), endo `syrup-frame` reader limits; the Python suite is unframed.
 * Guarantees: readers accept arbitrary chunking (a frame may be split anywhere, a chunk may hold
 * many frames); a broken stream throws `FrameError` (offset counted from the stream start) and
 * the reader stays failed.
 */
import { SyrupDecodeError } from './errors.js';
import { decodeOne, type DecodeOptions } from './decode.js';
import type { SyrupValue } from './value.js';

export const DEFAULT_MAX_FRAME_LENGTH = 999_999_999;

export type FrameRule = 'bad-prefix' | 'leading-zero' | 'too-long' | 'truncated';

export class FrameError extends Error {
  override name = 'FrameError';
  constructor(
    readonly rule: FrameRule,
    readonly offset: number,
    detail: string,
  ) {
    super(`frame ${rule}: ${detail} at byte ${offset} of the stream`);
  }
}

/** Wraps one message as `<len>:<payload>`. */
export function encodeFrame(payload: Uint8Array): Uint8Array {
  const prefix = `${payload.length}:`;
  const out = new Uint8Array(prefix.length + payload.length);
  for (let i = 0; i < prefix.length; i++) out[i] = prefix.charCodeAt(i);
  out.set(payload, prefix.length);
  return out;
}

export interface FrameReaderOptions {
  /** Largest payload accepted (endo default 999 999 999; a 10-digit prefix is always refused). */
  maxMessageLength?: number;
}

/** Incremental `<len>:<payload>` reader: chunks in, whole frames out. */
export class FrameReader {
  private readonly max: number;
  private offset = 0; // stream bytes consumed so far
  private digits = 0;
  private length = 0;
  /**
   * The payload read so far, as the chunks it came in; set while inside a payload. Nothing is
   * reserved from the declared length: a peer that writes `999999999:` and stops costs nothing.
   */
  private parts: Uint8Array[] | undefined;
  private want = 0; // declared payload length
  private filled = 0;
  private failed: FrameError | undefined;

  constructor(options: FrameReaderOptions = {}) {
    this.max = options.maxMessageLength ?? DEFAULT_MAX_FRAME_LENGTH;
  }

  private fail(rule: FrameRule, offset: number, detail: string): never {
    this.failed = new FrameError(rule, offset, detail);
    throw this.failed;
  }

  push(chunk: Uint8Array): Uint8Array[] {
    if (this.failed) throw this.failed;
    const frames: Uint8Array[] = [];
    let i = 0;
    while (i < chunk.length) {
      if (this.parts) {
        const take = Math.min(chunk.length - i, this.want - this.filled);
        this.parts.push(chunk.slice(i, i + take));
        this.filled += take;
        i += take;
        if (this.filled === this.want) {
          frames.push(joinParts(this.parts, this.want));
          this.parts = undefined;
        }
        continue;
      }
      const b = chunk[i];
      const at = this.offset + i;
      if (b >= 0x30 && b <= 0x39) {
        if (this.digits === 1 && this.length === 0) this.fail('leading-zero', at, 'frame length with a leading zero');
        this.digits++;
        this.length = this.length * 10 + (b - 0x30);
        if (this.digits >= 10 || this.length > this.max) {
          this.fail('too-long', at, `frame length exceeds the maximum of ${this.max} bytes`);
        }
      } else if (b === 0x3a && this.digits > 0) {
        this.want = this.length;
        this.filled = 0;
        this.digits = 0;
        this.length = 0;
        if (this.want === 0) frames.push(new Uint8Array(0));
        else this.parts = [];
      } else {
        const found = b >= 0x20 && b < 0x7f ? `'${String.fromCharCode(b)}'` : `0x${b.toString(16)}`;
        this.fail('bad-prefix', at, `expected a digit${this.digits > 0 ? " or ':'" : ''}, got ${found}`);
      }
      i++;
    }
    this.offset += chunk.length;
    return frames;
  }

  /** True when no frame is partly read. */
  get idle(): boolean {
    return !this.parts && this.digits === 0;
  }

  /** End of stream: a half-read frame is an error. */
  end(): void {
    if (this.failed) throw this.failed;
    if (!this.idle) this.fail('truncated', this.offset, 'stream ended inside a frame');
  }
}

function joinParts(parts: Uint8Array[], length: number): Uint8Array {
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** One value read from an unframed stream, with the exact bytes it occupied. */
export interface StreamValue {
  value: SyrupValue;
  bytes: Uint8Array;
}

/**
 * Unframed reader (Python suite style): values back to back; a value split across chunks waits
 * for the rest. Only a `truncated` Syrup error means "wait"; every other error is final.
 */
export class UnframedReader {
  private pending = new Uint8Array(0);
  private readonly max: number;
  private consumed = 0; // stream bytes handed out as whole values so far

  constructor(private readonly options: DecodeOptions & FrameReaderOptions = {}) {
    this.max = options.maxMessageLength ?? DEFAULT_MAX_FRAME_LENGTH;
  }

  push(chunk: Uint8Array): StreamValue[] {
    const joined = new Uint8Array(this.pending.length + chunk.length);
    joined.set(this.pending);
    joined.set(chunk, this.pending.length);
    const out: StreamValue[] = [];
    let at = 0;
    while (at < joined.length) {
      try {
        const { value, end } = decodeOne(joined, at, this.options);
        out.push({ value, bytes: joined.slice(at, end) });
        at = end;
      } catch (error) {
        if (error instanceof SyrupDecodeError && error.rule === 'truncated') {
          if (error.endsAt !== undefined && error.endsAt - at > this.max) {
            throw new FrameError('too-long', this.consumed + at, `a value declares ${error.endsAt - at} bytes, over the maximum of ${this.max}`);
          }
          break;
        }
        throw error;
      }
    }
    this.pending = joined.slice(at);
    this.consumed += at;
    if (this.pending.length > this.max) {
      throw new FrameError('too-long', this.consumed, `unframed message exceeds ${this.max} bytes`);
    }
    return out;
  }

  /** True when no value is partly read. */
  get idle(): boolean {
    return this.pending.length === 0;
  }

  end(): void {
    if (this.pending.length > 0) throw new FrameError('truncated', 0, `stream ended inside a value (${this.pending.length} bytes pending)`);
  }
}
