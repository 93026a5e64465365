/**
 * Cheap looks into frame bytes without decoding them (the transcript layer decodes for real):
 * the operation label, and the signature bytes a `corrupt` step flips. Spec anchor:
 * the Syrup draft (records and symbols), the CapTP draft's signatures (`[sig-val [eddsa [r …] [s …]]]`).
 * View: the page-owned network.
 */
import type { RecordedFault } from '../../scenario/plan.js';

/** The operation label of a frame (`op:deliver`, …) read from its first bytes without decoding
 * the rest: a Syrup record opens with `<`, then the label as a symbol `N'label`. */
/** One decoder for every frame: the runner labels each delivered frame, in lock-step. */
const decoder = new TextDecoder();

export function frameLabel(bytes: Uint8Array): string | undefined {
  if (bytes[0] !== 0x3c) return undefined;
  let i = 1;
  let length = 0;
  while (i < bytes.length && bytes[i] >= 0x30 && bytes[i] <= 0x39) length = length * 10 + (bytes[i++] - 0x30);
  if (bytes[i] !== 0x27 || i + 1 + length > bytes.length) return undefined;
  return decoder.decode(bytes.subarray(i + 1, i + 1 + length));
}

/** An armed frame fault: the next frame source→target labelled `label` is rewritten into
 * `frames` (one: altered; two: duplicated; none: lost), and the recording's `fault` event says so. */
export interface FrameFault {
  source: string;
  target: string;
  label: string;
  fault: RecordedFault;
  rewrite(bytes: Uint8Array): { frames: Uint8Array[]; detail: string };
}

/** Flips one bit of the signature's `s` value (the last `[1's N:…` — or `<1's` — in the frame;
 * components.ts writes `[sig-val [eddsa [r 32:…] [s 32:…]]]`); when there is none, of the byte
 * before the closing one. Returns the corrupted copy (as a frame fault's one frame) and what was hit. */
export function corruptSignature(bytes: Uint8Array): { frames: Uint8Array[]; detail: string } {
  const out = bytes.slice();
  for (let i = out.length - 4; i >= 0; i--) {
    if ((out[i] !== 0x3c && out[i] !== 0x5b) || out[i + 1] !== 0x31 || out[i + 2] !== 0x27 || out[i + 3] !== 0x73) continue;
    let j = i + 4;
    while (j < out.length && out[j] >= 0x30 && out[j] <= 0x39) j++;
    if (out[j] !== 0x3a || j + 1 >= out.length) break;
    out[j + 1] ^= 0x01;
    return { frames: [out], detail: `signature byte ${j + 1} flipped` };
  }
  const at = Math.max(0, out.length - 2);
  out[at] ^= 0x01;
  return { frames: [out], detail: `no signature found; byte ${at} flipped` };
}
