/**
 * Where decoded bytestrings live. Each body is copied into a shared append-only slab and handed
 * out as a view of exactly its own bytes, so a value never aliases the caller's buffer (which a
 * netlayer may reuse) and two values never overlap. One slab serves many messages: allocating an
 * ArrayBuffer per message was a fifth of the decode time, and a filled slab is never written again.
 * The price, as with Node's Buffer pool: a view's `.buffer` also holds other bodies decoded
 * around the same time, and a kept small view keeps its whole slab (SLAB_BYTES) alive.
 */
const SLAB_BYTES = 16 * 1024;
/** Bodies longer than this get an ArrayBuffer of their own, so one big body does not waste a slab. */
const OWN_BUFFER_OVER = SLAB_BYTES / 8;
/** Up to this many bytes a plain loop is cheaper than making a subarray for `set`. */
const LOOP_COPY_MAX = 32;

let slab = new Uint8Array(SLAB_BYTES);
let used = 0;

/** A fresh, private copy of `bytes[start..end)`. */
export function copyBytes(bytes: Uint8Array, start: number, end: number): Uint8Array {
  const length = end - start;
  if (length > OWN_BUFFER_OVER) return bytes.slice(start, end);
  if (used + length > SLAB_BYTES) {
    slab = new Uint8Array(SLAB_BYTES);
    used = 0;
  }
  const at = used;
  if (length <= LOOP_COPY_MAX) for (let i = 0; i < length; i++) slab[at + i] = bytes[start + i];
  else slab.set(bytes.subarray(start, end), at);
  used = at + length;
  return new Uint8Array(slab.buffer, at, length);
}
