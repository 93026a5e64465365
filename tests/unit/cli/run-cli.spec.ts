/**
 * Goal: `run`, `explore` and `goldens` through the real `ocapn-conformance` binary: usage errors
 * exit 2 before any browser starts, with one clear line; one real headless `run` writes its
 * evidence and prints the replay command.
 * Method: spawn harness/cli/bin.mjs (tsx loader included). The real run starts its own Chromium
 * and `vite preview` (browser-session.ts), reusing the page bundle when one is built.
 */
import { test, expect } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const cli = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, ['harness/cli/bin.mjs', ...args], { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 120_000 });

test('run: a scenario path that does not exist is a usage error (exit 2), no stack trace', () => {
  const r = cli(['run', 'scenarios/nope/missing.yaml']);
  expect(r.status).toBe(2);
  expect(r.stderr).toContain('run: no scenario "scenarios/nope/missing.yaml"');
  expect(r.stderr).toContain('usage: ocapn-conformance run <scenario>');
  expect(r.stderr).not.toMatch(/\n\s+at /);
});

test('run: a scenario file with errors prints them file:line:col and exits 2', () => {
  const r = cli(['run', 'tests/scenario-errors/schema-unknown-top-key.yaml']);
  expect(r.status).toBe(2);
  expect(r.stderr).toMatch(/tests\/scenario-errors\/schema-unknown-top-key\.yaml:\d+:\d+: /);
});

test('explore: a backwards or malformed seed range is a usage error (exit 2)', () => {
  const backwards = cli(['explore', 'deliver-echo', '--seeds', '9..2']);
  expect(backwards.status).toBe(2);
  expect(backwards.stderr).toContain('bad seed range "9..2": the end must not be before the start');
  const malformed = cli(['explore', 'deliver-echo', '--seeds', 'all']);
  expect(malformed.status).toBe(2);
  expect(malformed.stderr).toContain('bad seed range "all"');
});

test('run: an unknown driver and an unknown option are usage errors', () => {
  expect(cli(['run', 'deliver-echo', '--driver', 'nobody']).stderr).toContain('unknown driver "nobody"');
  const r = cli(['run', 'deliver-echo', '--sead', '1']);
  expect(r.status).toBe(2);
  expect(r.stderr).toContain('unknown option --sead');
});

test('goldens: prune --dry-run lists without removing; an unknown subcommand exits 2', () => {
  const r = cli(['goldens', 'prune', '--dry-run']);
  expect(r.status).toBe(0);
  expect(r.stdout).toMatch(/\d+ stale golden\(s\) \(dry run: nothing removed\); \d+ produced by the pack/);
  expect(cli(['goldens', 'polish']).status).toBe(2);
});

test('run: one real headless case writes its evidence and prints the replay command', () => {
  test.setTimeout(180_000);
  const out = mkdtempSync(path.join(tmpdir(), 'ocapn-run-'));
  const r = cli(['run', 'deliver-echo', '--seed', '1', '--out', out], existsSync('dist/page/index.html') ? { OCAPN_NO_REBUILD: '1' } : {});
  expect(r.stdout).toContain('deliver-echo [reference] seed 1: PASS');
  expect(r.stdout).toContain('replay: npx ocapn-conformance run deliver-echo --seed 1 --driver reference');
  expect(r.status).toBe(0);
  for (const f of ['transcript.json', 'verdicts.json', 'sequence.svg', 'sequence.md', 'expectations.json']) expect(existsSync(path.join(out, f)), f).toBe(true);
  expect(readFileSync(path.join(out, 'transcript.json'), 'utf8')).toContain('"scenarioId":"deliver-echo"');
  expect(readFileSync(path.join(out, 'sequence.svg'), 'utf8')).toMatch(/^<svg|<\?xml/);
});

test('conformance: an empty scenario set is reported as empty, in the JSON and on stdout', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ocapn-empty-'));
  const r = spawnSync(process.execPath, [path.resolve('harness/cli/bin.mjs'), 'conformance'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
  expect(r.stdout).toContain('conformance: 0 scenario files under scenarios/ — nothing was run');
  expect(r.status).toBe(0);
  const matrix = JSON.parse(readFileSync(path.join(dir, 'reports/conformance.json'), 'utf8')) as { status: string; cases: unknown[] };
  expect(matrix.status).toBe('empty');
  expect(matrix.cases).toEqual([]);
  expect(existsSync(path.join(dir, 'reports/conformance.html'))).toBe(true);
});
