/**
 * Goal: every driver's message → category rule (harness/checks/break-rules.ts) is exercised by
 * the message it was written against, is the first rule that message meets (so no earlier rule
 * shadows it), and the categories follow the one hierarchy (vocabulary.ts, BREAK_CATEGORIES).
 * Method: each rule's own example through `breakCategory` for its driver; endo's wording
 * checked under the reference table too, where it must not be mistaken for a finer category.
 */
import { test, expect } from '@playwright/test';
import { breakCategories, breakCategory, breakRulesOf, ENDO_BREAK_RULES, REFERENCE_BREAK_RULES, rulesFor } from '../../../harness/checks/break-rules.js';
import { BREAK_CATEGORIES } from '../../../harness/scenario/vocabulary.js';

const TABLES = { reference: REFERENCE_BREAK_RULES, endo: ENDO_BREAK_RULES };

for (const [driver, table] of Object.entries(TABLES)) {
  for (const rule of [...table.wire, ...table.local]) {
    test(`${driver}: "${rule.example}" → ${rule.category}`, () => {
      expect(rule.pattern.test(rule.example)).toBe(true);
      expect(rulesFor(driver).find((r) => r.pattern.test(rule.example))).toBe(rule);
      expect(breakCategory(rule.example, driver)).toBe(rule.category);
    });
  }
}

test('every rule names a declared category; broader categories come from the one hierarchy', () => {
  for (const table of Object.values(TABLES)) for (const r of [...table.wire, ...table.local]) expect(Object.keys(BREAK_CATEGORIES)).toContain(r.category);
  expect(breakCategories('Session disconnected (cause: connection reset: killed: bob)', [], 'endo')).toEqual(['reset', 'connection-lost']);
  expect(breakCategories('Session disconnected', [], 'endo')).toEqual(['closed', 'connection-lost']);
  expect(breakCategories('Session disconnected (cause: bad frame)', [], 'endo')).toEqual(['session-aborted']);
});

test('mutants and unknown drivers use the reference wording; a callee\'s wire wording applies to any caller', () => {
  expect(breakRulesOf('flush-resets-refcount')).toBe(REFERENCE_BREAK_RULES);
  expect(breakRulesOf(undefined)).toBe(REFERENCE_BREAK_RULES);
  // A reference callee's no-method error reaches an endo caller in the reference's words.
  expect(breakCategory('the target has no method "greet": it is a function (it has no methods); call it without a method name', 'endo')).toBe('no-method');
  // endo's words mean nothing to the reference table, and the reverse: no accidental category.
  expect(breakCategory('session with bob ended: connection reset: killed: bob', 'endo')).toBeUndefined();
  expect(breakCategory('something else entirely', 'endo')).toBeUndefined();
});
