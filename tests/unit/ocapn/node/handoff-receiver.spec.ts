// Goal: the receiver's side of a third-party handoff. A gifter sends the node a signed
// handoff-give naming an exporter; the node opens a session to the exporter on demand, signs a
// handoff-receive with its key of the gifter's session, withdraws the gift, and local code gets
// the exporter's object — or, for a give that names another receiver key, a broken promise while
// the gifter's session stays live. Method: three reference nodes on the in-memory netlayer.
import { E, Far, makeNet, makeNode, settle, viewsOf } from './_net.js';
import { test, expect } from '@playwright/test';
import { sign } from '../../../../harness/ocapn/crypto/keys.js';
import { peerBootstrap } from '../../../../harness/ocapn/captp/references.js';
import { encode } from '../../../../harness/ocapn/syrup/index.js';
import { HandoffGive, OcapnPeer, type PublicKey, SigEnvelope, writeHandoffGive } from '../../../../harness/ocapn/wire/index.js';
import type { ReferenceOptions } from '../../../../harness/ocapn/session/host.js';

type Boot = Record<string, (...args: unknown[]) => Promise<unknown>>;

async function setup(options: Partial<ReferenceOptions> = {}) {
  const { net } = makeNet();
  const g = makeNode(net, 'g');
  const r = makeNode(net, 'r', options);
  const e = makeNode(net, 'e');
  const received: unknown[] = [];
  const gGreeter = g.enliven(e.registerSturdyRef('greeter', Far('Greeter', { hello: (n: string) => `hello ${n}` })));
  const gInbox = g.enliven(r.registerSturdyRef('inbox', Far('Inbox', { take: (gift: unknown) => void received.push(gift), ping: () => 'pong' })));
  await settle(net);
  const g2e = await g.sessionTo(e.location);
  const g2r = await g.sessionTo(r.location);
  const give = (receiverKey: PublicKey) => {
    const body = new HandoffGive(receiverKey, new OcapnPeer(e.location.transport, e.location.designator, false), g2e.sessionId!, g2e.keys.publicId, new TextEncoder().encode('gift'));
    return new SigEnvelope(body, sign(encode(writeHandoffGive(body)), g2e.keys.secretKey));
  };
  return { net, g, r, e, g2e, g2r, give, received, gGreeter: await gGreeter, gInbox: (await gInbox) as { take(x: unknown): void; ping(): string } };
}

test('handoff receiver - a give opens a session to the exporter on demand and the gift arrives', async () => {
  const h = await setup();
  expect(h.r.tables().sessions.map((s) => s.peer)).toEqual(['g']);
  void E(peerBootstrap(h.g2e) as Boot)['deposit-gift'](new TextEncoder().encode('gift'), h.gGreeter);
  void E(h.gInbox).take(h.give(h.g2r.peerPublicKey!));
  await settle(h.net);
  expect(h.r.tables().sessions.map((s) => s.peer)).toEqual(['e', 'g']);
  expect(h.received).toHaveLength(1);
  const greeting = E(h.received[0] as { hello(n: string): string }).hello('r');
  await settle(h.net);
  expect(await greeting).toBe('hello r');
  const withdraw = viewsOf(h.net).find((v) => v.from === 'r' && JSON.stringify(v).includes('withdraw-gift'));
  expect(JSON.stringify(withdraw)).toMatch(/"handoffReceive":\{.*"handoffCount":0/);
});

test('handoff receiver - a give for another receiver key breaks that gift only; the session stays live', async () => {
  const h = await setup();
  void E(h.gInbox).take(h.give(h.g2e.peerPublicKey!));
  await settle(h.net);
  expect(h.received).toHaveLength(1);
  await expect(h.received[0] as Promise<unknown>).rejects.toThrow(/handoff-give.receiverKey is not our key/);
  const pong = E(h.gInbox).ping();
  await settle(h.net);
  expect(await pong).toBe('pong');
  expect(viewsOf(h.net).some((v) => v.op === 'op:abort')).toBe(false);
});

test('handoff receiver - handoffs: proxy treats a give as a protocol violation, as before', async () => {
  const h = await setup({ handoffs: 'proxy' });
  // The call breaks when r ends the session.
  E(h.gInbox).take(h.give(h.g2r.peerPublicKey!)).catch(() => {});
  await settle(h.net);
  expect(viewsOf(h.net).find((v) => v.op === 'op:abort')).toMatchObject({ from: 'r', reason: expect.stringMatching(/does not receive third-party handoffs/) });
});
