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
import { bindCase, bindEndoNodes, driverSkipReason, isEnvironmentSkip, knownDrivers, lookupDriver, mixedEndoColumns, nodeDriverProblems } from '../../../harness/case/driver-skips.js';
import { caseLabel } from '../../../harness/case/catalog.js';
import { caseReplayCommand } from '../../../harness/case/replay-command.js';
import { ENDO_UNSET_REASON, endoColumns, endoDriverHere, findEndoCheckout, findEndoCheckouts } from '../../../harness/drivers/endo/checkout.js';
import { endoWorkerFile } from '../../../harness/drivers/endo/info.js';
import { loadScenario } from '../../../harness/scenario/load.js';
import type { Plan } from '../../../harness/scenario/plan.js';
import { drivers } from '../../../harness/drivers/index.js';

function plan(file: string): Plan {
  const result = loadScenario(file);
  if (!result.plan) throw new Error(`${file} does not load`);
  return result.plan;
}

/** `flush`: the fake @endo/ocapn carries the two sources the op:flush detection reads, as on
 * the endo branch that speaks it (op:flush-done codec, the session's flushExport). */
function fakeCheckout(flush = false, commit = 'abc123'): string {
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
  writeFileSync(join(root, 'ENDO_COMMIT'), `${commit}\n`);
  return root;
}

const unset: NodeJS.ProcessEnv = {};
const echo = plan('scenarios/basics/deliver-echo.yaml');
const mixed = plan('scenarios/interop/interop-echo-reference-calls-endo.yaml');
const gc = plan('scenarios/basics/gc-release-import.yaml');
const timer = plan('scenarios/basics/handshake-timeout-silent-link.yaml');

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

test('with a checkout: endo runs what it supports; a role it cannot play (a feature, a table listing) moves to the reference node, and when no role is left the case skips with its gap', () => {
  const root = fakeCheckout();
  const env = { OCAPN_ENDO_PATH: root };
  expect(findEndoCheckout(env)).toMatchObject({ root, version: '9.9.9', commit: 'abc123' });
  expect(driverSkipReason(echo, 'endo', env)).toBeUndefined();
  expect(driverSkipReason(mixed, 'reference', env)).toBeUndefined();
  // endo releases by collection (gc): alice, who releases, stays endo; bob's tables move him.
  expect(driverSkipReason(gc, 'endo', env)).toBeUndefined();
  expect(bindCase(gc, 'endo', env).moved).toEqual({ bob: ['tables'] });
  expect(driverSkipReason(gc, 'reference', env)).toBeUndefined();
  // A feature endo lacks at every node that could be endo's skips the case with its gap.
  expect(driverSkipReason(timer, 'endo', env)).toMatch(/handshake-timeout.*endo keeps no handshake timer/);
  const withTables: Plan = { ...echo, expect: { ...echo.expect, tables: [{ node: 'bob', peer: 'alice', session: 'open', exact: false, exports: [], imports: null, answers: null, questions: null, gifts: null }] } };
  // bob's tables are read: bob runs the reference node, alice (the caller) stays endo.
  expect(driverSkipReason(withTables, 'endo', env)).toBeUndefined();
  expect(bindCase(withTables, 'endo', env).moved).toEqual({ bob: ['tables'] });
  expect(driverSkipReason(withTables, 'reference', env)).toBeUndefined();
  // Both nodes' tables read: nothing is left to endo.
  const bothTables: Plan = { ...withTables, expect: { ...withTables.expect, tables: [...withTables.expect.tables, { ...withTables.expect.tables[0], node: 'alice', peer: 'bob' }] } };
  expect(driverSkipReason(bothTables, 'endo', env)).toMatch(/^driver endo(@\w+)? cannot show the tables the scenario expects: endo exposes no listing.*\(needed at every node it could play: alice: tables; bob: tables\)$/);
});

test('a node naming an unknown driver is a catalog problem', () => {
  const bad: Plan = { ...echo, topology: { ...echo.topology, nodes: echo.topology.nodes.map((n) => (n.name === 'bob' ? { ...n, driver: 'nope' } : n)) } };
  // The message lists every registered driver, in the registry's order (the registry's own test
  // pins what it holds).
  expect(drivers.length).toBeGreaterThan(10);
  expect(nodeDriverProblems('x.yaml', bad)).toEqual([`x.yaml: node bob names unknown driver "nope" (known: ${drivers.map((d) => d.name).join(', ')})`]);
  expect(nodeDriverProblems('x.yaml', echo)).toEqual([]);
});

test('gc is asked only of drivers whose nodes release; driver gaps come before the missing checkout', () => {
  const root = fakeCheckout();
  const env = { OCAPN_ENDO_PATH: root };
  const interopGc = plan('scenarios/interop/interop-gc-release-endo-export.yaml');
  // alice (the case's driver) releases; bob (endo) only receives op:gc-exports.
  expect(driverSkipReason(interopGc, 'reference', env)).toBeUndefined();
  // In endo's column alice, who releases, is endo too (release by collection); bob is endo as written.
  expect(driverSkipReason(interopGc, 'endo', env)).toBeUndefined();
  expect(bindCase(interopGc, 'endo', env).moved).toEqual({});
  expect(driverSkipReason(interopGc, 'endo', unset)).toBe(ENDO_UNSET_REASON);
  expect(driverSkipReason(interopGc, 'reference', unset)).toBe(ENDO_UNSET_REASON);
  expect(isEnvironmentSkip(ENDO_UNSET_REASON)).toBe(true);
  expect(isEnvironmentSkip(driverSkipReason(timer, 'endo', unset)!)).toBe(false);
});

test('op:flush is an endo feature only when the checkout speaks it (detected, not assumed)', () => {
  const flushPlan = plan('scenarios/flush/refcount-preserved.yaml');
  const endoFlusher = plan('scenarios/interop/interop-flush-endo-flusher.yaml');
  const without = { OCAPN_ENDO_PATH: fakeCheckout() };
  expect(findEndoCheckout(without)?.flush).toBe(false);
  expect(endoDriverHere(without).features).not.toContain('op:flush');
  expect(driverSkipReason(endoFlusher, 'reference', without)).toMatch(/^driver endo(@\w+)? lacks feature\(s\) op:flush, op:flush\/receiver-initiated: this endo checkout does not speak op:flush/);
  const withFlush = { OCAPN_ENDO_PATH: fakeCheckout(true) };
  expect(findEndoCheckout(withFlush)?.flush).toBe(true);
  expect(endoDriverHere(withFlush).features).toEqual(expect.arrayContaining(['op:flush', 'op:flush/receiver-initiated']));
  expect(endoDriverHere(withFlush).featureGaps?.['op:flush']).toBeUndefined();
  expect(driverSkipReason(endoFlusher, 'reference', withFlush)).toBeUndefined();
  // Flushing a kickoff's answer needs the answer to be an imported promise on both sides, which
  // endo never gives nor takes (it answers after settlement and holds a question's answer as the
  // answer): no node is left to endo, with or without op:flush.
  expect(driverSkipReason(flushPlan, 'endo', withFlush)).toMatch(/^driver endo(@\w+)? lacks feature\(s\) promise-answers.*\(needed at every node it could play: alice: promise-answers; bob: promise-answers, tables\)$/);
  expect(driverSkipReason(flushPlan, 'endo', without)).toMatch(/^driver endo(@\w+)? lacks feature\(s\) op:flush.*\(needed at every node it could play: alice: op:flush, op:flush\/receiver-initiated, promise-answers; bob: op:flush, op:flush\/receiver-initiated, promise-answers, tables\)$/);
  expect(endoDriverHere(unset).features).not.toContain('op:flush');
});

test('several checkouts in OCAPN_ENDO_PATH are endo columns side by side, each named by its commit and with its own features', () => {
  const main = fakeCheckout(false, '1fa6c227e58f57727376a22cad176c6592c33006');
  const flush = fakeCheckout(true, '7d229a7857111a34c65653caf6fb14d624bc1392');
  const env = { OCAPN_ENDO_PATH: `${main}:${flush}` };
  expect(findEndoCheckouts(env).map((c) => c.driver)).toEqual(['endo@1fa6c227e', 'endo@7d229a785']);
  expect(endoColumns(env).map((d) => d.name)).toEqual(['endo@1fa6c227e', 'endo@7d229a785']);
  expect(knownDrivers(env).map((d) => d.name).filter((n) => n.startsWith('endo'))).toEqual(['endo@1fa6c227e', 'endo@7d229a785']);
  expect(lookupDriver('endo@7d229a785', env)?.features).toContain('op:flush');
  expect(lookupDriver('endo@1fa6c227e', env)?.features).not.toContain('op:flush');
  expect(lookupDriver('endo@000000000', env)).toBeUndefined();
  // A flush scenario runs on the flush column and is skipped on main, with main's reason.
  const flusher = plan('scenarios/interop/interop-flush-endo-flusher.yaml');
  expect(driverSkipReason(bindEndoNodes(flusher, 'reference', env), 'reference', env)).toMatch(/lacks feature\(s\) op:flush/);
  expect(driverSkipReason(bindEndoNodes(flusher, 'endo@7d229a785', env), 'endo@7d229a785', env)).toBeUndefined();
  expect(bindCase(flusher, 'endo@7d229a785', env).moved).toEqual({ bob: ['tables'] });
  const flushFirst = { OCAPN_ENDO_PATH: `${flush}:${main}` };
  expect(driverSkipReason(bindEndoNodes(flusher, 'reference', flushFirst), 'reference', flushFirst)).toBeUndefined();
  // `driver: endo` nodes run the case's own column, or the first checkout's in another driver's case.
  expect(bindEndoNodes(mixed, 'endo@7d229a785', env).topology.nodes.find((n) => n.name === 'bob')?.driver).toBe('endo@7d229a785');
  expect(bindEndoNodes(mixed, 'reference', env).topology.nodes.find((n) => n.name === 'bob')?.driver).toBe('endo@1fa6c227e');
  expect(bindEndoNodes(mixed, 'reference', unset)).toBe(mixed);
  expect(endoWorkerFile('endo@7d229a785')).toBe('endo-worker-7d229a785.js');
  expect(endoWorkerFile('endo')).toBe('endo-worker.js');
  // The same commit twice is one column: the second folder is reported, not run.
  const twice = findEndoCheckouts({ OCAPN_ENDO_PATH: `${main}:${fakeCheckout(false, '1fa6c227e58f57727376a22cad176c6592c33006')}` });
  expect(twice[1].problem).toMatch(/second checkout for column endo@1fa6c227e/);
});

test('a mixed case on another driver is made once per endo checkout, labelled by it; with one checkout it stays one case', () => {
  const main = fakeCheckout(false, '1fa6c227e58f57727376a22cad176c6592c33006');
  const flush = fakeCheckout(true, '7d229a7857111a34c65653caf6fb14d624bc1392');
  const both = { OCAPN_ENDO_PATH: `${main}:${flush}` };
  expect(mixedEndoColumns(mixed, 'reference', both)).toEqual(['endo@1fa6c227e', 'endo@7d229a785']);
  expect(mixedEndoColumns(mixed, 'reference', { OCAPN_ENDO_PATH: main })).toEqual([undefined]);
  expect(mixedEndoColumns(mixed, 'endo@7d229a785', both)).toEqual([undefined]);
  expect(mixedEndoColumns(echo, 'reference', both)).toEqual([undefined]);
  expect(bindEndoNodes(mixed, 'reference', both, 'endo@7d229a785').topology.nodes.find((n) => n.name === 'bob')?.driver).toBe('endo@7d229a785');
  expect(bindCase(mixed, 'reference', both, 'endo@7d229a785').plan.topology.nodes.find((n) => n.name === 'bob')?.driver).toBe('endo@7d229a785');
  expect(caseLabel({ driver: 'reference', endoColumn: 'endo@7d229a785' })).toBe('reference+endo@7d229a785');
  expect(caseLabel({ driver: 'reference' })).toBe('reference');
});

test('a replay names the one checkout its case ran on, so a mixed case with several set up replays against the right one', () => {
  const a = fakeCheckout(false, 'aaaaaaaaa1');
  const b = fakeCheckout(true, 'bbbbbbbbb2');
  const env = { OCAPN_ENDO_PATH: `${a}:${b}` };
  const header = { scenarioId: 'x', seed: 3, driver: 'reference' };
  const mixed = { ...header, implementations: [{ driver: 'endo@bbbbbbbbb', package: '@endo/ocapn', thirdParty: {} }] };
  expect(caseReplayCommand(mixed, env)).toBe(`OCAPN_ENDO_PATH=${b} npx ocapn-conformance run x --seed 3 --driver reference`);
  expect(caseReplayCommand(header, env, 'endo@aaaaaaaaa')).toBe(`OCAPN_ENDO_PATH=${a} npx ocapn-conformance run x --seed 3 --driver reference`);
  expect(caseReplayCommand({ ...header, driver: 'endo@aaaaaaaaa' }, env)).toBe(`OCAPN_ENDO_PATH=${a} npx ocapn-conformance run x --seed 3 --driver endo@aaaaaaaaa`);
  // No endo in the case, or no checkout for its column: the plain command.
  expect(caseReplayCommand(header, env)).toBe('npx ocapn-conformance run x --seed 3 --driver reference');
  expect(caseReplayCommand(mixed, unset)).toBe('npx ocapn-conformance run x --seed 3 --driver reference');
  // With that one checkout, the mixed case binds its endo nodes to it (the first is the only one).
  const mixedPlan = plan('scenarios/interop/interop-echo-reference-calls-endo.yaml');
  expect(bindEndoNodes(mixedPlan, 'reference', { OCAPN_ENDO_PATH: b }).topology.nodes.map((n) => n.driver).filter((d) => d !== undefined)).toEqual(['endo@bbbbbbbbb']);
});
