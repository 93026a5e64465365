/**
 * Goal: `run`, `explore` and `goldens` through the real `ocapn-conformance` binary: usage errors
 * exit 2 before any browser starts, with one clear line; one real headless `run` writes its
 * evidence and prints the replay command.
 * Method: spawn harness/cli/bin.mjs (tsx loader included). The real run starts its own Chromium
 * and `vite preview` (browser-session.ts), reusing the page bundle when one is built.
 */
import { test, expect } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findScenario, loadCatalog } from '../../../harness/case/catalog.js';
import { resolveScenario } from '../../../harness/cli/cli-args.js';
import { verdictLine } from '../../../harness/case/judge.js';
import { echoThenWait } from '../case/_echo-wait.js';

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

test('explore: bad --faults, --workers or --time is a usage error (exit 2) before a browser starts', () => {
  for (const bad of [['--faults', 'earthquake,stall'], ['--workers', '0'], ['--time', 'soon']]) {
    const r = cli(['explore', 'deliver-echo', ...bad]);
    expect(r.status, bad.join(' ')).toBe(2);
    expect(r.stderr).toContain(bad[0]);
  }
});

test('explore: a folder stands for every scenario below it (an empty one, or one with a broken file, is a usage error)', () => {
  const empty = mkdtempSync(path.join(tmpdir(), 'ocapn-explore-empty-'));
  const none = cli(['explore', empty]);
  expect(none.status).toBe(2);
  expect(none.stderr).toContain(`no scenario file under ${empty}`);
  // The folder is expanded: its first broken file is named with file:line:col.
  const broken = cli(['explore', 'tests/scenario-errors']);
  expect(broken.status).toBe(2);
  expect(broken.stderr).toMatch(/tests\/scenario-errors\/[\w-]+\.yaml does not load:\n.*tests\/scenario-errors\/[\w-]+\.yaml:\d+:\d+: /);
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

test('run: a case the runner would skip is not run (exit 3) and says why, before any browser starts', () => {
  // A missing endo checkout is the runner's skip reason for this mixed case; `run` must not judge it anyway.
  const r = cli(['run', 'interop-echo-endo-calls-reference', '--seed', '1'], { OCAPN_ENDO_PATH: '/nonexistent-endo-checkout' });
  expect(r.status).toBe(3);
  expect(r.stderr).toContain('interop-echo-endo-calls-reference [reference]: not run: endo driver: OCAPN_ENDO_PATH=/nonexistent-endo-checkout: no such folder');
  expect(r.stdout).not.toContain('replay:');
});

test('goldens: prune --dry-run lists without removing; an unknown subcommand exits 2', () => {
  const r = cli(['goldens', 'prune', '--dry-run']);
  expect(r.status).toBe(0);
  expect(r.stdout).toMatch(/\d+ stale golden\(s\) \(dry run: nothing removed\); \d+ produced by the pack/);
  expect(cli(['goldens', 'polish']).status).toBe(2);
});

test('run: one real headless case writes its evidence per seed and prints the replay command', () => {
  test.setTimeout(180_000);
  const out = mkdtempSync(path.join(tmpdir(), 'ocapn-run-'));
  const r = cli(['run', 'deliver-echo', '--seed', '1', '--out', out], existsSync('dist/page/index.html') ? { OCAPN_NO_REBUILD: '1' } : {});
  expect(r.stdout).toContain('deliver-echo [reference] seed 1: PASS');
  expect(r.stdout).toContain('replay: npx ocapn-conformance run deliver-echo --seed 1 --driver reference');
  expect(r.status).toBe(0);
  const dir = path.join(out, 'seed-1');
  for (const f of ['transcript.json', 'verdicts.json', 'sequence.svg', 'sequence.md', 'expectations.json']) expect(existsSync(path.join(dir, f)), f).toBe(true);
  expect(readFileSync(path.join(dir, 'transcript.json'), 'utf8')).toContain('"scenarioId":"deliver-echo"');
  expect(readFileSync(path.join(dir, 'sequence.svg'), 'utf8')).toMatch(/^<svg|<\?xml/);
});

test('run builds the page in a private folder: dist/page, which test runs and other sessions serve, is never rewritten, and the folder is gone after', () => {
  test.setTimeout(240_000);
  const before = existsSync('dist/page/index.html') ? statSync('dist/page/index.html').mtimeMs : undefined;
  // A temporary folder of the run's own: tests in the other worker (and other sessions) make and
  // remove ocapn-page-* folders in the shared one meanwhile.
  const tmp = mkdtempSync(path.join(tmpdir(), 'ocapn-run-tmp-'));
  const out = mkdtempSync(path.join(tmpdir(), 'ocapn-run-'));
  const r = cli(['run', 'deliver-echo', '--seed', '2', '--out', out], { TMPDIR: tmp });
  expect(r.stdout).toContain('deliver-echo [reference] seed 2: PASS');
  expect(r.status).toBe(0);
  expect(existsSync('dist/page/index.html') ? statSync('dist/page/index.html').mtimeMs : undefined).toBe(before);
  expect(readdirSync(tmp).filter((f) => f.startsWith('ocapn-page-'))).toEqual([]);
});

test('explore: a scenario that lists designs is explored under each of them (it was a usage error)', () => {
  test.setTimeout(240_000);
  const out = mkdtempSync(path.join(tmpdir(), 'ocapn-explore-designs-'));
  const r = cli(['explore', 'scenarios/shortening/calls-across-the-fence.yaml', '--seeds', '1', '--out', out], existsSync('dist/page/index.html') ? { OCAPN_NO_REBUILD: '1' } : {});
  expect(r.stderr).not.toContain('name one case');
  for (const design of ['none', 'receiver-initiated', 'shortener-initiated', 'marker']) expect(r.stdout).toContain(`calls-across-the-fence@${design} [reference]: 0 of 1 seeds failed`);
  expect(r.stdout).toContain('explored 4 cases');
  expect(r.status).toBe(0);
  // A design's violation is written as a scenario that loads: its id is a slug (x-marker, not x@marker).
  const caught = cli(['explore', 'calls-across-the-fence@marker', '--seeds', '1', '--driver', 'naive-shortening', '--out', out], existsSync('dist/page/index.html') ? { OCAPN_NO_REBUILD: '1' } : {});
  expect(caught.status).toBe(1);
  const shrunk = path.join(out, 'calls-across-the-fence-marker-shrunk-seed-1.yaml');
  expect(existsSync(shrunk), caught.stdout).toBe(true);
  const checked = cli(['check', shrunk, path.join(out, 'calls-across-the-fence-marker-seed-1.yaml')]);
  expect(checked.stdout + checked.stderr).toContain('2 scenarios OK');
});

/** A scenario whose wait never happens and whose sometimes entry no seed hits. */
const NEVER = echoThenWait({
  id: 'never-happens',
  title: 'alice calls bob\'s echo, then waits for a flush no one sends',
  seeds: '1..2',
  wait: 'wait: { frame: op:flush, timeoutMs: 200 }',
  expectExtra: '  sometimes: [{ frame: op:flush, description: a flush went out }]\n',
});

test('run --seeds: every seed keeps its own evidence, the verdict line names what failed, sometimes is judged', () => {
  test.setTimeout(240_000);
  const dir = mkdtempSync(path.join(tmpdir(), 'ocapn-run-'));
  const file = path.join(dir, 'never-happens.yaml');
  writeFileSync(file, NEVER);
  const out = path.join(dir, 'out');
  const r = cli(['run', file, '--seeds', '1..2', '--out', out], existsSync('dist/page/index.html') ? { OCAPN_NO_REBUILD: '1' } : {});
  expect(r.status).toBe(1);
  for (const seed of [1, 2]) {
    expect(existsSync(path.join(out, `seed-${seed}`, 'transcript.json')), `seed ${seed}`).toBe(true);
    expect(r.stdout).toMatch(new RegExp(`never-happens \\[reference\\] seed ${seed}: FAIL: .*never-happens\\.yaml:20:5: wait for frame op:flush \\(timeoutMs 200\\) never happened`));
  }
  expect(r.stdout).toContain('sometimes frame:op:flush: hit in 0 of 2 seeds — sometimes never hit: frame:op:flush (a flush went out) in seeds 1, 2');
  expect(r.stdout).toContain('never-happens [reference]: 2 of 2 seeds failed; a sometimes entry was never hit');
});

test('explore fails when a sometimes entry is hit by no seed, as the runner does', () => {
  test.setTimeout(240_000);
  const dir = mkdtempSync(path.join(tmpdir(), 'ocapn-explore-'));
  const file = path.join(dir, 'never-happens.yaml');
  // Without the wait every seed passes on its own; only the sometimes entry can fail the sweep.
  writeFileSync(file, NEVER.replace('steps:\n  - wait: { frame: op:flush, timeoutMs: 200 }\n', ''));
  const r = cli(['explore', file, '--seeds', '1..2'], existsSync('dist/page/index.html') ? { OCAPN_NO_REBUILD: '1' } : {});
  expect(r.stdout).toContain('never-happens sometimes frame:op:flush: hit in 0 of 2 seeds — sometimes never hit');
  expect(r.stdout).toContain('never-happens [reference]: 0 of 2 seeds failed');
  expect(r.stdout).toMatch(/explored 2 cases on 1 worker in .* s \(.* cases\/s per worker\): 0 failed; 1 sometimes entry never hit/);
  expect(r.status).toBe(1);
});

test('run <id> of a scenario file with errors shows its errors, not "no scenario has that id"', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'ocapn-broken-'));
  writeFileSync(path.join(root, 'my-broken.yaml'), 'id: my-broken\ntitle: broken\nfeatures: [deliver]\ntopology:\n  nodes:\n    alice: { colour: red }\n');
  const entries = loadCatalog(root);
  expect(entries[0].errors).toBeDefined();
  expect(findScenario(entries, 'my-broken')?.file).toBe(path.join(root, 'my-broken.yaml'));
  expect(() => resolveScenario('my-broken', entries)).toThrow(/my-broken\.yaml does not load:\n.*my-broken\.yaml:6:\d+: /);
});

test('the verdict line names the first failure and how many more, never just "checks holds"', () => {
  expect(verdictLine({ failures: [], overall: 'holds' })).toBe('PASS (checks holds)');
  expect(verdictLine({ failures: ['expectation result hello violated: expected fulfilled with "hi", got pending\n  detail', 'golden differs'], overall: 'holds' })).toBe(
    'FAIL: expectation result hello violated: expected fulfilled with "hi", got pending (+1 more)',
  );
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

test('explore: a scenario the test runner would skip on its driver is skipped with the reason; all skipped is a usage error (exit 2)', () => {
  const r = spawnSync(process.execPath, ['harness/cli/bin.mjs', 'explore', 'interop-three-chain-goblins-endo-reference', '--seeds', '1..2'], {
    encoding: 'utf8',
    env: { ...process.env, OCAPN_GOBLINS_PATH: '', OCAPN_ENDO_PATH: '' },
    timeout: 120_000,
  });
  expect(r.status, r.stderr).toBe(2);
  expect(r.stderr).toContain('every scenario named is skipped on its driver');
  expect(r.stderr).toMatch(/interop-three-chain-goblins-endo-reference \[[^\]]+\]: skipped: (goblins|endo) driver/);
});
