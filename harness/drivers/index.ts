/**
 * Every driver the harness knows, by name: the conforming reference node, endo's @endo/ocapn
 * Guile Goblins and the mutants. `endo` is listed here by what it is (drivers/endo/info.ts); its code runs
 * only in the separately bundled endo worker (page/endo-worker.ts), so this stub's makeNode
 * refuses: a worker of this bundle never carries endo.
 */
import type { Driver } from './driver.js';
import { referenceDriver } from './reference.js';
import { flushResetsRefcount } from './mutants/flush-resets-refcount.js';
import { flushWithoutSwap } from './mutants/flush-without-swap.js';
import { forwarderReorders } from './mutants/forwarder-reorders.js';
import { noInactivityTimeout } from './mutants/no-inactivity-timeout.js';
import { resetAsClose } from './mutants/reset-as-close.js';
import { outputFromFailedTurn } from './mutants/output-from-failed-turn.js';
import { resurrectSession } from './mutants/resurrect-session.js';
import { naiveShortening } from './mutants/naive-shortening.js';
import { answerQueueSplit } from './mutants/answer-queue-split.js';
import { shortenerFlushWithoutConfirm } from './mutants/shortener-flush-without-confirm.js';
import { depositAfterWithdraw } from './mutants/deposit-after-withdraw.js';
import { stopResets } from './mutants/stop-resets.js';
import { writesAfterReset } from './mutants/writes-after-reset.js';
import { ENDO_DRIVER_NAME, ENDO_FEATURE_GAPS, ENDO_FEATURES, ENDO_TABLES_GAP } from './endo/info.js';
import { GOBLINS_DRIVER_NAME, GOBLINS_FEATURE_GAPS, GOBLINS_FEATURES, GOBLINS_TABLES_GAP } from './goblins/info.js';

export const endoDriverInfo: Driver = {
  name: ENDO_DRIVER_NAME,
  conforming: true,
  features: ENDO_FEATURES,
  featureGaps: ENDO_FEATURE_GAPS,
  tablesGap: ENDO_TABLES_GAP,
  makeNode() {
    throw new Error('endo driver: this worker bundle does not carry endo (endo nodes run in endo-worker.js)');
  },
};

/** Goblins nodes are Guile processes (goblins/peer.scm) the Playwright side starts and bridges
 * (harness/case/goblins-peers.ts): no worker ever makes one. */
export const goblinsDriverInfo: Driver = {
  name: GOBLINS_DRIVER_NAME,
  conforming: true,
  features: GOBLINS_FEATURES,
  featureGaps: GOBLINS_FEATURE_GAPS,
  tablesGap: GOBLINS_TABLES_GAP,
  makeNode() {
    throw new Error('goblins driver: Goblins nodes run as Guile processes, never in a worker');
  },
};

export const drivers: readonly Driver[] = [referenceDriver, endoDriverInfo, goblinsDriverInfo, flushResetsRefcount, flushWithoutSwap, forwarderReorders, noInactivityTimeout, resetAsClose, outputFromFailedTurn, resurrectSession, naiveShortening, shortenerFlushWithoutConfirm, depositAfterWithdraw, stopResets, writesAfterReset, answerQueueSplit];

export function getDriver(name: string): Driver | undefined {
  return drivers.find((d) => d.name === name);
}
