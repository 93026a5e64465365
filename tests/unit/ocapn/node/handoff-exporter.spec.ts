// Goal: the exporter's side of a third-party handoff — deposit-gift and withdraw-gift on the
// bootstrap — with real Ed25519 certificates: a valid withdraw gets the gift (deposited before or
// after), and every bad certificate breaks that withdraw with a reason naming the fault while the
// receiver's session keeps working. Method: three reference nodes on the in-memory netlayer; g
// (gifter) and r (receiver) sign certificates with their real session keys with e (exporter).
import { E, Far, makeNet, makeNode, settle, viewsOf } from './_net.js';
import { test, expect } from '@playwright/test';
import { keyPairFromSecret, sign } from '../../../../harness/ocapn/crypto/keys.js';
import { peerBootstrap } from '../../../../harness/ocapn/captp/references.js';
import { encode } from '../../../../harness/ocapn/syrup/index.js';
import {
  HandoffGive,
  HandoffReceive,
  OcapnPeer,
  SigEnvelope,
  writeHandoffGive,
  writeHandoffReceive,
} from '../../../../harness/ocapn/wire/index.js';
import type { ReferenceOptions } from '../../../../harness/ocapn/session/host.js';

type Boot = Record<string, (...args: unknown[]) => Promise<unknown>>;

async function setup(options: Partial<ReferenceOptions> = {}) {
  const { net } = makeNet();
  const g = makeNode(net, 'g');
  const r = makeNode(net, 'r');
  const e = makeNode(net, 'e', options);
  const greeter = Far('Greeter', { hello: (name: string) => `hello ${name}` });
  const other = Far('Other', { ping: () => 'pong' });
  const locator = e.registerSturdyRef('greeter', greeter);
  e.registerSturdyRef('other', other);
  const gGreeter = g.enliven(locator);
  const rOther = r.enliven({ ...locator, swiss: 'other' });
  await settle(net);
  const g2e = await g.sessionTo(e.location);
  const r2e = await r.sessionTo(e.location);
  // The receiver's key in the (simulated) gifter↔receiver session: a real Ed25519 pair.
  const r2g = keyPairFromSecret(new Uint8Array(32).fill(7));
  const exporter = new OcapnPeer(e.location.transport, e.location.designator, false);

  const give = (giftId: Uint8Array, signer = g2e.keys.secretKey) => {
    const body = new HandoffGive(r2g.publicKey, exporter, g2e.sessionId!, g2e.keys.publicId, giftId);
    return new SigEnvelope(body, sign(encode(writeHandoffGive(body)), signer));
  };
  const receive = (signedGive: SigEnvelope<HandoffGive>, count: bigint, signer = r2g.secretKey) => {
    const body = new HandoffReceive(r2e.sessionId!, r2e.keys.publicId, count, signedGive);
    return new SigEnvelope(body, sign(encode(writeHandoffReceive(body)), signer));
  };
  const deposit = (giftId: Uint8Array, gift: unknown) => E(peerBootstrap(g2e) as Boot)['deposit-gift'](giftId, gift);
  const withdraw = (certificate: SigEnvelope) => E(peerBootstrap(r2e) as Boot)['withdraw-gift'](certificate);
  return { net, g, r, e, gGreeter: await gGreeter, rOther: await rOther, give, receive, deposit, withdraw, g2e, r2e };
}

const id = (text: string) => new TextEncoder().encode(text);

async function outcome(p: Promise<unknown>): Promise<{ value: unknown } | { error: string }> {
  try {
    return { value: await p };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

test('handoff exporter - a deposited gift is withdrawn with a valid certificate and is the same object', async () => {
  const h = await setup();
  void h.deposit(id('gift-1'), h.gGreeter);
  await settle(h.net);
  expect(h.e.tables().sessions.find((s) => s.peer === 'g')!.gifts).toEqual([{ position: 0, kind: 'gift', refcount: 0, passStyle: 'remotable' }]);
  const gift = h.withdraw(h.receive(h.give(id('gift-1')), 0n));
  await settle(h.net);
  const greeting = E(await gift as { hello(n: string): string }).hello('r');
  await settle(h.net);
  expect(await greeting).toBe('hello r');
  expect(h.e.tables().sessions.find((s) => s.peer === 'g')!.gifts).toEqual([]);
  const withdrawFrame = viewsOf(h.net).find((v) => v.from === 'r' && JSON.stringify(v).includes('withdraw-gift'));
  expect(JSON.stringify(withdrawFrame)).toContain('handoffReceive');
});

test('handoff exporter - a withdraw that arrives before its deposit waits for it', async () => {
  const h = await setup();
  const gift = h.withdraw(h.receive(h.give(id('late')), 0n));
  let settled = false;
  void gift.then(() => (settled = true), () => (settled = true));
  await settle(h.net);
  expect(settled).toBe(false);
  void h.deposit(id('late'), h.gGreeter);
  await settle(h.net);
  const greeting = E(await gift as { hello(n: string): string }).hello('late');
  await settle(h.net);
  expect(await greeting).toBe('hello late');
});

test('handoff exporter - the deposit-after-withdraw defect answers an early withdraw at once, with a stand-in', async () => {
  const h = await setup({ defects: { withdrawBeforeDeposit: true } });
  const gift = h.withdraw(h.receive(h.give(id('early')), 0n));
  let settled = false;
  void gift.then(() => (settled = true), () => (settled = true));
  await settle(h.net);
  // The conforming exporter keeps this withdraw unanswered until the deposit (test above).
  expect(settled).toBe(true);
  const greeting = E(await gift as { hello(n: string): string }).hello('early');
  await settle(h.net);
  void h.deposit(id('early'), h.gGreeter);
  await settle(h.net);
  expect(await greeting).toBe('hello early');
});

test('handoff exporter - certificate and gift errors break the withdraw with a reason; the session stays live', async () => {
  const h = await setup();
  const stranger = keyPairFromSecret(new Uint8Array(32).fill(9));
  for (let i = 0; i < 4; i++) void h.deposit(id(`g${i}`), h.gGreeter);
  await settle(h.net);
  const cases: Array<[string, SigEnvelope, RegExp]> = [
    ['give signed by a stranger', h.receive(h.give(id('g0'), stranger.secretKey), 10n), /handoff-give: invalid signature/],
    ['receive signed by a stranger', h.receive(h.give(id('g1')), 11n, stranger.secretKey), /handoff-receive: invalid signature/],
  ];
  for (const [name, certificate, reason] of cases) {
    const result = outcome(h.withdraw(certificate));
    await settle(h.net);
    expect(await result, name).toEqual({ error: expect.stringMatching(reason) });
  }
  // A replayed certificate: the same handoff count on the same session, after a success.
  const first = outcome(h.withdraw(h.receive(h.give(id('g2')), 1n)));
  await settle(h.net);
  expect(await first).toEqual({ value: expect.anything() });
  const replay = outcome(h.withdraw(h.receive(h.give(id('g3')), 1n)));
  await settle(h.net);
  expect(await replay).toEqual({ error: expect.stringMatching(/handoffCount 1 was already used.*replayed/) });
  // A certificate for this session that names a session the exporter does not have.
  const forged = new HandoffGive(keyPairFromSecret(new Uint8Array(32).fill(7)).publicKey, new OcapnPeer('sim', 'e', false), new Uint8Array(32), h.g2e.keys.publicId, id('g3'));
  const unknownSession = outcome(h.withdraw(h.receive(new SigEnvelope(forged, sign(encode(writeHandoffGive(forged)), h.g2e.keys.secretKey)), 2n)));
  await settle(h.net);
  expect(await unknownSession).toEqual({ error: expect.stringMatching(/handoff-give.session [0-9a-f]{64} is not a live session/) });
  // The certificate must be for the session it arrives on: r's certificate sent by g is refused.
  const misdirected = outcome(E(peerBootstrap(h.g2e) as Boot)['withdraw-gift'](h.receive(h.give(id('g3')), 3n)));
  await settle(h.net);
  expect(await misdirected).toEqual({ error: expect.stringMatching(/receivingSession is not the Session ID/) });
  // Not a certificate at all.
  const notACertificate = outcome(h.withdraw(id('nope') as never));
  await settle(h.net);
  expect(await notACertificate).toEqual({ error: expect.stringMatching(/must be a signed desc:handoff-receive/) });
  // Both sessions are still live and usable.
  const ping = E(h.rOther as { ping(): string }).ping();
  const hello = E(h.gGreeter as { hello(n: string): string }).hello('still');
  await settle(h.net);
  expect(await ping).toBe('pong');
  expect(await hello).toBe('hello still');
  expect(viewsOf(h.net).some((v) => v.op === 'op:abort')).toBe(false);
});

test('handoff exporter - handoffs: proxy refuses deposit and withdraw, as before handoffs existed', async () => {
  const h = await setup({ handoffs: 'proxy' });
  const deposited = outcome(h.deposit(id('x'), h.gGreeter));
  const withdrawn = outcome(h.withdraw(h.receive(h.give(id('x')), 0n)));
  await settle(h.net);
  expect(await deposited).toEqual({ error: expect.stringMatching(/deposit-gift: this node proxies/) });
  expect(await withdrawn).toEqual({ error: expect.stringMatching(/withdraw-gift: this node proxies/) });
});

test('handoff exporter - a remotable function is a gift like any other reference', async () => {
  const h = await setup();
  const fn = h.e.registerSturdyRef('fn', Far('greet', (name: string) => `hi ${name}`));
  const gFn = h.g.enliven(fn);
  await settle(h.net);
  void h.deposit(id('fn'), await gFn);
  await settle(h.net);
  const gift = outcome(h.withdraw(h.receive(h.give(id('fn')), 0n)));
  await settle(h.net);
  const got = await gift;
  expect(got).toEqual({ value: expect.anything() });
  const call = E((got as { value: (n: string) => string }).value)('fn');
  await settle(h.net);
  expect(await call).toBe('hi fn');
});
