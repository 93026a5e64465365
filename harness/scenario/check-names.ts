/**
 * Names of the properties a scenario may require under `expect.checks` (harness/checks/README.md), so the
 * scenario layer can validate them without importing harness/checks (imports flow one way).
 * Guarantees: the schema's checkName enum lists exactly these (a unit test keeps them equal).
 */

export const CHECK_NAMES = [
  // wire level
  'channelPrefix',
  'sessionFirst',
  'singleSession',
  'abortTerminal',
  'noForgery',
  'decidedOnce',
  'gcBalanced',
  'flushFence',
  // application level
  'perRefFifo',
  'forwarderOrder',
  'noLoss',
  'noDuplicates',
  'brokenWithReason',
  // table level
  'pairing',
  'flushSwap',
  'tablesEmptyAtTeardown',
  // fault level
  'noStaleDelivery',
  'reconnectsAfter',
  'cleanClose',
  'noOutputFromFailedTurn',
] as const;

export type CheckName = (typeof CHECK_NAMES)[number];
