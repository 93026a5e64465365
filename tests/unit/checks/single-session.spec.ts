// Goal: singleSession holds for one session, for crossed hellos resolved by aborting one
// connection, and catches two live sessions or nodes disagreeing on the session id.
import { test, expect } from '@playwright/test';
import { runChecker } from '../../../harness/checks/verdict.js';
import { singleSession } from '../../../harness/checks/single-session.js';
import { TranscriptBuilder, op } from './_transcript-builder.js';

test('holds for crossed hellos when the loser is aborted before it goes live', () => {
  const b = new TranscriptBuilder();
  const c1 = b.connect('a', 'b');
  const c2 = b.connect('b', 'a');
  b.exchange(c1, 'a', op.hello());
  b.exchange(c2, 'b', op.hello());
  b.exchange(c1, 'b', op.hello());
  b.exchange(c2, 'a', op.abort('Crossed hellos mitigated'));
  b.nodeEvent('a', { type: 'session-open', peer: 'b', sessionId: 'aa11' });
  b.nodeEvent('b', { type: 'session-open', peer: 'a', sessionId: 'aa11' });
  const v = runChecker(singleSession, b.build());
  expect(v).toMatchObject({ verdict: 'holds', exercised: 1 });
});

test('violated when both crossed connections become live sessions', () => {
  const b = new TranscriptBuilder();
  const c1 = b.session('a', 'b');
  const c2 = b.session('b', 'a');
  void c1;
  void c2;
  const v = runChecker(singleSession, b.build());
  expect(v.verdict).toBe('violated');
  expect(v.explanation).toMatch(/^singleSession violated: a and b have two live sessions: c1 and c2 \(frames \d+, \d+, \d+, \d+\)$/);
});

test('a session closed before the next opens is fine', () => {
  const b = new TranscriptBuilder();
  const c1 = b.session('a', 'b');
  b.closeConnection(c1, 'reset');
  b.session('a', 'b');
  expect(runChecker(singleSession, b.build())).toMatchObject({ verdict: 'holds', exercised: 2 });
});

test('violated when the two ends report different session ids', () => {
  const b = new TranscriptBuilder();
  b.session('a', 'b');
  b.nodeEvent('a', { type: 'session-open', peer: 'b', sessionId: '111111111111aaaa' });
  b.nodeEvent('b', { type: 'session-open', peer: 'a', sessionId: '222222222222bbbb' });
  const v = runChecker(singleSession, b.build());
  expect(v.verdict).toBe('violated');
  expect(v.explanation).toContain('a and b disagree on their session');
});

test('a killed node holds no sessions: its next incarnation opening one with the same peer is no second session', () => {
  const b = new TranscriptBuilder();
  const c1 = b.session('b', 'c');
  b.nodeEvent('c', { type: 'session-open', peer: 'b', sessionId: '1111' });
  b.fault('kill', ['c']);
  b.closeConnection(c1, 'reset', 'killed: c');
  b.nodeEvent('b', { type: 'session-closed', peer: 'c', reason: 'connection reset' });
  b.fault('restart-fresh', ['c']);
  b.session('b', 'c');
  b.nodeEvent('c', { type: 'session-open', peer: 'b', sessionId: '2222' });
  expect(runChecker(singleSession, b.build()).verdict).toBe('holds');
  // Without the kill, the same node events are two live sessions.
  const live = new TranscriptBuilder();
  live.nodeEvent('c', { type: 'session-open', peer: 'b', sessionId: '1111' });
  live.nodeEvent('c', { type: 'session-open', peer: 'b', sessionId: '2222' });
  expect(runChecker(singleSession, live.build()).explanation).toContain('c opened a second session with b');
});
