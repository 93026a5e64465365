/**
 * Every driver the harness knows, by name: the conforming reference node and its mutants.
 * (An endo checkout driver would be added here, loaded from a path, when it exists.)
 */
import type { Driver } from './driver.js';
import { referenceDriver } from './reference.js';
import { flushResetsRefcount } from './mutants/flush-resets-refcount.js';
import { flushWithoutSwap } from './mutants/flush-without-swap.js';
import { forwarderReorders } from './mutants/forwarder-reorders.js';

export const drivers: readonly Driver[] = [referenceDriver, flushResetsRefcount, flushWithoutSwap, forwarderReorders];

export function getDriver(name: string): Driver | undefined {
  return drivers.find((d) => d.name === name);
}
