/**
 * Mutant `flush-without-swap`: acknowledges op:flush with op:flush-done but keeps the original
 * promise in export slot N, so deliveries after the ack are not held back on a fresh promise —
 * the fence the flush promises is missing (no export-replaced event either).
 */
import { makeReferenceDriver } from '../reference.js';

export const flushWithoutSwap = makeReferenceDriver({
  name: 'flush-without-swap',
  conforming: false,
  defect: 'op:flush is acknowledged with op:flush-done but export slot N keeps the old promise',
  defects: { flushWithoutSwap: true },
});
