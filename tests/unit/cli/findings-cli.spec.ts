/**
 * Goal: `findings` tells, per endo column of a matrix, whether each endo defect is present —
 * only when its case failed naming the result the defect spoils — absent, failing otherwise,
 * skipped or not run; every finding names a case, a spec section and a report.
 * Method: a hand-made matrix JSON with two endo columns; the command's --json output.
 */
import { test, expect } from '@playwright/test';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path, { join } from 'node:path';
import { findingDriver, findingReplay, findingStatus, run } from '../../../harness/cli/commands/findings.js';
import { ENDO_CANDIDATES, ENDO_FINDINGS } from '../../../harness/drivers/endo/findings.js';
import { findScenarioFiles } from '../../../harness/case/scenario-files.js';
import { loadScenario, parseScenario } from '../../../harness/scenario/load.js';
import { WITNESS_DIR } from '../../../harness/cli/commands/findings-witness.js';
import { minimalId } from '../../../harness/case/endo-witness.js';

const e1 = ENDO_FINDINGS.find((f) => f.id === 'E1')!;
const at = (driver: string, status: string, error?: string) => ({ scenario: e1.scenario, driver, seed: e1.seed, status, ...(error ? { error } : {}) });

test('a finding is present only when its case fails naming its result', () => {
  expect(findingStatus(e1, 'endo@aaa', [at('endo@aaa', 'fail', 'Error: expectation result string-astral violated: …')]).status).toBe('present');
  expect(findingStatus(e1, 'endo@aaa', [at('endo@aaa', 'fail', 'Error: expectation result string-astral2 violated')]).status).toBe('other failure');
  expect(findingStatus(e1, 'endo@aaa', [at('endo@aaa', 'pass')]).status).toBe('absent');
  expect(findingStatus(e1, 'endo@aaa', [at('endo@aaa', 'skipped', 'driver endo lacks feature(s) x')])).toEqual({ status: 'skipped', detail: 'driver endo lacks feature(s) x' });
  expect(findingStatus(e1, 'endo@bbb', [at('endo@aaa', 'pass')]).status).toBe('not run');
});

test('a finding shown over TCP is read from its checkout\'s endo-tcp column; one on a table verdict by that verdict', () => {
  const e8 = ENDO_FINDINGS.find((f) => f.id === 'E8')!;
  const tcp = (driver: string, status: string, error?: string) => ({ scenario: e8.scenario, driver, seed: e8.seed, status, ...(error ? { error } : {}) });
  expect(findingDriver(e8, 'endo@aaa')).toBe(`endo-tcp@aaa/${e8.overTcp!.framing}`);
  expect(findingStatus(e8, 'endo@aaa', [tcp(`endo-tcp@aaa/${e8.overTcp!.framing}`, 'fail', `expectation result ${e8.result} violated`)]).status).toBe('present');
  expect(findingStatus(e8, 'endo@aaa', [tcp('endo@aaa', 'pass')]).status).toBe('not run');
  const e9 = ENDO_FINDINGS.find((f) => f.id === 'E9')!;
  const gc = (status: string, error: string) => ({ scenario: e9.scenario, driver: 'endo@aaa', seed: e9.seed, status, error });
  expect(findingStatus(e9, 'endo@aaa', [gc('fail', `Error: gcBalanced unknown\nexpectation ${e9.verdict!} violated: exports: …`)]).status).toBe('present');
  expect(findingStatus(e9, 'endo@aaa', [gc('fail', 'expectation result once violated')]).status).toBe('other failure');
});

test('every finding names a scenario of the pack, a spec section and a report', () => {
  const ids = new Set(findScenarioFiles(['scenarios']).map((f) => loadScenario(f).plan?.id));
  for (const f of [...ENDO_FINDINGS, ...ENDO_CANDIDATES]) {
    expect(ids.has(f.scenario), `${f.id}: ${f.scenario}`).toBe(true);
    expect(f.spec).toMatch(/^OCapN (Model|CapTP|Locators), "[^"]+": /);
    expect(f.report.length).toBeGreaterThan(80);
  }
});

test('findings --json reports each endo column of the matrix', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'findings-'));
  const file = join(dir, 'conformance.json');
  writeFileSync(file, JSON.stringify({ cases: [at('endo@aaa', 'fail', 'expectation result string-astral violated'), at('endo@bbb', 'pass'), { ...at('reference', 'pass') }] }));
  const out: string[] = [];
  const code = await run(['--matrix', file, '--json'], { stdout: (s: string) => out.push(s), stderr: () => {}, readStdin: async () => new Uint8Array() });
  expect(code).toBe(0);
  const parsed = JSON.parse(out.join('\n')) as { columns: string[]; findings: { id: string; columns: Record<string, { status: string }> }[] };
  expect(parsed.columns).toEqual(['endo@aaa', 'endo@bbb']);
  expect(parsed.findings.find((f) => f.id === 'E1')!.columns).toEqual({ 'endo@aaa': { status: 'present' }, 'endo@bbb': { status: 'absent' } });
});

test('every finding has its minimal case and a byte witness in the repository (findings --witness wrote them)', () => {
  const witnesses = readFileSync(`${WITNESS_DIR}/WITNESSES.md`, 'utf8');
  for (const f of [...ENDO_FINDINGS, ...ENDO_CANDIDATES]) {
    const file = `${WITNESS_DIR}/${minimalId(f)}.yaml`;
    const loaded = parseScenario(readFileSync(file, 'utf8'), file);
    expect(loaded.errors ?? [], file).toEqual([]);
    expect(loaded.plan!.kickoffs.map((k) => k.name), file).toContain(f.result);
    expect(witnesses, f.id).toContain(`## ${f.id} — ${f.title}`);
    // The editor's schema line resolves from the witness folder itself.
    const schema = /\$schema=(\S+)/.exec(readFileSync(file, 'utf8'))?.[1];
    expect(schema && existsSync(path.join(path.dirname(file), schema)), `${file}: $schema=${schema}`).toBe(true);
  }
  // Witnesses come from runs: each lists the columns it reproduces at, and bytes.
  expect(witnesses).toMatch(/- reproduces at: endo@[0-9a-f]{9}/);
  expect(witnesses).toContain('as Syrup text:');
});

test('a finding\'s replay command is one its case runs by: `run` in a page worker, the endo-tcp spec over TCP', () => {
  expect(findingReplay(e1)).toBe(`npx ocapn-conformance run ${e1.scenario} --seed ${e1.seed} --driver endo`);
  const e8 = ENDO_FINDINGS.find((f) => f.id === 'E8')!;
  const replay = findingReplay(e8);
  // `run` knows no endo-tcp driver; the case is the spec's test, found by its title.
  expect(replay).not.toContain('ocapn-conformance run');
  const grep = new RegExp(/--grep "(.*)"$/.exec(replay)![1]);
  expect(replay).toContain('tests/conformance/endo-tcp.spec.ts');
  expect(grep.test(`${e8.scenario} [endo-tcp@1fa6c227e/${e8.overTcp!.framing}] seed ${e8.seed}`)).toBe(true);
  expect(grep.test(`${e8.scenario} [endo-tcp@1fa6c227e/length] seed ${e8.seed}`)).toBe(e8.overTcp!.framing === 'length');
  expect(grep.test(`${e8.scenario} [endo-tcp@1fa6c227e/${e8.overTcp!.framing}] seed ${e8.seed + 10}`)).toBe(false);
});
