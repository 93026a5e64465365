/**
 * Goal: an expectation the run cannot evaluate fails the case, never passes silently — a check
 * the scenario names that finds nothing to judge, a mark no node can emit (in `marks` and in
 * `sometimes`), tables of a node or session the run never produced — while `checks: all` still
 * skips inapplicable checks; an unknown conforming case fails the conformance run unless the
 * scenario allows it with a reason. Method: real pack scenarios run in-process and judged by the
 * runner's judge, changed one expectation at a time; hand-made transcripts for table edge cases.
 */
import { test, expect } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { judgeTables } from '../../../harness/checks/expectations.js';
import { judgeSometimes, sometimesFailures } from '../../../harness/case/sometimes.js';
import { unknownNotAllowed } from '../../../harness/case/unknown-cases.js';
import { loadCatalog } from '../../../harness/case/catalog.js';
import type { Transcript, TranscriptEvent } from '../../../harness/transcript/types.js';
import { inlinePlan, judged, packPlan, withExpect } from './_run.js';

const echo = () => packPlan('scenarios/basics/deliver-echo.yaml');

test('a named check that finds nothing to judge fails the case with its reason and a hint; checks: all skips it', async () => {
  const named = withExpect(echo(), { checks: ['reconnectsAfter'] });
  const j = await judged(named);
  expect(j.checks.verdicts.map((v) => v.verdict)).toEqual(['unknown']);
  const text = j.failures.join('\n');
  expect(text).toContain('reconnectsAfter unknown: ');
  expect(text).toContain('drop it from expect.checks, or change the scenario so it applies');
  // The same run under `checks: all`: reconnectsAfter is unknown there too, and that is fine.
  const all = await judged(echo());
  expect(all.checks.verdicts.find((v) => v.name === 'reconnectsAfter')?.verdict).toBe('unknown');
  expect(all.failures).toEqual([]);
});

test('expect.marks naming a mark no node can emit cannot be judged and fails; a known mark not hit is "never hit"', async () => {
  const j = await judged(withExpect(echo(), { marks: ['flush:delivery-queued-on-fresh-promis', 'flush:done-before-forwarded-answered'] }));
  const [typo, known] = j.expectations.filter((v) => v.name.startsWith('mark '));
  expect(typo.verdict).toBe('unknown');
  expect(typo.explanation).toContain('no node can emit mark "flush:delivery-queued-on-fresh-promis"');
  expect(known.verdict).toBe('violated');
  expect(known.explanation).toContain('never hit');
  expect(j.failures.some((f) => f.includes('cannot be judged') && f.includes('flush:delivery-queued-on-fresh-promis'))).toBe(true);
});

test('a sometimes mark no node can emit is reported as impossible, not merely missed', () => {
  const plan = withExpect(echo(), {
    sometimes: [
      { kind: 'mark', name: 'forward:route-revisits-nod', description: '' },
      { kind: 'mark', name: 'forward:route-revisits-node', description: 'a route loops' },
      { kind: 'frame', name: 'op:deliver', description: '' },
    ],
  });
  const lines = judgeSometimes(plan, new Map([[1, ['frame:op:deliver']], [2, ['frame:op:deliver']]]));
  expect(lines.map((l) => l.seeds)).toEqual([[], [], [1, 2]]);
  expect(sometimesFailures(lines)).toEqual([
    'sometimes cannot be judged: mark:forward:route-revisits-nod: no node can emit mark "forward:route-revisits-nod" (marks nodes emit: flush:delivery-queued-on-fresh-promise, flush:done-before-forwarded-answered, turn-begin, turn-commit, turn-abort, forward:route-revisits-node)',
    'sometimes never hit: mark:forward:route-revisits-node (a route loops) in seeds 1, 2',
  ]);
});

function transcript(events: unknown[]): Transcript {
  return {
    header: { transcriptVersion: 1, harnessVersion: 't', recordingVersion: 1, scenarioId: 's', seed: 1, driver: 'reference', options: { dialect: 'spec', flush: 'none' }, mode: 'lock-step' },
    nodes: [],
    links: [],
    outcome: { end: 'quiescent', results: {} },
    events: events.map((e, seq) => ({ seq, atMs: seq, ...(e as object) }) as TranscriptEvent),
  };
}

test('tables of a node the run never snapshotted, or a closed session that never existed, cannot be judged', () => {
  const closed = { node: 'bob', peer: 'carol', session: 'closed' as const, exact: false, exports: null, imports: null, answers: null, questions: null, gifts: null };
  const bobAlone = transcript([{ kind: 'tables', label: 'end', snapshot: { node: 'bob', sessions: [] } }]);
  const never = judgeTables(closed, bobAlone, 'end');
  expect(never.verdict).toBe('unknown');
  expect(never.explanation).toBe('tables bob→carol (end) cannot be judged: bob never had a session with carol in this run, so "session: closed" proves nothing');
  // Once bob had a session with carol, "closed" at the end is a real fact.
  const opened = transcript([{ kind: 'node', node: 'bob', event: { type: 'session-open', peer: 'carol', sessionId: 'x' } }, { kind: 'tables', label: 'end', snapshot: { node: 'bob', sessions: [] } }]);
  expect(judgeTables(closed, opened, 'end').verdict).toBe('holds');
  const missing = judgeTables({ ...closed, node: 'dave' }, bobAlone, 'end');
  expect(missing.verdict).toBe('unknown');
  expect(missing.explanation).toContain('the run took no table snapshot of dave at end');
});

test('a closed-session expectation on a pair that never met fails the whole case', async () => {
  const plan = withExpect(echo(), {
    tables: [{ node: 'alice', peer: 'alice', session: 'closed', exact: false, exports: null, imports: null, answers: null, questions: null, gifts: null }],
  });
  const j = await judged(plan);
  expect(j.failures.join('\n')).toContain('alice never had a session with alice in this run');
});

test('expect.allowUnknown is read into the plan; unknown conforming cases fail the run unless allowed', () => {
  const base = (extra: string) =>
    inlinePlan(`id: only-nothing
title: nothing happens
features: [deliver]
topology:
  nodes:
    alice: {}
expect:
  checks: all
${extra}`);
  expect(base('').expect.allowUnknown).toBeUndefined();
  const allowed = base('  allowUnknown: a lone node sends nothing; the scenario only proves it starts');
  expect(allowed.expect.allowUnknown).toBe('a lone node sends nothing; the scenario only proves it starts');
  const entries = [{ file: 'x.yaml', plan: allowed, problems: [], cases: [], mutantCases: [] }];
  const rows = [
    { scenario: 'only-nothing', driver: 'reference', seed: 1, status: 'unknown' },
    { scenario: 'deliver-echo', driver: 'reference', seed: 2, status: 'unknown' },
    { scenario: 'deliver-echo', driver: 'flush-without-swap', seed: 1, status: 'unknown' },
    { scenario: 'deliver-echo', driver: 'reference', seed: 1, status: 'pass' },
  ];
  expect(unknownNotAllowed(rows, [...entries, ...loadCatalog()])).toEqual([
    'deliver-echo [reference] seed 2 is unknown: no check could judge the run (name checks that apply, or add expect.allowUnknown: "<why>")',
  ]);
});

test('the CI closing line counts unknown cases apart and fails on one its scenario does not allow', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ci-summary-'));
  const caseTest = (title: string, verdict: string, extra: Array<{ type: string; description?: string }> = []) => ({
    title,
    tests: [{ annotations: [], results: [{ status: 'passed', annotations: [{ type: 'ocapn.scenario', description: 's' }, { type: 'ocapn.verdict', description: verdict }, ...extra] }] }],
  });
  const write = (specs: unknown[]) => {
    const file = path.join(dir, `r${specs.length}.json`);
    writeFileSync(file, JSON.stringify({ stats: { expected: specs.length, unexpected: 0, skipped: 0, flaky: 0 }, suites: [{ specs: [], suites: [{ specs }] }] }));
    return spawnSync(process.execPath, ['harness/tools/ci-summary.mjs', file], { encoding: 'utf8' });
  };
  const ok = write([caseTest('a seed 1', 'holds'), caseTest('b seed 1', 'unknown', [{ type: 'ocapn.allow-unknown', description: 'why' }])]);
  expect(ok.stdout.trim()).toBe('1 passed, 0 failed, 1 unknown');
  expect(ok.status).toBe(0);
  const bad = write([caseTest('a seed 1', 'holds'), caseTest('b seed 1', 'unknown'), caseTest('c seed 1', 'holds')]);
  expect(bad.stdout).toContain('unknown (no check could judge the run; no expect.allowUnknown): b seed 1');
  expect(bad.stdout.trim().split('\n').at(-1)).toBe('2 passed, 0 failed, 1 unknown (1 not allowed)');
  expect(bad.status).toBe(1);
});

test('checks receive what the plan allows from the judge; the transcript header carries none of it', async () => {
  const plan = packPlan('scenarios/flush/kill-node-mid-chain.yaml');
  const j = await judged(plan);
  expect(Object.keys(j.transcript.header)).not.toContain('allowedBreakReasons');
  expect(j.checks.verdicts.find((v) => v.name === 'brokenWithReason')?.verdict).toBe('holds');
  // The same run judged against a plan that allows only an aborted session: the break is wrong.
  const strict = withExpect(plan, { results: plan.expect.results.map((r) => (r.kind === 'broken' ? { ...r, reasons: ['session-aborted' as const] } : r)) });
  const again = await judged(strict);
  expect(again.checks.verdicts.find((v) => v.name === 'brokenWithReason')?.explanation).toContain('(allowed: session-aborted)');
});
