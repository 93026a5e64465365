// Goal: a peer cannot grow the process-wide symbol registry without bound. Method selectors
// never become symbols; symbols sent as data are counted process-wide and refused past
// maxSymbolBytes / maxPeerSymbols with an abort naming the limit.
// Method: raw peers over the in-memory netlayer; peerSymbolCount() is the count of names peers
// made this process register (Symbol.for itself cannot be inspected).
import { makeNet, makeNode, rawPeer, settle, Far } from './_net.js';
import { test, expect } from '@playwright/test';
import { encode, sym, SyrupRecord, type SyrupValue } from '../../../../harness/ocapn/syrup/index.js';
import { peerSymbolCount } from '../../../../harness/ocapn/peer-symbols.js';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const macrotask = () => new Promise<void>((resolve) => setImmediate(resolve));
async function heapMiB(): Promise<number> {
  await macrotask();
  gc();
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

const rec = (label: string, ...fields: SyrupValue[]) => new SyrupRecord(sym(label), fields);
const text = (s: string) => new TextEncoder().encode(s);

async function liveWithEcho(limits = {}) {
  const { net } = makeNet();
  const b = makeNode(net, 'b', { limits });
  b.registerSturdyRef('echo', Far('Echo', { say: (x: unknown) => x }));
  const peer = rawPeer(net, 'p', b);
  peer.hello();
  peer.write(encode(rec('op:deliver', rec('desc:export', 0n), [sym('fetch'), text('echo')], 1n, false)));
  await settle(net);
  return { net, b, peer };
}

test('symbols - 300 unique 2 KiB method names register nothing; each call is answered, the session lives', async () => {
  const { net, b, peer } = await liveWithEcho();
  const before = peerSymbolCount();
  for (let i = 0; i < 300; i++) {
    const name = `m${i}-${'y'.repeat(2048)}`;
    peer.write(encode(rec('op:deliver', rec('desc:answer', 1n), [sym(name), 1n], BigInt(i + 2), rec('desc:import-object', BigInt(i + 1)))));
  }
  await settle(net);
  expect(peerSymbolCount()).toBe(before);
  expect(peer.received.filter((v) => v.op === 'op:abort')).toEqual([]);
  // Each call is answered (with a promise that breaks: no such method), none aborts.
  expect(peer.received.filter((v) => v.op === 'op:deliver')).toHaveLength(300);
  expect(b.tables().sessions.map((s) => s.peer)).toEqual(['p']);
});

test('symbols - 1000 unique 8 KiB method names leave nothing behind once the session is gone', async () => {
  const baseline = await heapMiB();
  await (async () => {
    const { net, b, peer } = await liveWithEcho();
    for (let i = 0; i < 1000; i++) {
      const name = `n${i}-${'w'.repeat(8192)}`;
      peer.write(encode(rec('op:deliver', rec('desc:answer', 1n), [sym(name), 1n], false, false)));
      if (i % 100 === 99) await settle(net);
    }
    await settle(net);
    await b.shutdown();
    await settle(net);
  })();
  const grown = (await heapMiB()) - baseline;
  test.info().annotations.push({ type: 'retained MiB', description: grown.toFixed(2) });
  // Registered names would keep about 8 MiB (1000 × 8 KiB) for ever.
  expect(grown).toBeLessThan(2);
});

test('symbols - a data symbol is registered once, however often it is sent', async () => {
  const { net, peer } = await liveWithEcho();
  const before = peerSymbolCount();
  for (let i = 0; i < 5; i++) peer.write(encode(rec('op:deliver', rec('desc:answer', 1n), [sym('say'), sym('symbols-spec-repeated')], false, false)));
  await settle(net);
  expect(peerSymbolCount()).toBe(before + 1);
  expect(peer.received.filter((v) => v.op === 'op:abort')).toEqual([]);
});

test('symbols - a data symbol longer than maxSymbolBytes aborts before it is registered', async () => {
  const { net, peer } = await liveWithEcho({ maxSymbolBytes: 64 });
  const before = peerSymbolCount();
  peer.write(encode(rec('op:deliver', rec('desc:answer', 1n), [sym('say'), sym('z'.repeat(65))], false, false)));
  await settle(net);
  expect(peerSymbolCount()).toBe(before);
  expect(peer.received.at(-1)).toEqual({ op: 'op:abort', reason: 'limit maxSymbolBytes: a symbol of 65 bytes or more exceeds 64' });
  expect(peer.ends).toEqual([{ kind: 'closed' }]);
});

test('symbols - past maxPeerSymbols new names abort; known ones still pass', async () => {
  const start = peerSymbolCount();
  const { net, peer } = await liveWithEcho({ maxPeerSymbols: start + 2 });
  const say = (name: string) => peer.write(encode(rec('op:deliver', rec('desc:answer', 1n), [sym('say'), sym(name)], false, false)));
  say('symbols-spec-a');
  say('symbols-spec-b');
  say('symbols-spec-a');
  await settle(net);
  expect(peer.received.filter((v) => v.op === 'op:abort')).toEqual([]);
  say('symbols-spec-c');
  await settle(net);
  expect(peer.received.at(-1)).toEqual({ op: 'op:abort', reason: `limit maxPeerSymbols: this process already registered ${start + 2} symbol names from peers` });
  expect(peerSymbolCount()).toBe(start + 2);
});
