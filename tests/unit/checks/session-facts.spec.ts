/**
 * Goal: `expect.sessions` counts the distinct sessions a node opened with a peer, so "the second
 * call used a new session" (2) and "every call kept the session" (1) are both judged, and a wrong
 * count fails naming what was seen.
 * Method: judgeSessions over transcripts holding node `session-open` events.
 */
import { test, expect } from '@playwright/test';
import { judgeSessions } from '../../../harness/checks/expectations.js';
import type { Transcript } from '../../../harness/transcript/types.js';

function withSessions(...opens: [node: string, peer: string, id: string][]): Transcript {
  const events = opens.map(([node, peer, sessionId], seq) => ({ seq, atMs: seq, kind: 'node', node, event: { type: 'session-open', peer, sessionId } }));
  return { events, outcome: { results: {} } } as unknown as Transcript;
}

test('two distinct sessions alice→bob: a count of 2 holds, 1 is violated with the ids seen', () => {
  const t = withSessions(['alice', 'bob', 'aaaaaaaa11'], ['bob', 'alice', 'aaaaaaaa11'], ['alice', 'bob', 'bbbbbbbb22'], ['alice', 'carol', 'cccccccc33']);
  expect(judgeSessions({ node: 'alice', peer: 'bob', count: 2 }, t).verdict).toBe('holds');
  const wrong = judgeSessions({ node: 'alice', peer: 'bob', count: 1 }, t);
  expect(wrong.verdict).toBe('violated');
  expect(wrong.explanation).toContain('expected 1, got 2 sessions (aaaaaaaa, bbbbbbbb)');
});

test('the same session reported twice counts once; none at all is 0', () => {
  const t = withSessions(['alice', 'bob', 'aaaaaaaa11'], ['alice', 'bob', 'aaaaaaaa11']);
  expect(judgeSessions({ node: 'alice', peer: 'bob', count: 1 }, t).verdict).toBe('holds');
  expect(judgeSessions({ node: 'bob', peer: 'alice', count: 0 }, t).verdict).toBe('holds');
});
