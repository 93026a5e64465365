// Goal: op:start-session is validated as the CapTP draft says and crossed hellos resolve as
// harness/ocapn/README.md says.
// Method: real nodes plus hand-driven raw peers over the in-memory netlayer.
import { Far, makeNet, makeNode, rawPeer, recordEvents, settle } from './_net.js';
import { test, expect } from '@playwright/test';
import { compareIds, makeSessionKeyPair, publicIdOf, sessionIdOf } from '../../../../harness/ocapn/crypto/keys.js';
import { seedFor } from './_net.js';
import type { ManualClock } from '../../../../harness/ocapn/netlayer/memory.js';

test('handshake - both sides go live with the same session id', async () => {
  const { net } = makeNet();
  const a = makeNode(net, 'a');
  const b = makeNode(net, 'b');
  const ea = recordEvents(a);
  const eb = recordEvents(b);
  const loc = b.registerSturdyRef('x', Far('X', {}));
  const ref = a.enliven(loc);
  await settle(net);
  await ref;
  const openA = ea.find((e) => e.type === 'session-open');
  const openB = eb.find((e) => e.type === 'session-open');
  expect(openA).toMatchObject({ peer: 'b' });
  expect(openB).toMatchObject({ peer: 'a' });
  expect(openA && 'sessionId' in openA && openA.sessionId).toHaveLength(64);
  expect(openA).toMatchObject({ sessionId: (openB as { sessionId: string }).sessionId });
  // The id is the CapTP draft's Session ID formula over the two connection keys (a's key 0 dialled, b's key 0 answered).
  const ka = makeSessionKeyPair(seedFor('a'), 0);
  const kb = makeSessionKeyPair(seedFor('b'), 0);
  const expected = Buffer.from(sessionIdOf(ka.publicId, kb.publicId)).toString('hex');
  expect((openA as { sessionId: string }).sessionId).toBe(expected);
  expect(a.tables().sessions.map((s) => s.peer)).toEqual(['b']);
});

test('handshake - bad version is aborted with a reason', async () => {
  const { net } = makeNet();
  const b = makeNode(net, 'b');
  const evil = rawPeer(net, 'evil', b);
  evil.hello({ version: '0.9' });
  await settle(net);
  expect(evil.received).toEqual([{ op: 'op:abort', reason: 'op:start-session.captpVersion: expected "1.0", got "0.9"' }]);
  expect(evil.ends).toEqual([{ kind: 'closed' }]);
  expect(b.tables().sessions).toEqual([]);
});

test('handshake - a forged location signature is aborted', async () => {
  const { net } = makeNet();
  const b = makeNode(net, 'b');
  const evil = rawPeer(net, 'evil', b);
  evil.hello({ forge: true });
  await settle(net);
  expect(evil.received).toEqual([{ op: 'op:abort', reason: 'op:start-session.locationSig: invalid location signature' }]);
});

test('handshake - a good raw hello is answered with a hello, then the session is live', async () => {
  const { net } = makeNet();
  const b = makeNode(net, 'b');
  const events = recordEvents(b);
  const evil = rawPeer(net, 'evil', b);
  evil.hello();
  await settle(net);
  expect(evil.received.map((v) => v.op)).toEqual(['op:start-session']);
  expect(events).toEqual([expect.objectContaining({ type: 'session-open', peer: 'evil' })]);
});

test('handshake - anything but start-session or abort before live is aborted', async () => {
  const { net } = makeNet();
  const b = makeNode(net, 'b');
  const evil = rawPeer(net, 'evil', b);
  evil.send({ type: 'op:gc-answers', answerPositions: [1n] });
  await settle(net);
  expect(evil.received).toEqual([{ op: 'op:abort', reason: 'op:gc-answers before the session is live' }]);
});

test('handshake - a second session with a live peer is refused', async () => {
  const { net } = makeNet();
  const b = makeNode(net, 'b');
  const first = rawPeer(net, 'evil', b, 0);
  first.hello();
  await settle(net);
  const second = rawPeer(net, 'evil2', b, 1);
  second.hello({ designator: 'evil' });
  await settle(net);
  expect(second.received).toEqual([{ op: 'op:abort', reason: 'op:start-session: a session with evil is already live' }]);
  expect(first.ends).toEqual([]);
  expect(b.tables().sessions.map((s) => s.peer)).toEqual(['evil']);
});

test('crossed hellos - both keep the connection whose initiator has the higher id', async () => {
  const { net } = makeNet();
  // Both dial before either hello is delivered.
  const { a, b, fromA, fromB, winner } = crossedDial(net);
  await settle(net);
  const [refB, refA] = await Promise.all([fromA, fromB]);
  expect(refB).toBeTruthy();
  expect(refA).toBeTruthy();
  const conns = net.connections();
  expect(conns).toHaveLength(2);
  const aborts = net.log.filter((e) => e.hex.startsWith(Buffer.from("<8'op:abort").toString('hex')));
  expect(new Set(aborts.map((e) => e.connection))).toEqual(new Set([winner.conn === 'c1' ? 'c2' : 'c1']));
  expect(a.tables().sessions).toHaveLength(1);
  expect(b.tables().sessions).toHaveLength(1);
  expect(a.tables().sessions[0].sessionId).toBe(b.tables().sessions[0].sessionId);
  void publicIdOf;
});

/** Both nodes dial each other; returns who loses crossed hellos (lower initiator id) and the two connection ids. */
function crossedDial(net: ReturnType<typeof makeNet>['net']) {
  const a = makeNode(net, 'a');
  const b = makeNode(net, 'b');
  const locA = a.registerSturdyRef('x', Far('A', { who: () => 'a' }));
  const locB = b.registerSturdyRef('x', Far('B', { who: () => 'b' }));
  const fromA = a.enliven(locB);
  const fromB = b.enliven(locA);
  // a dialled c1 with its key 0; b dialled c2 with its key 0.
  const aWins = compareIds(makeSessionKeyPair(seedFor('a'), 0).publicId, makeSessionKeyPair(seedFor('b'), 0).publicId) > 0;
  const loser = aWins ? { name: 'b', conn: 'c2', node: b } : { name: 'a', conn: 'c1', node: a };
  const winner = aWins ? { name: 'a', conn: 'c1', node: a } : { name: 'b', conn: 'c2', node: b };
  return { a, b, fromA, fromB, loser, winner };
}

test('crossed hellos - the loser hears the abort before the winner\'s hello: its waiting calls move to the winning connection', async () => {
  const { net } = makeNet();
  const { a, b, fromA, fromB, loser, winner } = crossedDial(net);
  const failures: string[] = [];
  fromA.catch((e: Error) => failures.push(`a: ${e.message}`));
  fromB.catch((e: Error) => failures.push(`b: ${e.message}`));
  // The winner reads the loser's hello first and refuses that connection...
  await settle(net, (e) => e.connection === loser.conn && e.from === loser.name);
  // ...and its op:abort reaches the loser while the winner's own hello is still on its way.
  await settle(net, (e) => e.connection === loser.conn && e.from === winner.name);
  expect(failures).toEqual([]);
  await settle(net);
  expect(failures).toEqual([]);
  const [refB, refA] = await Promise.all([fromA, fromB]);
  expect(refB).toBeTruthy();
  expect(refA).toBeTruthy();
  expect(a.tables().sessions).toHaveLength(1);
  expect(b.tables().sessions).toHaveLength(1);
  expect(a.tables().sessions[0].sessionId).toBe(b.tables().sessions[0].sessionId);
  // The surviving session runs on the winner's connection; the loser's carried only its hello and the abort.
  const aborts = net.log.filter((e) => e.hex.startsWith(Buffer.from("<8'op:abort").toString('hex')));
  expect(aborts.map((e) => e.connection)).toEqual([loser.conn]);
});

test('crossed hellos - the waiting calls break, naming the handshake timeout, when the winner\'s connection never goes live', async () => {
  const { net } = makeNet();
  const { fromA, fromB, loser, winner } = crossedDial(net);
  const outcome = (p: Promise<unknown>) => p.then(() => 'fulfilled', (e: Error) => e.message);
  const loserOutcome = outcome(loser.name === 'a' ? fromA : fromB);
  void outcome(loser.name === 'a' ? fromB : fromA);
  await settle(net, (e) => e.connection === loser.conn && e.from === loser.name);
  await settle(net, (e) => e.connection === loser.conn && e.from === winner.name);
  // The winner's own connection fails before its hello arrives.
  net.reset(winner.conn);
  await settle(net);
  const clock = loser.node.world.clock as ManualClock;
  let settled: string | undefined;
  void loserOutcome.then((m) => (settled = m));
  clock.advance(29_999);
  await settle(net);
  expect(settled).toBeUndefined();
  clock.advance(30_000);
  await settle(net);
  expect(settled).toMatch(/peer aborted: Crossed hellos mitigated; the peer's own connection did not go live within 30000 ms \(limit handshakeTimeoutMs\)/);
});
