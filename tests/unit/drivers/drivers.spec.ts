// Goal: the driver registry — names, conformance flags, defects, features — and that a node made
// through the Driver interface works and that each mutant differs from the reference where it should.
import { E, Far, makeNet, settle, seedFor } from '../ocapn/node/_net.js';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test, expect } from '@playwright/test';
import { drivers, getDriver } from '../../../harness/drivers/index.js';
import type { Driver, DriverNode, NodeEvent } from '../../../harness/drivers/driver.js';
import { FEATURE_NAMES } from '../../../harness/scenario/features.js';
import { makeRandom } from '../../../harness/ocapn/random.js';
import { ManualClock, type MemoryNetwork } from '../../../harness/ocapn/netlayer/memory.js';

function nodeOf(driver: Driver, net: MemoryNetwork, name: string): DriverNode {
  const world = { clock: new ManualClock(), random: makeRandom(1, name), netlayer: net.makeNetlayer(name) };
  return driver.makeNode({ name, identitySeed: seedFor(name), options: { dialect: 'spec', flush: 'receiver-initiated' }, incarnation: 0 }, world);
}

/** One module per mutant (harness/drivers/mutants/<name>.ts): the registry must hold exactly these,
 * so a new mutant is its module and its registry line, and this list is never written by hand. */
const mutantModules = readdirSync(fileURLToPath(new URL('../../../harness/drivers/mutants/', import.meta.url)))
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.replace(/\.ts$/, ''));

test('registry - reference, endo, goblins, then exactly one mutant per mutant module, unique names, looked up by name', () => {
  const names = drivers.map((d) => d.name);
  expect(names.slice(0, 3)).toEqual(['reference', 'endo', 'goblins']);
  expect(mutantModules.length).toBeGreaterThan(10);
  expect([...names.slice(3)].sort()).toEqual([...mutantModules].sort());
  expect(new Set(names).size).toBe(names.length);
  for (const d of drivers.slice(3)) expect(d.conforming, d.name).toBe(false);
  for (const d of drivers) expect(getDriver(d.name)).toBe(d);
  expect(getDriver('nope')).toBeUndefined();
  expect(getDriver('reference')!.conforming).toBe(true);
  expect(getDriver('endo')!.conforming).toBe(true);
  for (const d of drivers.filter((x) => x.conforming === false)) {
    expect(d.conforming).toBe(false);
    expect(d.defect).toMatch(/\w/);
  }
  expect(getDriver('forwarder-reorders')!.appDefects).toEqual(['forwarder-reorders']);
  expect(getDriver('reference')!.appDefects).toBeUndefined();
});

test('registry - every declared feature exists in the scenario registry', () => {
  for (const d of drivers) for (const f of d.features) expect(FEATURE_NAMES as readonly string[]).toContain(f);
  // A stated gap names a registered feature the driver indeed lacks.
  for (const d of drivers) {
    for (const f of Object.keys(d.featureGaps ?? {})) {
      expect(FEATURE_NAMES as readonly string[]).toContain(f);
      expect(d.features).not.toContain(f);
    }
  }
});

test('registry - the endo entry in this bundle carries no endo: makeNode refuses with the reason', () => {
  const { net } = makeNet();
  expect(() => nodeOf(getDriver('endo')!, net, 'a')).toThrow(/endo-worker\.js/);
});

test('reference driver - makeNode, enliven, call, tables and events through the interface', async () => {
  const { net } = makeNet();
  const driver = getDriver('reference')!;
  const a = nodeOf(driver, net, 'a');
  const b = nodeOf(driver, net, 'b');
  const events: NodeEvent[] = [];
  a.onEvent((e) => events.push(e));
  const ref = a.enliven(b.registerSturdyRef('echo', Far('Echo', { say: (s: string) => s })));
  await settle(net);
  const reply = E((await ref) as { say(s: string): string }).say('hi');
  await settle(net);
  expect(await reply).toBe('hi');
  expect(events[0]).toMatchObject({ type: 'session-open', peer: 'b' });
  const snap = a.tables();
  expect(snap.node).toBe('a');
  expect(snap.sessions[0].imports[0]).toMatchObject({ position: 0, kind: 'object' });
  expect(a.exportState()).toEqual({ name: 'a', sturdyrefs: [] });
  await a.shutdown();
  await settle(net);
  expect(b.tables().sessions).toEqual([]);
});

async function flushRefcount(driverName: string): Promise<{ replaced: NodeEvent[]; frames: string[] }> {
  const { net } = makeNet();
  const driver = getDriver(driverName)!;
  const a = nodeOf(driver, net, 'a');
  const b = nodeOf(driver, net, 'b');
  const held: Array<Promise<unknown>> = [];
  const taker = a.enliven(b.registerSturdyRef('taker', Far('Taker', { take: (p: Promise<unknown>) => void held.push(p) })));
  await settle(net);
  const t = (await taker) as { take(p: Promise<unknown>): void };
  const pending = new Promise(() => {});
  for (let i = 0; i < 2; i++) {
    const r = E(t).take(pending);
    await settle(net);
    await r;
  }
  const replaced: NodeEvent[] = [];
  a.onEvent((e) => e.type === 'export-replaced' && replaced.push(e));
  const done = b.flush(held[0]);
  await settle(net);
  await done;
  b.release(held[0]);
  await settle(net);
  return { replaced, frames: net.log.map((e) => Buffer.from(e.hex, 'hex').toString('latin1')) };
}

test('mutants - flush-resets-refcount and flush-without-swap differ from the reference on one run', async () => {
  const reference = await flushRefcount('reference');
  expect(reference.replaced).toEqual([expect.objectContaining({ refcount: 2 })]);
  expect(reference.frames.some((f) => f.startsWith("<8'op:abort"))).toBe(false);
  const resets = await flushRefcount('flush-resets-refcount');
  expect(resets.replaced).toEqual([expect.objectContaining({ refcount: 1 })]);
  expect(resets.frames.some((f) => f.startsWith("<8'op:abort") && f.includes('below zero'))).toBe(true);
  const noSwap = await flushRefcount('flush-without-swap');
  expect(noSwap.replaced).toEqual([]);
  expect(noSwap.frames.some((f) => f.startsWith("<13'op:flush-done"))).toBe(true);
});
