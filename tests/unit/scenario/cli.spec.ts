/**
 * Goal: `ocapn-conformance check` and `new` behave as documented through the real binary: exit
 * codes, the exact error lines with frames, the summary lines, and a scaffold that validates.
 * Method: spawn harness/cli/bin.mjs (tsx loader included); `new` writes into a temporary folder.
 */
import { test, expect } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findScenarioFiles } from '../../../harness/case/scenario-files.js';

const cli = (...args: string[]) => spawnSync(process.execPath, ['harness/cli/bin.mjs', ...args], { encoding: 'utf8' });

test('check with no paths validates scenarios/ and prints the count', () => {
  const r = cli('check');
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  const count = findScenarioFiles(['scenarios']).length;
  expect(r.stdout).toMatch(new RegExp(`^${count} scenarios OK \\(\\d+ ms\\)\\n$`));
});

test('check of a broken file prints the located error, its frame and a summary, and exits 1', () => {
  const r = cli('check', 'tests/scenario-errors/semantic-link-unknown-node.yaml');
  expect(r.status).toBe(1);
  expect(r.stdout).toBe('');
  expect(r.stderr).toBe(
    [
      'tests/scenario-errors/semantic-link-unknown-node.yaml:8:32: topology.links[0].target: unknown node "carl"; did you mean "carol"?',
      '  7 |   links:',
      '> 8 |     - { source: alice, target: carl, latency: { fixedMs: 5 } }',
      '    |                                ^',
      '1 of 1 scenario failed the check',
      '',
    ].join('\n'),
  );
});

test('check of a folder reports every broken file, skips _fragments, and exits 1', () => {
  const r = cli('check', 'tests/scenario-errors');
  expect(r.status).toBe(1);
  const files = findScenarioFiles(['tests/scenario-errors']);
  expect(files.some((f) => path.basename(f).startsWith('_'))).toBe(false);
  expect(r.stderr).toContain(`${files.length} of ${files.length} scenarios failed the check`);
  expect(r.stderr).toContain('scenario has unknown key "titel"; did you mean "title"?');
});

test('check of a path with no scenarios fails instead of passing vacuously', () => {
  const r = cli('check', 'no/such/folder');
  expect(r.status).toBe(1);
  expect(r.stderr).toContain('check: no scenario files (*.yaml) under no/such/folder');
});

test('check --plan prints the plan the simulation will run', () => {
  const r = cli('check', '--plan', 'scenarios/basics/deliver-echo.yaml');
  expect(r.status).toBe(0);
  const plan = JSON.parse(r.stdout.slice(0, r.stdout.lastIndexOf('}') + 1));
  expect(plan).toMatchObject({ id: 'deliver-echo', planVersion: 1, seeds: [1], expect: { results: [{ name: 'hello', kind: 'fulfilled', value: 'hi' }] } });
});

test('new scaffolds a commented scenario that passes check, and refuses to overwrite it', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ocapn-new-'));
  try {
    const made = cli('new', 'flush/my-race', '--dir', dir);
    expect(made.stderr).toBe('');
    expect(made.status).toBe(0);
    const file = path.join(dir, 'flush', 'my-race.yaml');
    expect(made.stdout).toContain(`created ${file}`);
    const text = readFileSync(file, 'utf8');
    const schema = /^# yaml-language-server: \$schema=(\S+)\n/.exec(text)?.[1];
    expect(path.resolve(path.dirname(file), schema!)).toBe(path.resolve('fixtures/schemas/scenario.schema.json'));
    expect(text).toContain('id: my-race\n');
    expect(cli('check', file).status).toBe(0);
    const again = cli('new', 'flush/my-race', '--dir', dir);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('already exists; not overwriting it');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('new rejects an id that is not a slug', () => {
  const r = cli('new', 'My_Race');
  expect(r.status).toBe(2);
  expect(r.stderr).toContain('"My_Race" must be a slug');
});
