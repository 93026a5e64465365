/**
 * Goal: which cases the `endo` driver runs. Without OCAPN_ENDO_PATH every case that uses endo —
 * as the case's driver or as one node's own driver — is skipped with the one reason; with a
 * checkout, endo cases run except where endo lacks a feature or tables the scenario expects,
 * each skipped with endo's stated gap. Nothing else changes for the reference driver.
 * Method: real scenario files through the real loader, a fake checkout folder (a package.json
 * where `@endo/ocapn` would resolve) so no endo code is needed.
 */
import { test, expect } from '@playwright/test';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { driverSkipReason, isEnvironmentSkip, nodeDriverProblems } from '../../../harness/case/driver-skips.js';
import { ENDO_UNSET_REASON, endoDriverHere, findEndoCheckout } from '../../../harness/drivers/endo/checkout.js';
import { loadScenario } from '../../../harness/scenario/load.js';
import type { Plan } from '../../../harness/scenario/plan.js';

function plan(file: string): Plan {
  const result = loadScenario(file);
  if (!result.plan) throw new Error(`${file} does not load`);
  return result.plan;
}

/** `flush`: the fake @endo/ocapn carries the two sources the op:flush detection reads, as on
 * the endo branch that speaks it (op:flush-done codec, the session's flushExport). */
function fakeCheckout(flush = false): string {
  const root = mkdtempSync(join(tmpdir(), 'endo-checkout-'));
  const dir = join(root, 'node_modules', '@endo', 'ocapn');
  mkdirSync(dir, { recursive: true });
  if (flush) {
    mkdirSync(join(dir, 'src', 'codecs'), { recursive: true });
    mkdirSync(join(dir, 'src', 'client'), { recursive: true });
    writeFileSync(join(dir, 'src', 'codecs', 'operations.js'), "const c = { label: 'op:flush-done' };\n");
    writeFileSync(join(dir, 'src', 'client', 'ocapn.js'), 'const flushExport = () => {};\n');
  }
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: '@endo/ocapn', version: '9.9.9', type: 'module', exports: { './package.json': './package.json' } }));
  writeFileSync(join(root, 'ENDO_COMMIT'), 'abc123\n');
  return root;
}

const unset: NodeJS.ProcessEnv = {};
const echo = plan('scenarios/basics/deliver-echo.yaml');
const mixed = plan('scenarios/interop/interop-echo-reference-calls-endo.yaml');
const gc = plan('scenarios/basics/gc-release-import.yaml');

test('without OCAPN_ENDO_PATH: endo cases and mixed cases skip with the reason, reference cases run', () => {
  expect(driverSkipReason(echo, 'endo', unset)).toBe(ENDO_UNSET_REASON);
  expect(driverSkipReason(echo, 'reference', unset)).toBeUndefined();
  // bob is an endo node whatever the case's driver is.
  expect(driverSkipReason(mixed, 'reference', unset)).toBe(ENDO_UNSET_REASON);
  expect(findEndoCheckout(unset)).toBeUndefined();
});

test('a path that is not a checkout is reported, not thrown', () => {
  const env = { OCAPN_ENDO_PATH: join(tmpdir(), 'no-such-endo-checkout') };
  expect(driverSkipReason(echo, 'endo', env)).toMatch(/^endo driver: OCAPN_ENDO_PATH=.*no such folder/);
  const empty = mkdtempSync(join(tmpdir(), 'not-endo-'));
  expect(driverSkipReason(echo, 'endo', { OCAPN_ENDO_PATH: empty })).toMatch(/@endo\/ocapn does not resolve/);
});

test('with a checkout: endo runs what it supports; a missing feature or table listing skips with its gap', () => {
  const root = fakeCheckout();
  const env = { OCAPN_ENDO_PATH: root };
  expect(findEndoCheckout(env)).toMatchObject({ root, version: '9.9.9', commit: 'abc123' });
  expect(driverSkipReason(echo, 'endo', env)).toBeUndefined();
  expect(driverSkipReason(mixed, 'reference', env)).toBeUndefined();
  expect(driverSkipReason(gc, 'endo', env)).toMatch(/^driver endo lacks feature\(s\) gc: endo drops imports only through WeakRef/);
  expect(driverSkipReason(gc, 'reference', env)).toBeUndefined();
  const withTables: Plan = { ...echo, expect: { ...echo.expect, tables: [{ node: 'bob', peer: 'alice', session: 'open', exact: false, exports: [], imports: null, answers: null, questions: null, gifts: null }] } };
  expect(driverSkipReason(withTables, 'endo', env)).toMatch(/^driver endo cannot show bob's tables: endo exposes no listing/);
  expect(driverSkipReason(withTables, 'reference', env)).toBeUndefined();
});

test('a node naming an unknown driver is a catalog problem', () => {
  const bad: Plan = { ...echo, topology: { ...echo.topology, nodes: echo.topology.nodes.map((n) => (n.name === 'bob' ? { ...n, driver: 'nope' } : n)) } };
  expect(nodeDriverProblems('x.yaml', bad)).toEqual(['x.yaml: node bob names unknown driver "nope" (known: reference, endo, goblins, flush-resets-refcount, flush-without-swap, forwarder-reorders, no-inactivity-timeout, reset-as-close, output-from-failed-turn, resurrect-session, naive-shortening, shortener-flush-without-confirm, deposit-after-withdraw, stop-resets, writes-after-reset, answer-queue-split)']);
  expect(nodeDriverProblems('x.yaml', echo)).toEqual([]);
});

test('gc is asked only of drivers whose nodes release; driver gaps come before the missing checkout', () => {
  const root = fakeCheckout();
  const env = { OCAPN_ENDO_PATH: root };
  const interopGc = plan('scenarios/interop/interop-gc-release-endo-export.yaml');
  // alice (the case's driver) releases; bob (endo) only receives op:gc-exports.
  expect(driverSkipReason(interopGc, 'reference', env)).toBeUndefined();
  expect(driverSkipReason(interopGc, 'endo', env)).toMatch(/^driver endo lacks feature\(s\) gc/);
  expect(driverSkipReason(interopGc, 'endo', unset)).toMatch(/^driver endo lacks feature\(s\) gc/);
  expect(driverSkipReason(interopGc, 'reference', unset)).toBe(ENDO_UNSET_REASON);
  expect(isEnvironmentSkip(ENDO_UNSET_REASON)).toBe(true);
  expect(isEnvironmentSkip(driverSkipReason(gc, 'endo', unset)!)).toBe(false);
});

test('op:flush is an endo feature only when the checkout speaks it (detected, not assumed)', () => {
  const flushPlan = plan('scenarios/flush/refcount-preserved.yaml');
  const endoFlusher = plan('scenarios/interop/interop-flush-endo-flusher.yaml');
  const without = { OCAPN_ENDO_PATH: fakeCheckout() };
  expect(findEndoCheckout(without)?.flush).toBe(false);
  expect(endoDriverHere(without).features).not.toContain('op:flush');
  expect(driverSkipReason(endoFlusher, 'reference', without)).toMatch(/^driver endo lacks feature\(s\) op:flush, op:flush\/receiver-initiated: this endo checkout does not speak op:flush/);
  const withFlush = { OCAPN_ENDO_PATH: fakeCheckout(true) };
  expect(findEndoCheckout(withFlush)?.flush).toBe(true);
  expect(endoDriverHere(withFlush).features).toEqual(expect.arrayContaining(['op:flush', 'op:flush/receiver-initiated']));
  expect(endoDriverHere(withFlush).featureGaps?.['op:flush']).toBeUndefined();
  expect(driverSkipReason(endoFlusher, 'reference', withFlush)).toBeUndefined();
  // All-endo: now only endo's missing table listing stops the case.
  expect(driverSkipReason(flushPlan, 'endo', withFlush)).toMatch(/^driver endo cannot show bob's tables/);
  expect(driverSkipReason(flushPlan, 'endo', without)).toMatch(/^driver endo lacks feature\(s\) op:flush/);
  expect(endoDriverHere(unset).features).not.toContain('op:flush');
});
