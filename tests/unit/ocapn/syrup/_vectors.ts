/**
 * Loads `fixtures/vectors/ocapn-vectors.json` (provenance: `fixtures/vectors/README.md`).
 * Fails loudly when the file is missing rather than letting vector tests pass vacuously.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TypedTree } from '../../../../harness/ocapn/syrup/index.js';

export interface PositiveVector {
  name: string;
  hex: string;
  length: number;
  decoded: TypedTree;
  syrup_canonical_roundtrip: boolean;
  endo_ocapn_struct_bytes_hex?: string;
}
export interface NegativeVector {
  name: string;
  hex: string;
  description: string;
  dialects?: string[];
  note?: string;
}
export interface FramingVector {
  name: string;
  chunks_hex: string[];
  frames_ascii?: string[];
  expect?: 'reject';
  options?: { maxMessageLength?: number };
}
export interface VectorFile {
  vectors: PositiveVector[];
  negative_vectors: NegativeVector[];
  framing_vectors: FramingVector[];
}

export const VECTOR_PATH = fileURLToPath(new URL('../../../../fixtures/vectors/ocapn-vectors.json', import.meta.url));

export function loadVectors(): VectorFile {
  if (!existsSync(VECTOR_PATH)) {
    throw new Error(`vector file not found at ${VECTOR_PATH}: the fixture is part of the repository, restore it with git`);
  }
  return JSON.parse(readFileSync(VECTOR_PATH, 'utf8')) as VectorFile;
}

export { hexToBytes as hexBytes, toHex as hexOf } from '../../../../harness/ocapn/syrup/index.js';
