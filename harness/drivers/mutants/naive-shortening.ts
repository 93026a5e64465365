/**
 * Mutant `naive-shortening`: a shortening node (handoffs: shorten) that skips the fence of its
 * flush design — it hands the holder the shorter reference at once, as `flush: none` does, so
 * calls the holder sent on the old path can be overtaken on the new one.
 */
import { makeReferenceDriver } from '../reference.js';

export const naiveShortening = makeReferenceDriver({
  name: 'naive-shortening',
  conforming: false,
  defect: 'promise shortening without any fence: the holder switches paths at once',
  defects: { shortenWithoutFence: true },
});
