/**
 * Goal: the README's sharded CI recipe works — a 2-shard split of the conformance + mutants
 * projects, each shard writing a blob report, joined with `playwright merge-reports` through the
 * matrix reporter, rebuilds the same conformance matrix (conformance.json) as one unsharded run.
 * Method: the real Playwright CLI on a small --grep'd subset (a passing scenario and a scenario
 * whose mutants must be caught, so both ordinary and expected-failure cells are compared). The
 * nested runs serve their own page build on their own port (OCAPN_PAGE_OUT, OCAPN_PAGE_PORT),
 * so they never disturb a page another test is using.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';

const GREP = 'refcount-preserved|deliver-echo';

test('a 2-shard run merged from blob reports gives the same matrix as the unsharded run', () => {
  test.setTimeout(600_000);
  const dir = mkdtempSync(path.join(tmpdir(), 'ocapn-shards-'));
  const env = {
    ...process.env,
    OCAPN_PAGE_PORT: String(Number(process.env.OCAPN_PAGE_PORT ?? 47613) + 1000),
    OCAPN_PAGE_OUT: path.join(dir, 'page'),
    PLAYWRIGHT_HTML_OPEN: 'never',
  };
  const playwright = (args: string[], extra: Record<string, string>) => {
    const r = spawnSync(process.execPath, ['node_modules/@playwright/test/cli.js', ...args], { encoding: 'utf8', env: { ...env, ...extra }, timeout: 280_000 });
    expect(r.status, `${args.join(' ')}\n${r.stdout}\n${r.stderr}`).toBe(0);
    return r;
  };
  const projects = ['--project=conformance', '--project=mutants', '--grep', GREP];
  // What each CI machine runs: one shard, blob reporter.
  for (const i of [1, 2]) {
    playwright(['test', ...projects, `--shard=${i}/2`, '--reporter=blob'], { PLAYWRIGHT_BLOB_OUTPUT_DIR: path.join(dir, `blob-${i}`) });
  }
  // What the joining job runs: every shard's blob in one folder, merged through the matrix reporter.
  const all = path.join(dir, 'all-blob-reports');
  mkdirSync(all);
  for (const i of [1, 2]) for (const f of readdirSync(path.join(dir, `blob-${i}`))) cpSync(path.join(dir, `blob-${i}`, f), path.join(all, f));
  expect(readdirSync(all)).toHaveLength(2);
  playwright(['merge-reports', '--reporter=./harness/report/matrix-reporter.ts', all], { OCAPN_REPORTS_DIR: path.join(dir, 'merged') });
  // The reference: one machine, no sharding.
  playwright(['test', ...projects, '--reporter=./harness/report/matrix-reporter.ts'], { OCAPN_REPORTS_DIR: path.join(dir, 'unsharded') });
  const read = (sub: string) => JSON.parse(readFileSync(path.join(dir, sub, 'conformance.json'), 'utf8')) as { cases: { status: string }[] };
  const merged = read('merged');
  const unsharded = read('unsharded');
  expect(unsharded.cases.length).toBeGreaterThanOrEqual(3);
  expect(unsharded.cases.some((c) => c.status === 'expected-failure')).toBe(true);
  expect(merged).toEqual(unsharded);
  // Each shard ran only part of it: the split is real.
  for (const i of [1, 2]) expect(readdirSync(path.join(dir, `blob-${i}`)).length).toBe(1);
});
