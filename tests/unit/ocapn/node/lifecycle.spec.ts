// Goal: a session's end is also its connection's end. op:abort either way closes the connection
// (the peer sees the close right after the abort frame); a connection that never completes its
// handshake is closed on the node's clock; a refused gift breaks one answer, not the session.
// Method: a real node b and hand-driven raw peers over the in-memory netlayer; b's clock is the
// manual clock of its World, moved by the test.
import { makeNet, makeNode, rawPeer, settle, Far, E } from './_net.js';
import { test, expect } from '@playwright/test';
import type { ManualClock } from '../../../../harness/ocapn/netlayer/memory.js';
import { encode, sym, SyrupRecord, type SyrupValue } from '../../../../harness/ocapn/syrup/index.js';
import { HandoffGive, HandoffReceive, OcapnPeer, PublicKey, SigEnvelope, Signature, writeSigEnvelope } from '../../../../harness/ocapn/wire/index.js';
import { DEFAULT_LIMITS } from '../../../../harness/ocapn/limits.js';

const rec = (label: string, ...fields: SyrupValue[]) => new SyrupRecord(sym(label), fields);
const clockOf = (node: ReturnType<typeof makeNode>) => node.world.clock as ManualClock;

test('lifecycle - a peer op:abort during the handshake closes the connection', async () => {
  const { net } = makeNet();
  const b = makeNode(net, 'b');
  const evil = rawPeer(net, 'evil', b);
  evil.send({ type: 'op:abort', reason: 'changed my mind' });
  await settle(net);
  expect(evil.received).toEqual([]);
  expect(evil.ends).toEqual([{ kind: 'closed' }]);
  // A hello after the abort reaches nobody: the connection is over, no session is handshaking.
  evil.hello();
  await settle(net);
  expect(evil.received).toEqual([]);
  expect(b.tables().sessions).toEqual([]);
});

test('lifecycle - a peer op:abort on a live session closes the connection', async () => {
  const { net } = makeNet();
  const b = makeNode(net, 'b');
  const evil = rawPeer(net, 'evil', b);
  evil.hello();
  await settle(net);
  expect(b.tables().sessions.map((s) => s.peer)).toEqual(['evil']);
  evil.send({ type: 'op:abort', reason: 'bye' });
  await settle(net);
  expect(evil.received.map((v) => v.op)).toEqual(['op:start-session']);
  expect(evil.ends).toEqual([{ kind: 'closed' }]);
  expect(b.tables().sessions).toEqual([]);
});

test(`lifecycle - a silent connection is closed after handshakeTimeoutMs (default ${DEFAULT_LIMITS.handshakeTimeoutMs})`, async () => {
  const { net } = makeNet();
  const b = makeNode(net, 'b');
  const clock = clockOf(b);
  const silent = rawPeer(net, 'silent', b);
  await settle(net);
  clock.advance(DEFAULT_LIMITS.handshakeTimeoutMs - 1);
  await settle(net);
  expect(silent.received).toEqual([]);
  expect(silent.ends).toEqual([]);
  clock.advance(DEFAULT_LIMITS.handshakeTimeoutMs);
  await settle(net);
  expect(silent.received).toEqual([{ op: 'op:abort', reason: 'limit handshakeTimeoutMs: no valid op:start-session within 30000 ms' }]);
  expect(silent.ends).toEqual([{ kind: 'closed' }]);
});

test('lifecycle - handshakeTimeoutMs is configurable and a completed handshake is never timed out', async () => {
  const { net } = makeNet();
  const b = makeNode(net, 'b', { limits: { handshakeTimeoutMs: 50 } });
  const clock = clockOf(b);
  const slow = rawPeer(net, 'slow', b, 0);
  const prompt = rawPeer(net, 'prompt', b, 1);
  prompt.hello();
  await settle(net);
  clock.advance(49);
  await settle(net);
  expect(slow.received).toEqual([]);
  clock.advance(1000);
  await settle(net);
  expect(slow.received).toEqual([{ op: 'op:abort', reason: 'limit handshakeTimeoutMs: no valid op:start-session within 50 ms' }]);
  expect(slow.ends).toEqual([{ kind: 'closed' }]);
  expect(prompt.received.map((v) => v.op)).toEqual(['op:start-session']);
  expect(prompt.ends).toEqual([]);
  expect(b.tables().sessions.map((s) => s.peer)).toEqual(['prompt']);
});

function handoffReceive(): SigEnvelope<HandoffReceive> {
  const bytes = (n: number, fill: number) => new Uint8Array(n).fill(fill);
  const sig = new Signature(bytes(32, 1), bytes(32, 2));
  const give = new SigEnvelope(new HandoffGive(new PublicKey(bytes(32, 3)), new OcapnPeer('sim', 'b', false), bytes(32, 4), bytes(32, 5), bytes(8, 6)), sig);
  return new SigEnvelope(new HandoffReceive(bytes(32, 7), bytes(32, 8), 0n, give), sig);
}

// A certificate for another session, and a gift id that is not a bytestring.
const refusals = { 'withdraw-gift': 'withdraw-gift: handoff-receive.receivingSession is not the Session ID', 'deposit-gift': 'deposit-gift: the gift id must be a bytestring' };
for (const method of ['withdraw-gift', 'deposit-gift'] as const) {
  test(`lifecycle - a refused ${method} breaks its answer with a reason; the session stays live`, async () => {
    const { net } = makeNet();
    const b = makeNode(net, 'b');
    b.registerSturdyRef('echo', Far('Echo', {}));
    const evil = rawPeer(net, 'evil', b);
    evil.hello();
    await settle(net);
    const args = method === 'withdraw-gift' ? [sym(method), writeSigEnvelope(handoffReceive())] : [sym(method), 'not-bytes', rec('desc:export', 0n)];
    // Our export 1 stands for the resolver b reports the outcome to.
    evil.write(encode(rec('op:deliver', rec('desc:export', 0n), args, 1n, rec('desc:import-object', 1n))));
    evil.write(encode(rec('op:deliver', rec('desc:export', 0n), [sym('fetch'), new TextEncoder().encode('echo')], 2n, rec('desc:import-object', 2n))));
    await settle(net);
    const [, broke, fetched] = evil.received as Array<Record<string, unknown>>;
    expect(JSON.stringify(broke)).toContain('break');
    expect(JSON.stringify(broke)).toContain(refusals[method]);
    expect(JSON.stringify(fetched)).toContain('fulfill');
    expect(evil.received.map((v) => v.op)).toEqual(['op:start-session', 'op:deliver', 'op:deliver']);
    expect(evil.ends).toEqual([]);
    expect(b.tables().sessions.map((s) => s.peer)).toEqual(['evil']);
  });
}

test('lifecycle - calls still work across a node whose other session timed out', async () => {
  const { net } = makeNet();
  const a = makeNode(net, 'a');
  const b = makeNode(net, 'b', { limits: { handshakeTimeoutMs: 10 } });
  rawPeer(net, 'silent', b);
  const echoP = a.enliven(b.registerSturdyRef('echo', Far('Echo', { say: (s: string) => s })));
  await settle(net);
  clockOf(b).advance(100);
  await settle(net);
  const reply = E(await echoP).say('hi');
  await settle(net);
  expect(await reply).toBe('hi');
});
