/**
 * Goal: the endo-over-TCP variants of the external scenarios replace exactly the `serve`
 * processes, keep their options, force the variant's framing on both ends (the process and the
 * bridge), and skip — naming why — when there is no checkout or the checkout's netlayer cannot
 * write the framing.
 * Method: the real scenarios/external/ plans; fake checkouts are folders holding only the file
 * the framing is read from.
 */
import { expect, test } from '@playwright/test';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadCatalog } from '../../../harness/case/catalog.js';
import { ENDO_PEER_PREFIX, endoPeerCommand, endoTcpColumn, endoTcpFramings, endoTcpPlan, endoTcpSkipReason, endoWorkerPlan } from '../../../harness/case/endo-tcp.js';
import type { EndoCheckout } from '../../../harness/drivers/endo/checkout.js';

const plan = (id: string) => loadCatalog().find((e) => e.plan?.id === id)!.plan!;

function fakeCheckout(netlayer: string | undefined): EndoCheckout {
  const root = mkdtempSync(path.join(tmpdir(), 'ocapn-endo-tcp-'));
  const ocapnDir = path.join(root, 'node_modules/@endo/ocapn');
  if (netlayer !== undefined) {
    mkdirSync(path.join(ocapnDir, 'src/netlayers'), { recursive: true });
    writeFileSync(path.join(ocapnDir, 'src/netlayers/tcp-test-only.js'), netlayer);
  }
  return { root, ocapnDir, driver: 'endo@abcdef123', thirdParty: {} };
}

test('a serve command becomes the endo peer with the same options and the variant framing', () => {
  const serve = ['node', 'harness/cli/bin.mjs', 'serve', '--objects', 'harness', '--framing', 'length', '--peer', 'carol=ocapn://x', '--seed', '9'];
  expect(endoPeerCommand(serve, '/e', 'none')).toEqual([...ENDO_PEER_PREFIX, '--endo', '/e', '--framing', 'none', '--objects', 'harness', '--peer', 'carol=ocapn://x', '--seed', '9']);
  expect(endoPeerCommand(['node', 'harness/cli/bin.mjs', 'serve', '--framing=none'], '/e', 'length')).toEqual([...ENDO_PEER_PREFIX, '--endo', '/e', '--framing', 'length']);
});

test('every serve node of a forward chain is replaced, framing set on the bridge side too; workers are left alone', () => {
  const p = plan('serve-forward-chain');
  const checkout = fakeCheckout("framing = 'syrup'");
  const tcp = endoTcpPlan(p, checkout, 'length');
  for (const name of ['bob', 'carol']) {
    const n = tcp.topology.nodes.find((x) => x.name === name)!;
    expect(n.external!.command!.slice(0, ENDO_PEER_PREFIX.length)).toEqual(ENDO_PEER_PREFIX);
    expect(n.external!.framing).toBe('length');
  }
  // carol's {locator:…} placeholder survives in bob's command (the bridge fills it in).
  expect(tcp.topology.nodes.find((x) => x.name === 'bob')!.external!.command!.join(' ')).toContain('carol={locator:carol}');
  expect(tcp.topology.nodes.find((x) => x.name === 'alice')).toEqual(p.topology.nodes.find((x) => x.name === 'alice'));
  const worker = endoWorkerPlan(p, 'endo@abcdef123');
  expect(worker.topology.nodes.filter((n) => n.external)).toEqual([]);
  expect(worker.topology.nodes.find((n) => n.name === 'carol')!.driver).toBe('endo@abcdef123');
  expect(endoTcpColumn(checkout, 'length')).toBe('endo-tcp@abcdef123/length');
  // Only the nodes named (E8's witness: endo dials, `serve` is dialled): carol stays `serve`.
  const dialler = endoTcpPlan(plan('serve-relay-dial'), checkout, 'none', ['bob']);
  expect(dialler.topology.nodes.find((x) => x.name === 'bob')!.external!.command!.slice(0, ENDO_PEER_PREFIX.length)).toEqual(ENDO_PEER_PREFIX);
  expect(dialler.topology.nodes.find((x) => x.name === 'carol')).toEqual(plan('serve-relay-dial').topology.nodes.find((x) => x.name === 'carol'));
});

test('no checkout, no netlayer, or an unframed-only netlayer asked for length: skipped with the reason', () => {
  const p = plan('serve-fetch');
  expect(endoTcpSkipReason(p, undefined, 'none', 'set OCAPN_ENDO_PATH')).toBe('set OCAPN_ENDO_PATH');
  expect(endoTcpSkipReason(p, fakeCheckout(undefined), 'none', 'x')).toMatch(/no TCP netlayer/);
  const old = fakeCheckout('export const makeTcpNetLayer = async ({ handlers }) => {}');
  expect(endoTcpFramings(old)).toEqual(['none']);
  expect(endoTcpSkipReason(p, old, 'length', 'x')).toMatch(/unframed Syrup only/);
  expect(endoTcpSkipReason(p, old, 'none', 'x')).toBeUndefined();
  const current = fakeCheckout("  framing = 'syrup',");
  expect(endoTcpFramings(current)).toEqual(['length', 'none']);
  expect(endoTcpSkipReason(p, current, 'length', 'x')).toBeUndefined();
});

test('a feature of the object host that endo lacks skips the TCP variant with endo\'s reason; a page node\'s feature does not', () => {
  const current = fakeCheckout("  framing = 'syrup',");
  // serve-basics sends a method name to the suite's echo, a plain function: endo applies it.
  expect(endoTcpSkipReason(plan('serve-basics'), current, 'none', 'x')).toMatch(/^endo@abcdef123 over TCP lacks feature\(s\) selector-on-function: endo applies a plain function to the whole argument list/);
  // serve-stall's inactivity timeout is alice's (a page node): the TCP variant runs.
  expect(plan('serve-stall').features).toContain('inactivity-timeout');
  expect(endoTcpSkipReason(plan('serve-stall'), current, 'none', 'x')).toBeUndefined();
  // The same scenario without the host feature runs.
  const p = plan('serve-basics');
  expect(endoTcpSkipReason({ ...p, features: p.features.filter((f) => f !== 'selector-on-function') }, current, 'none', 'x')).toBeUndefined();
});
