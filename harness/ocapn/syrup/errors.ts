/**
 * Errors of the Syrup layer. A decode error names the byte offset and the rule broken, so a
 * transcript or the CLI can point at the exact byte (an error names where and what).
 * Guarantees: the decoder throws nothing but `SyrupDecodeError` on any input (fuzz-tested);
 * the encoder throws `SyrupEncodeError` for values Syrup (or the dialect) cannot carry.
 */

/** The rules a strict reader enforces, as stable identifiers (tests and tools match on them). */
export type SyrupRule =
  | 'empty-input'
  | 'truncated'
  | 'trailing-bytes'
  | 'unexpected-byte'
  | 'leading-zero'
  | 'negative-zero-integer'
  | 'single-float'
  | 'noncanonical-nan'
  | 'negative-zero-float'
  | 'invalid-utf8'
  | 'dict-order'
  | 'dict-duplicate'
  | 'set-order'
  | 'set-duplicate'
  | 'record-without-label'
  | 'too-deep'
  | 'integer-too-long';

export class SyrupDecodeError extends Error {
  override name = 'SyrupDecodeError';
  /** For `truncated` inside a length-prefixed atom: the offset where it would end, so a stream
   * reader can refuse a declared length it will never accept instead of waiting for it. */
  endsAt: number | undefined;
  constructor(
    readonly rule: SyrupRule,
    /** Absolute offset of the offending byte in the buffer handed to the decoder. */
    readonly offset: number,
    detail: string,
    source?: string,
  ) {
    super(`syrup ${rule}: ${detail} at byte ${offset}${source ? ` of ${source}` : ''}`);
  }
}

export class SyrupEncodeError extends Error {
  override name = 'SyrupEncodeError';
  constructor(message: string) {
    super(`syrup encode: ${message}`);
  }
}
