/**
 * Goal: the case catalog the conformance runner is generated from — every scenario file yields
 * cases (or an error entry), every mutant is caught by a declared scenario with a real check, and
 * the CLI's argument parsing rejects bad input before a browser starts.
 * Method: the real scenarios/ folder, the real driver registry; parse functions directly.
 */
import { test, expect } from '@playwright/test';
import { catalogProblems, expandPlan, findScenario, loadCatalog, loadEntry, mutantDrivers } from '../../../harness/case/catalog.js';
import { parseOptions, parseSeeds, UsageError } from '../../../harness/cli/cli-args.js';
import { MUTANT_CATCHES } from '../../../harness/case/mutant-catches.js';
import { checkerNames } from '../../../harness/checks/index.js';

const catalog = loadCatalog();

test('every scenario of the pack loads and yields at least one case per seed for the reference driver', () => {
  expect(catalog.length).toBeGreaterThanOrEqual(12);
  for (const e of catalog) {
    expect(e.errors, e.file).toBeUndefined();
    expect(e.cases.filter((c) => c.driver === 'reference').map((c) => c.seed)).toEqual(e.plan!.seeds);
  }
  expect(catalogProblems(catalog)).toEqual([]);
});

test('every mutant is declared caught by an existing scenario through registered checks', () => {
  expect(Object.keys(MUTANT_CATCHES).sort()).toEqual(mutantDrivers().sort());
  for (const catches of Object.values(MUTANT_CATCHES)) {
    for (const c of catches) {
      expect(findScenario(catalog, c.scenario), c.scenario).toBeDefined();
      for (const name of c.checks) expect(checkerNames).toContain(name);
    }
  }
  const mutantCases = catalog.flatMap((e) => e.mutantCases);
  for (const m of mutantDrivers()) expect(mutantCases.some((c) => c.driver === m && c.mutant!.checks.length > 0)).toBe(true);
});

test('a broken scenario file becomes an error entry that carries file:line:col, never nothing', () => {
  const entry = loadEntry('tests/scenario-errors/schema-unknown-top-key.yaml');
  expect(entry.plan).toBeUndefined();
  expect(entry.errors).toMatch(/^tests\/scenario-errors\/schema-unknown-top-key\.yaml:\d+:\d+: /);
  expect(entry.cases).toEqual([]);
});

test('a driver lacking a feature yields a skipped case with the reason; an unknown driver is a problem', () => {
  const plan = findScenario(catalog, 'deliver-echo')!.plan!;
  const lacking = expandPlan('x.yaml', { ...plan, drivers: ['endo'], features: [...plan.features, 'handoff'] });
  expect(lacking.cases[0].skip).toContain('handoff');
  const unknown = expandPlan('x.yaml', { ...plan, drivers: ['no-such-driver'] });
  expect(unknown.cases).toEqual([]);
  expect(unknown.problems[0]).toContain('unknown driver "no-such-driver"');
});

test('seed ranges: N, A..B and comma lists; backwards or malformed ranges are usage errors', () => {
  expect(parseSeeds('7')).toEqual([7]);
  expect(parseSeeds('1..4')).toEqual([1, 2, 3, 4]);
  expect(parseSeeds('3,1..2,3')).toEqual([3, 1, 2]);
  expect(() => parseSeeds('5..1')).toThrow(UsageError);
  expect(() => parseSeeds('1-5')).toThrow(/bad seed range "1-5"/);
  expect(() => parseSeeds('')).toThrow(UsageError);
});

test('options: --name value and --name=value; unknown options and missing values are errors', () => {
  const { positionals, options } = parseOptions(['s', '--seed', '3', '--driver=reference'], ['seed', 'driver']);
  expect(positionals).toEqual(['s']);
  expect([...options]).toEqual([['seed', '3'], ['driver', 'reference']]);
  expect(() => parseOptions(['--sed', '3'], ['seed'])).toThrow(/unknown option --sed/);
  expect(() => parseOptions(['--seed'], ['seed'])).toThrow(/--seed needs a value/);
});
