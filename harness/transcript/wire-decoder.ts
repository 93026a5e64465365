/**
 * The frame decoder transcripts use by default: strict Syrup → validated OCapN op → readable
 * operation view, all from the wire layer (harness/ocapn/wire), in the run's dialect.
 * Spec anchor: the CapTP draft's operations (harness/ocapn/README.md); op view contract `OP_VIEW_VERSION` (wire/op-view.ts).
 * Guarantees: throws the wire layer's own error (offset / field path) for a bad frame; the
 * transcript keeps that message as the frame's `decodeError`.
 */
import { DIALECTS, type Dialect } from '../ocapn/syrup/index.js';
import { decodeOp, toOpView } from '../ocapn/wire/index.js';
import type { FrameDecoder } from './from-recording.js';
import type { OpViewJson } from './types.js';

export function asDialect(name: string): Dialect {
  if ((DIALECTS as readonly string[]).includes(name)) return name as Dialect;
  throw new Error(`unknown dialect "${name}" (known: ${DIALECTS.join(', ')})`);
}

export function makeWireDecoder(dialect: string): FrameDecoder {
  const d = asDialect(dialect);
  return (bytes) => toOpView(decodeOp(bytes, d)) as unknown as OpViewJson;
}
