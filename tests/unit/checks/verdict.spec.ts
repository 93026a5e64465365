// Goal: the verdict algebra — merge order violated > unknown > holds, a throwing checker becomes
// unknown with its error (never a pass), unknown names are reported, and every checker runs on an
// empty transcript without throwing.
import { test, expect } from '@playwright/test';
import { checkers, formatVerdicts, mergeVerdicts, runChecker, runChecks } from '../../../harness/checks/index.js';
import { TranscriptBuilder } from './_transcript-builder.js';

test('merge: violated beats unknown beats holds; nothing merges to unknown', () => {
  expect(mergeVerdicts(['holds', 'unknown', 'holds'])).toBe('unknown');
  expect(mergeVerdicts(['holds', 'violated', 'unknown'])).toBe('violated');
  expect(mergeVerdicts(['holds', 'holds'])).toBe('holds');
  expect(mergeVerdicts([])).toBe('unknown');
});

test('a checker that throws yields unknown with the error', () => {
  const v = runChecker({ name: 'boom', needs: [], describe: 'x', check: () => { throw new Error('kaput'); } }, new TranscriptBuilder().build());
  expect(v).toMatchObject({ name: 'boom', verdict: 'unknown', exercised: 0, error: 'kaput' });
  expect(v.explanation).toBe('boom unknown: checker threw: kaput');
});

test('every registered checker says unknown (not holds) on an empty run', () => {
  const report = runChecks(new TranscriptBuilder().build());
  expect(report.verdicts.map((v) => v.name)).toEqual(checkers.map((c) => c.name));
  for (const v of report.verdicts) expect(v.verdict, v.explanation).toBe('unknown');
  expect(report.overall).toBe('unknown');
});

test('an unknown checker name is reported, and violated lines print first', () => {
  const report = runChecks(new TranscriptBuilder().build(), ['nope', 'sessionFirst']);
  expect(report.verdicts[0].explanation).toContain('nope unknown: no such checker');
  const b = new TranscriptBuilder();
  const c = b.connect('a', 'b');
  b.exchange(c, 'a', { op: 'op:deliver', to: { export: 0 }, args: [], answer: false, resolveMe: false });
  const text = formatVerdicts(runChecks(b.build(), ['channelPrefix', 'sessionFirst']));
  expect(text.split('\n')[0]).toMatch(/^sessionFirst violated: a→b on c1: first frame is op:deliver/);
});
