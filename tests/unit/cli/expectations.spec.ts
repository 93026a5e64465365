/**
 * Goal: plan expectations (harness/checks/expectations.ts) judge results, tables, marks and
 * sometimes hits against a transcript, and break messages map to the plan's categories in one
 * place. Method: small hand-made transcripts; each expectation is shown holding and violated.
 */
import { test, expect } from '@playwright/test';
import { breakCategory, breakCategories, categoriseBreak } from '../../../harness/checks/break-rules.js';
import {
  judgeExpectations,
  judgeResult,
  sometimesHits,
  tableDifference,
} from '../../../harness/checks/expectations.js';
import type { PlanExpect, PlanStep, PlanTables } from '../../../harness/scenario/plan.js';
import type { Transcript, TranscriptEvent } from '../../../harness/transcript/types.js';

function transcript(results: Transcript['outcome']['results'], events: unknown[] = []): Transcript {
  return {
    header: { transcriptVersion: 1, harnessVersion: 't', recordingVersion: 1, scenarioId: 's', seed: 1, driver: 'reference', options: { dialect: 'spec', flush: 'none' }, mode: 'lock-step' },
    nodes: [],
    links: [],
    outcome: { end: 'quiescent', results },
    events: events.map((e, seq) => ({ seq, atMs: seq, ...(e as object) }) as TranscriptEvent),
  };
}

const ctx = { appMessages: ['no such thing'] };
const expectNothing: PlanExpect = { results: [], tables: [], checks: 'all', sometimes: [], marks: [], golden: false };

test('break messages of text drivers map to the plan categories; others stay uncategorised', () => {
  // The reference node's words, for its breaks that reach a result as text (relayed across the
  // wire, or a Goblins node's, which has no table of its own); its own breaks carry categories.
  const g = 'goblins';
  expect(breakCategory('flush: not an imported promise, nor a question answered with one, on a live session', g)).toBe('flush-rejected');
  expect(breakCategory('session with carol failed: connection reset: unreachable: carol is down', g)).toBe('unreachable');
  expect(breakCategory('connection closed: killed', g)).toBe('reset');
  expect(breakCategories({ reason: 'session with bob ended: connection reset: killed: bob' }, [], g)).toEqual(['reset', 'connection-lost']);
  expect(breakCategories({ reason: 'session with bob ended: connection closed by peer' }, [], g)).toEqual(['closed', 'connection-lost']);
  expect(breakCategory('session with bob ended: inactivity timeout: nothing received from bob for 5000 ms (limit inactivityTimeoutMs)', g)).toBe('inactivity');
  expect(breakCategory('session with bob ended: connection lost', g)).toBe('connection-lost');
  expect(breakCategory('op:abort: bad signature', g)).toBe('session-aborted');
  expect(breakCategory('peer restarted (incarnation 2)', g)).toBe('peer-restarted');
  expect(breakCategory('something else entirely', g)).toBeUndefined();
  // A failed turn quotes the app's message but is filed under turn-failed, not app-error.
  expect(breakCategory('turn failed: carol gave up (2 queued sends discarded)')).toBe('turn-failed');
  expect(categoriseBreak({ reason: 'turn failed: carol gave up (2 queued sends discarded)' }, ['carol gave up'])).toBe('turn-failed');
  expect(categoriseBreak({ reason: 'carol gave up' }, ['carol gave up'])).toBe('app-error');
  // The reference node's refusal of a call its local target cannot take, as a caller across the
  // wire reads it: the quoted method name never decides the category (a method called "flush" or
  // "reset" is still no-method).
  expect(breakCategory('the target has no method "reset": it is a function (it has no methods); call it without a method name')).toBe('no-method');
  expect(breakCategory('TypeError: the target is not callable: it is an object (it has methods get, increment); call one of its methods')).toBe('no-method');
  // SES's refusal to read a strict function's `caller` is not a category (it was never the real reason).
  expect(breakCategory("'caller', 'callee', and 'arguments' properties may not be accessed on strict mode functions")).toBeUndefined();
  // An app's own message is an app error whatever words it uses.
  expect(categoriseBreak({ reason: 'Error: no such thing (connection)' }, ctx.appMessages)).toBe('app-error');
});

test('results: fulfilled compares JSON values, broken compares categories, pending is pending', () => {
  const t = transcript({
    a: { outcome: 'fulfilled', value: { n: [1, 2] } },
    b: { outcome: 'broken', reason: 'no such thing' },
    c: { outcome: 'pending' },
  });
  expect(judgeResult({ name: 'a', kind: 'fulfilled', value: { n: [1, 2] } }, t, ctx).verdict).toBe('holds');
  const wrong = judgeResult({ name: 'a', kind: 'fulfilled', value: { n: [2, 1] } }, t, ctx);
  expect(wrong.verdict).toBe('violated');
  expect(wrong.explanation).toBe('result a violated: expected fulfilled with {"n":[2,1]}, got fulfilled with {"n":[1,2]}');
  expect(judgeResult({ name: 'b', kind: 'broken', reasons: ['app-error'] }, t, ctx).verdict).toBe('holds');
  expect(judgeResult({ name: 'b', kind: 'broken', reasons: ['connection-lost'] }, t, ctx).explanation).toContain('got broken (app-error: "no such thing")');
  expect(judgeResult({ name: 'c', kind: 'pending' }, t, ctx).verdict).toBe('holds');
  expect(judgeResult({ name: 'zz', kind: 'pending' }, t, ctx).explanation).toContain('no outcome recorded for "zz"');
});

const bobTables = (exports: Array<{ position: number; kind: 'object' | 'promise'; refcount: number; resolved?: boolean }>) => ({
  node: 'bob',
  sessions: [{ peer: 'alice', sessionId: 'x', exports, imports: [], answers: [], questions: [], gifts: [] }],
});

test('tables: rows are matched by position, null fields are not compared, exact counts the rows', () => {
  const want: PlanTables = { node: 'bob', peer: 'alice', session: 'open', exact: false, exports: [{ position: 2, kind: 'promise', refcount: 2, resolved: false }], imports: null, answers: null, questions: null, gifts: null };
  const snap = bobTables([{ position: 0, kind: 'object', refcount: 0 }, { position: 2, kind: 'promise', refcount: 2, resolved: false }]);
  expect(tableDifference(want, snap)).toBeUndefined();
  // A mismatch shows the unexpected rows themselves, not only where they are.
  expect(tableDifference({ ...want, exact: true }, snap)).toBe('exports: expected exactly 1 row(s), got 2 (unexpected: {position 0, object, refcount 0})');
  expect(tableDifference({ ...want, exports: [{ position: 5, kind: null, refcount: null, resolved: null }] }, snap)).toBe(
    'exports: no row at position 5 (rows: {position 0, object, refcount 0}, {position 2, promise, refcount 2, unresolved})',
  );
  expect(tableDifference(want, bobTables([{ position: 2, kind: 'promise', refcount: 1 }]))).toBe(
    'exports position 2: expected {position 2, promise, refcount 2, unresolved}, got {promise, refcount 1}',
  );
  expect(tableDifference({ ...want, peer: 'carol' }, snap)).toBe('bob has no session with carol');
  expect(tableDifference({ ...want, peer: 'carol', session: 'closed' }, snap)).toBeUndefined();
});

test('expect steps are judged as things stood at the step, named by file:line; the final expect at the end', () => {
  const steps: PlanStep[] = [{ index: 0, where: 'scenarios/f.yaml:12:5', kind: 'expect', results: [{ name: 'h', kind: 'pending' }], tables: [] }];
  const events = [
    { kind: 'app', node: 'alice', event: 'call-originated', kickoff: 'h' },
    { kind: 'step', index: 0, step: 'expect' },
    { kind: 'app', node: 'alice', event: 'settled', kickoff: 'h', outcome: 'fulfilled', value: 42 },
  ];
  const t = transcript({ h: { outcome: 'fulfilled', value: 42 } }, events);
  const verdicts = judgeExpectations({ steps, expect: { ...expectNothing, results: [{ name: 'h', kind: 'fulfilled', value: 42 }] } }, t, ctx);
  expect(verdicts.map((v) => [v.name, v.verdict])).toEqual([
    ['result h (step at scenarios/f.yaml:12)', 'holds'],
    ['result h', 'holds'],
  ]);
  // Had it settled before the step, the step's "pending" would be violated.
  const early = transcript({ h: { outcome: 'fulfilled', value: 42 } }, [events[0], events[2], events[1]]);
  expect(judgeExpectations({ steps, expect: expectNothing }, early, ctx)[0].verdict).toBe('violated');
});

test('marks must be hit in the case; sometimes hits are reported per case by kind:name', () => {
  const events = [
    { kind: 'node', node: 'bob', event: { type: 'mark', name: 'flush:queued' } },
    { kind: 'frame', phase: 'sent', frame: 1, connection: 'c1', index: 0, source: 'a', target: 'b', length: 1, sha256: 'x', op: { op: 'op:listen' } },
  ];
  const t = transcript({}, events);
  const withMarks = { ...expectNothing, marks: ['flush:queued', 'never'] };
  expect(judgeExpectations({ steps: [], expect: withMarks }, t, ctx).map((v) => v.verdict)).toEqual(['holds', 'violated']);
  const sometimes: PlanExpect['sometimes'] = [
    { kind: 'frame', name: 'op:listen', description: '' },
    { kind: 'frame', name: 'op:flush', description: '' },
    { kind: 'mark', name: 'flush:queued', description: '' },
  ];
  expect(sometimesHits({ ...expectNothing, sometimes }, t)).toEqual(['frame:op:listen', 'mark:flush:queued']);
});

test('a mutant run that crashed or is malformed never counts as caught; otherwise the named violated checks do', async () => {
  const { mutantVerdict } = await import('../../../harness/case/judge.js');
  const checks = {
    overall: 'violated' as const,
    verdicts: [
      { name: 'flushSwap', verdict: 'violated' as const, exercised: 1, explanation: 'flushSwap violated: no swap' },
      { name: 'gcBalanced', verdict: 'violated' as const, exercised: 1, explanation: 'gcBalanced violated: x' },
    ],
  };
  const ok = { ok: true, problems: [], text: '' };
  expect(mutantVerdict({ crashed: 'worker died', schema: ok, checks }, ['flushSwap'])).toEqual({ invalid: 'the run crashed (worker died): a crash is not a catch' });
  expect(mutantVerdict({ schema: { ok: false, problems: [], text: '/events/3/op: bad' }, checks }, ['flushSwap'])).toHaveProperty('invalid');
  const caught = mutantVerdict({ schema: ok, checks }, ['flushSwap', 'pairing']);
  expect('caught' in caught && caught.caught.map((v) => v.name)).toEqual(['flushSwap']);
  const missed = mutantVerdict({ schema: ok, checks }, ['pairing']);
  expect('caught' in missed && missed.caught).toEqual([]);
});

test('the break categories a scenario expects become the allowed set the judge hands brokenWithReason', async () => {
  const { loadScenario } = await import('../../../harness/scenario/load.js');
  const { allowedBreakReasons } = await import('../../../harness/case/judge.js');
  const killed = loadScenario('scenarios/flush/kill-node-mid-chain.yaml');
  const plain = loadScenario('scenarios/basics/deliver-echo.yaml');
  if (!killed.plan || !plain.plan) throw new Error('pack scenarios must load');
  expect(allowedBreakReasons(killed.plan)).toEqual(['connection-lost', 'peer-restarted', 'unreachable']);
  expect(allowedBreakReasons(plain.plan)).toBeUndefined();
});
