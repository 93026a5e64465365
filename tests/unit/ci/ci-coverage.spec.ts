// Goal: CI's summary prints one protocol-coverage line from Playwright's JSON report (the
// inventory test's vocabulary, the conforming cases' wire annotations; mutants not counted) and
// keeps `N passed, N failed` as its final line.
import { test, expect } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { coverageVocabulary } from '../../../harness/report/coverage.js';

test('the coverage line names what the pack never exercised; the closing line is unchanged', () => {
  const vocabulary = coverageVocabulary();
  const spec = (title: string, annotations: Array<{ type: string; description: string }>) => ({ title, tests: [{ annotations: [], results: [{ status: 'passed', annotations }] }] });
  const conforming = (driver: string, ops: string, descs: string, judged: string) => [
    { type: 'ocapn.scenario', description: 's' },
    { type: 'ocapn.driver', description: driver },
    { type: 'ocapn.verdict', description: 'holds' },
    { type: 'ocapn.operations', description: ops },
    { type: 'ocapn.descriptors', description: descs },
    { type: 'ocapn.judged-by', description: judged },
  ];
  const specs = [
    spec('inventory', [{ type: 'ocapn.vocabulary', description: JSON.stringify(vocabulary) }]),
    spec('a [reference] seed 1', conforming('reference', 'op:start-session,op:deliver', 'desc:export', 'perRefFifo')),
    spec('a [endo] seed 1', conforming('endo', 'op:start-session,op:abort', '', '')),
    spec('a [mutant] seed 1', [...conforming('mutant', 'op:flush', '', 'flushSwap'), { type: 'ocapn.expected-failure', description: 'x' }]),
  ];
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'ci-coverage-')), 'r.json');
  writeFileSync(file, JSON.stringify({ stats: { expected: 4, unexpected: 0, skipped: 0, flaky: 0 }, suites: [{ specs }] }));
  const r = spawnSync(process.execPath, ['harness/tools/ci-summary.mjs', file], { encoding: 'utf8' });
  const lines = r.stdout.trim().split('\n');
  expect(lines.at(-1)).toBe('4 passed, 0 failed');
  const never = vocabulary.operations.filter((o) => !['op:start-session', 'op:deliver', 'op:abort'].includes(o));
  expect(lines[0]).toMatch(new RegExp(`^coverage \\(endo, reference\\): 3/${vocabulary.operations.length} operations, 1/${vocabulary.descriptors.length} descriptors, 1/${vocabulary.checks.length} checks exercised; never: ${never.join(', ')}, `));
  expect(lines[0]).toContain('flushSwap');
  expect(r.status).toBe(0);
});
