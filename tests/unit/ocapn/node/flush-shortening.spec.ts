// Goal: promise shortening at node level. bob's `x` returns the promise of its own call to carol,
// so alice's answer resolves to a promise carol hosts. With handoffs: shorten bob hands it off;
// with flush: shortener-initiated he first sends alice <op:flush TO CONFIRM> (TO: alice's
// resolver), alice confirms with a fresh resolver, and only then does bob deposit the gift at
// carol and fulfil the fresh resolver with the give. With flush: none the give goes out at once,
// and with flush: marker alice sends the marker down the old path before she switches.
// Method: three reference nodes on the in-memory netlayer; assertions on the wire log order.
import { E, settle, shorteningTriangle, type MemoryNetwork } from './_net.js';
import { test, expect } from '@playwright/test';
import { decodeOp, toOpView } from '../../../../harness/ocapn/wire/index.js';
import type { FlushDesign } from '../../../../harness/ocapn/node-types.js';

function framesOf(net: MemoryNetwork): Array<{ link: string; text: string }> {
  return net.log.map((e) => ({ link: `${e.from}→${e.to}`, text: JSON.stringify(toOpView(decodeOp(Uint8Array.from(Buffer.from(e.hex, 'hex'))))) }));
}

async function run(flush: FlushDesign) {
  const { net, seen, start, p1 } = await shorteningTriangle(flush);
  for (const n of [1, 2, 3]) void E(p1).z(n);
  await settle(net);
  return { frames: framesOf(net).slice(start), seen };
}

test('shortening - flush: shortener-initiated fences the handoff: op:flush, confirm, then deposit and give', async () => {
  const { frames, seen } = await run('shortener-initiated');
  const at = (link: string, pattern: string) => frames.findIndex((f) => f.link === link && f.text.includes(pattern));
  const flush = at('bob→alice', '"op":"op:flush"');
  const confirm = frames.findIndex((f, i) => i > flush && f.link === 'alice→bob' && f.text.includes('"fulfill"'));
  const deposit = at('bob→carol', 'deposit-gift');
  const give = frames.findIndex((f, i) => i > confirm && f.link === 'bob→alice' && f.text.includes('"handoffGive"'));
  expect(flush).toBeGreaterThanOrEqual(0);
  expect(confirm).toBeGreaterThan(flush);
  expect(deposit, 'the gift is deposited only after the confirm').toBeGreaterThan(confirm);
  expect(give).toBeGreaterThan(confirm);
  expect(seen).toEqual(['z1', 'z2', 'z3']);
});

test('shortening - flush: none hands off at once, with no op:flush', async () => {
  const { frames, seen } = await run('none');
  expect(frames.some((f) => f.text.includes('"op":"op:flush"'))).toBe(false);
  expect(frames.some((f) => f.link === 'bob→alice' && f.text.includes('"handoffGive"'))).toBe(true);
  expect(frames.some((f) => f.link === 'bob→carol' && f.text.includes('deposit-gift'))).toBe(true);
  expect(seen).toEqual(['z1', 'z2', 'z3']);
});

test('shortening - flush: marker sends the marker down the old path and the end acknowledges it', async () => {
  const { frames, seen } = await run('marker');
  const markerAB = frames.findIndex((f) => f.link === 'alice→bob' && f.text.includes('"op":"op:flush"'));
  const markerBC = frames.findIndex((f) => f.link === 'bob→carol' && f.text.includes('"op":"op:flush"'));
  expect(markerAB).toBeGreaterThanOrEqual(0);
  expect(markerBC).toBeGreaterThan(markerAB);
  expect(frames.findIndex((f, i) => i > markerBC && f.link === 'carol→bob' && f.text.includes('"fulfill"'))).toBeGreaterThan(markerBC);
  expect(seen).toEqual(['z1', 'z2', 'z3']);
});
