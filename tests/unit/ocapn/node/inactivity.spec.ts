// Goal: a live session whose peer owes a reply and stays silent for inactivityTimeoutMs is aborted
// on the node's clock, with a reason naming the timeout, and what was pending breaks with it; the
// timeout has a 5 s floor; an idle session that owes nothing is never timed out; a reply heard in
// time keeps the session.
// Method: two real nodes over the in-memory netlayer; the peer's reply is held in the network
// (not stepped) while the caller's manual clock is moved by the test.
import { makeNet, makeNode, settle, Far, E } from './_net.js';
import { test, expect } from '@playwright/test';
import type { ManualClock } from '../../../../harness/ocapn/netlayer/memory.js';
import { DEFAULT_LIMITS, INACTIVITY_FLOOR_MS, resolveLimits } from '../../../../harness/ocapn/limits.js';

const clockOf = (node: ReturnType<typeof makeNode>) => node.world.clock as ManualClock;

test('inactivity - default 120 s, floor 5 s: a configured 1 s acts as 5 s', () => {
  expect(DEFAULT_LIMITS.inactivityTimeoutMs).toBe(120_000);
  expect(resolveLimits({ inactivityTimeoutMs: 1_000 }).inactivityTimeoutMs).toBe(INACTIVITY_FLOOR_MS);
  expect(resolveLimits({ inactivityTimeoutMs: 7_000 }).inactivityTimeoutMs).toBe(7_000);
});

async function stalledCall(timeoutMs: number | undefined) {
  const { net } = makeNet();
  const a = makeNode(net, 'a', timeoutMs === undefined ? {} : { limits: { inactivityTimeoutMs: timeoutMs } });
  const b = makeNode(net, 'b');
  const echo = await (async () => {
    const p = a.enliven(b.registerSturdyRef('echo', Far('Echo', { say: (s: string) => s })));
    await settle(net);
    return p;
  })();
  const reply = E(echo).say('hi');
  reply.catch(() => {});
  // a's delivery goes out; nothing from b is ever delivered back (the link is stalled).
  await settle(net, (e) => e.from === 'a');
  return { net, a, b, reply };
}

test('inactivity - a peer that owes an answer and stays silent is aborted; the call breaks naming the timeout', async () => {
  const { net, a, reply } = await stalledCall(1_000);
  clockOf(a).advance(4_999);
  await settle(net, (e) => e.from === 'a');
  expect(a.tables().sessions.map((s) => s.peer)).toEqual(['b']); // the floor, not the configured 1 s
  clockOf(a).advance(5_000);
  await settle(net, (e) => e.from === 'a');
  expect(a.tables().sessions).toEqual([]);
  await expect(reply).rejects.toThrow(/inactivity timeout: nothing received from b for 5000 ms/);
  await expect(reply).rejects.toMatchObject({ category: 'inactivity' });
});

test('inactivity - an answer heard in time keeps the session; an idle session is never timed out', async () => {
  const { net, a, reply } = await stalledCall(5_000);
  clockOf(a).advance(4_000);
  await settle(net);
  expect(await reply).toBe('hi');
  clockOf(a).advance(1_000_000);
  await settle(net);
  expect(a.tables().sessions.map((s) => s.peer)).toEqual(['b']);
});

test('inactivity - without the timer (default 120 s) the stalled call is still pending at 119 s', async () => {
  const { net, a } = await stalledCall(undefined);
  clockOf(a).advance(119_000);
  await settle(net, (e) => e.from === 'a');
  expect(a.tables().sessions.map((s) => s.peer)).toEqual(['b']);
  clockOf(a).advance(120_000);
  await settle(net, (e) => e.from === 'a');
  expect(a.tables().sessions).toEqual([]);
});
