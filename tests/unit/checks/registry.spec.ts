// Goal: every check name a scenario may require (harness/scenario/check-names.ts) has a checker,
// and every checker is one a scenario may name — so `expect.checks` never names a ghost.
import { test, expect } from '@playwright/test';
import { checkerNames } from '../../../harness/checks/index.js';
import { CHECK_NAMES } from '../../../harness/scenario/check-names.js';

test('checker registry equals the scenario language check names', () => {
  expect([...checkerNames].sort()).toEqual([...CHECK_NAMES].sort());
});
