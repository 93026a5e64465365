// Goal: a reference into a peer's earlier session (an earlier incarnation, once the peer restarted)
// breaks naming the restart once the peer is back on a new session, and never reaches the new
// session; the resurrect-session defect sends it there at its old position instead.
// Method: real nodes over the in-memory netlayer; bob's restart is a new node under the same name.
import { E, Far, makeNet, makeNode, opsOf, settle } from './_net.js';
import { test, expect } from '@playwright/test';
import type { ReferenceOptions } from '../../../../harness/ocapn/session/host.js';

async function restartWithOldReference(defects?: ReferenceOptions['defects']) {
  const { net } = makeNet();
  const a = makeNode(net, 'a', defects ? { defects } : {});
  const b1 = makeNode(net, 'b');
  const counter = b1.registerSturdyRef('counter', Far('Counter', { increment: () => 1 }));
  const echoAt = b1.registerSturdyRef('echo', Far('Echo', { say: (x: string) => x }));
  const e1 = a.enliven(echoAt);
  await settle(net);
  await e1;
  const c1 = a.enliven(counter);
  await settle(net);
  const oldCounter = await c1;
  // bob dies (the connection resets) and comes back fresh under the same name.
  for (const { id } of net.connections()) net.reset(id, 'killed: b');
  await settle(net);
  const b2 = makeNode(net, 'b', {}, 1);
  const echo2 = b2.registerSturdyRef('echo', Far('Echo', { say: (x: string) => `new ${x}` }));
  const e2 = E(a.enliven(echo2)).say('hi');
  await settle(net);
  expect(await e2).toBe('new hi');
  const before = opsOf(net, 'a').length;
  const stale = E(oldCounter).increment().then(() => 'fulfilled', (e: Error) => e.message);
  await settle(net);
  return { outcome: await stale, written: opsOf(net, 'a').slice(before) };
}

test('incarnations - a call on a reference from the old incarnation breaks naming the restart and writes nothing', async () => {
  const r = await restartWithOldReference();
  expect(r.outcome).toMatch(/^import 2 from b belongs to an ended session \(connection reset: killed: b\); b restarted or reconnected since, on a new session$/);
  expect(r.written).toEqual([]);
});

test('incarnations - the resurrect-session defect sends it to the new incarnation at the old position', async () => {
  const r = await restartWithOldReference({ resurrectSession: true });
  expect(r.written[0]).toBe('a→b op:deliver');
  expect(r.outcome).not.toMatch(/restarted/);
});
