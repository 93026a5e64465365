// Goal: the gifter's side of a third-party handoff. alice holds bob's counter (imported on
// alice↔bob) and passes it to carol: with `handoffs: shorten` (the default) alice deposits a gift
// at bob and sends carol a signed desc:handoff-give instead of re-exporting the counter, so
// carol's calls go carol→bob directly and nothing of them passes through alice; with
// `handoffs: proxy` alice re-exports it and carol's calls travel carol→alice→bob as before.
// Method: three reference nodes on the in-memory netlayer; the wire log shows who talks to whom.
import { E, Far, makeNet, makeNode, opsOf, settle, type MemoryNetwork } from './_net.js';
import { test, expect } from '@playwright/test';
import { verify } from '../../../../harness/ocapn/crypto/keys.js';
import { encode } from '../../../../harness/ocapn/syrup/index.js';
import { decodeOp, SigEnvelope, toOpView, writeHandoffGive, type HandoffGive } from '../../../../harness/ocapn/wire/index.js';
import type { ReferenceOptions } from '../../../../harness/ocapn/session/host.js';

/** Frames written since log index `from`, as `a→b` and the op view's JSON. */
function framesOf(net: MemoryNetwork, from: number): Array<{ link: string; text: string }> {
  return net.log.slice(from).map((e) => ({ link: `${e.from}→${e.to}`, text: JSON.stringify(toOpView(decodeOp(Uint8Array.from(Buffer.from(e.hex, 'hex'))))) }));
}

async function setup(options: Partial<ReferenceOptions> = {}) {
  const { net } = makeNet();
  const alice = makeNode(net, 'alice', options);
  const bob = makeNode(net, 'bob');
  const carol = makeNode(net, 'carol');
  let count = 0;
  bob.registerSturdyRef('counter', Far('Counter', { increment: () => ++count }));
  const received: unknown[] = [];
  carol.registerSturdyRef('inbox', Far('Inbox', { take: (ref: unknown) => void received.push(ref) }));
  const counter = alice.enliven({ location: bob.location, swiss: 'counter' });
  const inbox = alice.enliven({ location: carol.location, swiss: 'inbox' });
  await settle(net);
  return { net, alice, bob, carol, counter: await counter, inbox: (await inbox) as { take(x: unknown): void }, received };
}

test('handoff gifter - alice hands bob\'s object to carol; carol then calls bob directly', async () => {
  const h = await setup();
  const before = h.net.log.length;
  void E(h.inbox).take(h.counter);
  await settle(h.net);
  const frames = framesOf(h.net, before);
  expect(frames.find((f) => f.link === 'alice→bob' && f.text.includes('deposit-gift')), 'alice deposits the gift at bob').toBeDefined();
  const take = frames.find((f) => f.link === 'alice→carol' && f.text.includes('"take"'));
  expect(take?.text).toContain('"handoffGive"');
  expect(h.received).toHaveLength(1);
  const sent = h.net.log.length;
  const n = E(h.received[0] as { increment(): number }).increment();
  await settle(h.net);
  expect(await n).toBe(1);
  const after = opsOf(h.net).slice(sent);
  expect(after.filter((line) => line.startsWith('carol→bob')).length).toBeGreaterThan(0);
  expect(after.filter((line) => line.includes('alice')), 'nothing of carol\'s call passes through alice').toEqual([]);
  // Carol imports the counter from bob.
  const carolTables = h.carol.tables();
  expect(carolTables.sessions.map((s) => s.peer)).toEqual(['alice', 'bob']);
  expect(carolTables.sessions.find((s) => s.peer === 'bob')!.imports.filter((i) => i.position !== 0)).toHaveLength(1);
});

test('handoff gifter - the give is signed with alice\'s key of alice↔bob and names carol\'s key and the deposited gift id', async () => {
  const h = await setup();
  const before = h.net.log.length;
  void E(h.inbox).take(h.counter);
  await settle(h.net);
  const a2b = await h.alice.sessionTo(h.bob.location);
  const a2c = await h.alice.sessionTo(h.carol.location);
  const frames = h.net.log.slice(before).filter((e) => e.from === 'alice' && e.to === 'carol');
  const op = decodeOp(Uint8Array.from(Buffer.from(frames[0].hex, 'hex'))) as { args: unknown[] };
  const envelope = op.args[1] as SigEnvelope<HandoffGive>;
  expect(envelope).toBeInstanceOf(SigEnvelope);
  const give = envelope.signed;
  expect(Buffer.from(give.receiverKey.q)).toEqual(Buffer.from(a2c.peerPublicKey!.q));
  expect(Buffer.from(give.session)).toEqual(Buffer.from(a2b.sessionId!));
  expect(Buffer.from(give.gifterSide)).toEqual(Buffer.from(a2b.keys.publicId));
  expect(give.exporterLocation.designator).toBe('bob');
  expect(give.giftId.length).toBe(32);
  expect(verify(envelope.signature, encode(writeHandoffGive(give)), a2b.keys.publicKey)).toBe(true);
  const deposit = h.net.log.slice(before).find((e) => e.from === 'alice' && e.to === 'bob')!;
  const depositOp = decodeOp(Uint8Array.from(Buffer.from(deposit.hex, 'hex'))) as { args: unknown[] };
  expect(Buffer.from(depositOp.args[1] as Uint8Array)).toEqual(Buffer.from(give.giftId));
});

test('handoff gifter - handoffs: proxy re-exports the object and carol\'s calls go through alice', async () => {
  const h = await setup({ handoffs: 'proxy' });
  const before = h.net.log.length;
  void E(h.inbox).take(h.counter);
  await settle(h.net);
  expect(framesOf(h.net, before).map((f) => f.text).join('\n')).not.toMatch(/deposit-gift|handoffGive/);
  const sent = h.net.log.length;
  const n = E(h.received[0] as { increment(): number }).increment();
  await settle(h.net);
  expect(await n).toBe(1);
  const after = opsOf(h.net).slice(sent);
  expect(after.some((line) => line.startsWith('carol→alice'))).toBe(true);
  expect(after.some((line) => line.startsWith('carol→bob'))).toBe(false);
});
