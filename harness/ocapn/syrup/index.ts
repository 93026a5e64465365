/**
 * Syrup: the value model, strict codec, typed-tree view and stream framing (harness/ocapn/README.md).
 * Knows nothing of OCapN meaning; wire/ builds on it.
 */
export * from './value.js';
export * from './errors.js';
export { decode, decodeOne, DEFAULT_MAX_DEPTH, DictKeyOrder, SyrupReader, type DecodeOptions } from './decode.js';
export { encode, encodeWith, SyrupWriter, type EncodeOptions } from './encode.js';
export * from './typed-tree.js';
export * from './framing.js';
export { compareBytes, toHex, fromHex, hexToBytes, isPrintableAscii, latin1 } from './bytes.js';
