// Goal: the lab design `marker-first-hop` (flush/marker-first-hop.ts) is registered, speaks the
// marker's wire shape but stops at the first hop, and loses exactly what `marker` keeps: on a slow
// shortener→terminator link the holder's next call on the short path overtakes the calls the
// shortener passed on (the slow-link counterexample raised on OCapN PR #277).
// Method: the shortening triangle of reference nodes on the in-memory netlayer (_net.ts); bob's
// frames to carol are held while everything else runs, then let go two (the pipelined call and
// the gift's deposit) at a time; carol records the order her recorder is called in.
import { E, settle, shorteningTriangle, type MemoryNetwork } from './_net.js';
import { test, expect } from '@playwright/test';
import { decodeOp, toOpView } from '../../../../harness/ocapn/wire/index.js';
import { FLUSH_DESIGNS, type FlushDesign } from '../../../../harness/ocapn/flush/designs.js';

const bobToCarol = (e: { from: string; to: string }) => e.from === 'bob' && e.to === 'carol';

/** op:flush frames from → to after `start` (every answer at bob resolves to carol's promise, so each has its marker). */
function markersOn(net: MemoryNetwork, start: number, from: string, to: string): number {
  return net.log.slice(start).filter((e) => e.from === from && e.to === to && toOpView(decodeOp(Uint8Array.from(Buffer.from(e.hex, 'hex')))).op === 'op:flush').length;
}

async function slowShortenerLink(flush: FlushDesign) {
  const { net, seen, start, p1 } = await shorteningTriangle(flush);
  for (const n of [1, 2, 3]) void E(p1).z(n);
  // Everything but bob→carol: the give, alice's marker, bob's side of it, alice's withdraw.
  await settle(net, (e) => !bobToCarol(e));
  void E(p1).z(4);
  // bob→carol lets two frames through (the pipelined y() and the deposit), the rest stays slow.
  for (let i = 0; i < 2; i++) net.step(bobToCarol);
  await settle(net, (e) => !bobToCarol(e));
  const beforeSlowLink = [...seen];
  await settle(net);
  return { beforeSlowLink, seen, markersAB: markersOn(net, start, 'alice', 'bob'), markersBC: markersOn(net, start, 'bob', 'carol') };
}

test('flush designs - marker-first-hop is registered and documented for the schema', () => {
  expect(FLUSH_DESIGNS['marker-first-hop'].doc).toMatch(/first node on the old path/);
});

test('flush designs - marker: the holder waits for the path end, so its next call cannot overtake the slow hop', async () => {
  const run = await slowShortenerLink('marker');
  expect(run.markersAB, 'one marker per answer shortened to carol: x and z1..z3').toBe(4);
  expect(run.markersBC, 'each marker travels on to carol').toBe(4);
  expect(run.beforeSlowLink).toEqual([]);
  expect(run.seen).toEqual(['z1', 'z2', 'z3', 'z4']);
});

test('flush designs - marker-first-hop: bob acknowledges at once, and z4 on the short path overtakes z1..z3 still on bob→carol', async () => {
  const run = await slowShortenerLink('marker-first-hop');
  expect(run.markersAB).toBe(4);
  expect(run.markersBC, 'the first hop passes no marker on').toBe(0);
  expect(run.beforeSlowLink).toEqual(['z4']);
  expect(run.seen).toEqual(['z4', 'z1', 'z2', 'z3']);
});
