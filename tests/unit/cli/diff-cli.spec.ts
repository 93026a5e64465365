// Goal: `diff` tells what changed between two conformance reports and gates CI on it: two
// reports differing in one case (pass → FAIL) exit 1 naming that case and its witness; the
// reverse exits 0 as newly passing; a changed witness is shown; a file that is not a report, or
// one of another schema version, exits 2 saying which. Method: the real CLI on files in a temp dir.
import { test, expect } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildMatrix, type CaseRow } from '../../../harness/report/matrix.js';
import { checkReport } from '../../../harness/report/report-schema.js';

const row = (over: Partial<CaseRow>): CaseRow => ({
  scenario: 'deliver-echo',
  driver: 'endo',
  conforming: true,
  seed: 1,
  features: ['deliver'],
  level: 'MUST',
  status: 'pass',
  violated: [],
  title: 't',
  evidence: [],
  ...over,
});

const base = [row({}), row({ seed: 2 }), row({ scenario: 'fixed-route-four-hops', driver: 'reference', features: ['forwarding'] })];
const broken = [row({}), row({ seed: 2, status: 'fail', violated: ['perRefFifo'], witnesses: { perRefFifo: { frames: [38, 41] } } }), base[2]];

const dir = mkdtempSync(path.join(tmpdir(), 'ocapn-diff-'));
function file(name: string, value: unknown): string {
  const f = path.join(dir, name);
  writeFileSync(f, typeof value === 'string' ? value : JSON.stringify(value, null, 2));
  return f;
}
const diff = (a: string, b: string) => spawnSync(process.execPath, ['harness/cli/bin.mjs', 'diff', a, b], { encoding: 'utf8' });

test('the reports diff reads are schema-valid', () => {
  for (const cases of [base, broken, []]) expect(checkReport(JSON.parse(JSON.stringify(buildMatrix(cases))))).toMatchObject({ ok: true });
});

test('diff: one case newly failing exits 1 and names it with its witness; back to passing exits 0', () => {
  const before = file('before.json', buildMatrix(base));
  const after = file('after.json', buildMatrix(broken));
  const r = diff(before, after);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(1);
  expect(r.stdout).toBe(
    'newly failing (1):\n  deliver-echo [endo] seed 2: pass → FAIL — violated: perRefFifo (frames 38, 41)\n' +
      '1 newly failing, 0 newly passing, 0 changed witnesses, 0 other changes; 0 cases added, 0 removed\n',
  );
  const back = diff(after, before);
  expect(back.status).toBe(0);
  expect(back.stdout).toContain('newly passing (1):\n  deliver-echo [endo] seed 2: FAIL → pass\n');
  expect(diff(before, before).stdout).toBe('0 newly failing, 0 newly passing, 0 changed witnesses, 0 other changes; 0 cases added, 0 removed\n');
});

test('diff: a still-failing case whose witness moved is a changed witness, not a new failure', () => {
  const moved = broken.map((c) => (c.seed === 2 && c.driver === 'endo' ? { ...c, witnesses: { perRefFifo: { frames: [40, 44] } } } : c));
  const r = diff(file('b1.json', buildMatrix(broken)), file('b2.json', buildMatrix(moved)));
  expect(r.status).toBe(0);
  expect(r.stdout).toContain('changed witnesses (1):\n  deliver-echo [endo] seed 2: FAIL → FAIL — perRefFifo (frames 38, 41) → perRefFifo (frames 40, 44)\n');
});

test('diff: not a report, another schema version, or a malformed report exits 2 and says which', () => {
  const good = file('good.json', buildMatrix(base));
  const other = diff(file('results.json', { config: {}, suites: [] }), good);
  expect(other.status).toBe(2);
  expect(other.stderr).toBe(`diff: ${path.join(dir, 'results.json')}: not a conformance report (no "schema": "ocapn-conformance-report")\n`);
  const v1 = diff(good, file('v1.json', { version: 1, status: 'complete', cases: [] }));
  expect(v1.status).toBe(2);
  expect(v1.stderr).toContain('v1.json: a conformance report of schema version 1; this harness reads version 2');
  const v3 = diff(good, file('v3.json', { ...buildMatrix(base), version: 3 }));
  expect(v3.stderr).toContain('v3.json: a conformance report of schema version 3');
  const bad = diff(good, file('bad.json', { ...buildMatrix(base), cases: [{ scenario: 'x' }] }));
  expect(bad.status).toBe(2);
  expect(bad.stderr).toContain("bad.json: not a valid conformance report: /cases/0 must have required property 'driver'");
  expect(diff(good, file('text.json', 'not json')).stderr).toContain('text.json: not a conformance report (not JSON:');
  expect(diff(good, path.join(dir, 'missing.json')).stderr).toContain('missing.json: cannot be read (ENOENT)');
  const usage = spawnSync(process.execPath, ['harness/cli/bin.mjs', 'diff', good], { encoding: 'utf8' });
  expect(usage.status).toBe(2);
  expect(usage.stderr).toContain('usage: ocapn-conformance diff <old conformance.json> <new conformance.json>');
});
