/**
 * Goal: a broken result is judged by the category its node gave when it gave one, and only a
 * text result (endo, Goblins, an error that crossed the wire) by the message rules of
 * harness/checks/break-rules.ts; every rule is exercised by the message it was written against,
 * is the first rule that message meets (so no earlier rule shadows it), and the categories follow
 * the one hierarchy (harness/ocapn/break-reason.ts, BREAK_CATEGORIES).
 * Method: each rule's own example through `breakCategory` for its driver; a result with a
 * category, one with text only, and one with neither through `categoriseBreak`/`judgeResult`.
 */
import { test, expect } from '@playwright/test';
import { breakCategories, breakCategory, breakRulesOf, categoriseBreak, ENDO_BREAK_RULES, REFERENCE_BREAK_RULES, rulesFor } from '../../../harness/checks/break-rules.js';
import { judgeResult } from '../../../harness/checks/expectations.js';
import { brokenWithReason } from '../../../harness/checks/broken-with-reason.js';
import { BREAK_CATEGORIES } from '../../../harness/scenario/vocabulary.js';
import type { Transcript, TranscriptEvent } from '../../../harness/transcript/types.js';

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
  expect(breakCategories({ reason: 'Session disconnected (cause: connection reset: killed: bob)' }, [], 'endo')).toEqual(['reset', 'connection-lost']);
  expect(breakCategories({ reason: 'Session disconnected' }, [], 'endo')).toEqual(['closed', 'connection-lost']);
  expect(breakCategories({ reason: 'Session disconnected (cause: bad frame)' }, [], 'endo')).toEqual(['session-aborted']);
  expect(breakCategories({ reason: 'x', category: 'inactivity' })).toEqual(['inactivity', 'connection-lost']);
});

test('tables by driver: mutants and Goblins read the reference\'s; wire words reach any caller', () => {
  expect(breakRulesOf('endo')).toBe(ENDO_BREAK_RULES);
  // A checkout's column (the name its nodes record) reads endo's words, not the reference's.
  expect(breakRulesOf('endo@1fa6c227e')).toBe(ENDO_BREAK_RULES);
  expect(breakCategory('Session disconnected (cause: connection reset: killed: bob)', 'endo@7d229a785')).toBe('reset');
  expect(breakRulesOf('goblins')).toBe(REFERENCE_BREAK_RULES);
  expect(breakRulesOf('flush-resets-refcount')).toBe(REFERENCE_BREAK_RULES);
  expect(breakRulesOf(undefined)).toBe(REFERENCE_BREAK_RULES);
  // A reference callee's no-method error reaches an endo caller in the reference's words (the wire carries text).
  expect(breakCategory('the target has no method "greet": it is a function (it has no methods); call it without a method name', 'endo')).toBe('no-method');
  // endo's words mean nothing to the reference table, and the reverse: no accidental category.
  expect(breakCategory('session with bob ended: connection reset: killed: bob', 'endo')).toBeUndefined();
  expect(breakCategory('something else entirely', 'endo')).toBeUndefined();
});

test('a structured category is judged directly, whatever the message says', () => {
  // The message reads like a flush and names an app message; the node said reset.
  expect(categoriseBreak({ reason: 'session with flusher ended: connection reset: killed: flusher', category: 'reset' }, ['flusher'], 'reference')).toBe('reset');
  expect(categoriseBreak({ reason: '', category: 'closed' }, [])).toBe('closed');
});

test('a text-only result is judged by its driver\'s rules, app messages by origin', () => {
  expect(categoriseBreak({ reason: 'Session disconnected (cause: connection reset: killed: bob)' }, [], 'endo')).toBe('reset');
  // A break a forwarder relayed across the wire reaches the reference node as text (kill-node-mid-chain).
  expect(categoriseBreak({ reason: 'session with carol ended: connection reset: killed: carol' }, [], 'reference')).toBe('reset');
  expect(categoriseBreak({ reason: 'carol gave up' }, ['carol gave up'], 'reference')).toBe('app-error');
  expect(categoriseBreak({ reason: 'turn failed: carol gave up (2 queued sends discarded)' }, ['carol gave up'], 'reference')).toBe('turn-failed');
});

function transcript(result: Transcript['outcome']['results'][string], driver: string): Transcript {
  const events = [
    { kind: 'fault', fault: 'kill', nodes: ['bob'] },
    { kind: 'app', node: 'alice', event: 'settled', kickoff: 'k', outcome: 'broken', reason: result.reason },
  ];
  return {
    header: { transcriptVersion: 1, harnessVersion: 't', recordingVersion: 1, scenarioId: 's', seed: 1, driver, options: { dialect: 'spec', flush: 'none' }, mode: 'lock-step' },
    nodes: [{ name: 'alice', driver }],
    links: [],
    outcome: { end: 'quiescent', results: { k: result } },
    events: events.map((e, seq) => ({ seq, atMs: seq, ...e }) as TranscriptEvent),
  } as Transcript;
}

test('a result with neither a category nor matching words is uncategorised: never a pass', () => {
  const bare = transcript({ outcome: 'broken', reason: 'the peer said something else' }, 'reference');
  const verdict = judgeResult({ name: 'k', kind: 'broken', reasons: ['connection-lost'] }, bare, { appMessages: [] });
  expect(verdict.verdict).toBe('violated');
  expect(verdict.explanation).toContain('got broken (uncategorised: ');
  expect(brokenWithReason.check(bare, { allowedBreakReasons: ['connection-lost'] } as never).verdict).toBe('violated');
  // The same words with the node's category: judged by the category.
  const given = transcript({ outcome: 'broken', reason: 'the peer said something else', category: 'reset' }, 'reference');
  expect(judgeResult({ name: 'k', kind: 'broken', reasons: ['connection-lost'] }, given, { appMessages: [] }).verdict).toBe('holds');
  expect(brokenWithReason.check(given, { allowedBreakReasons: ['connection-lost'] } as never).verdict).toBe('holds');
});
