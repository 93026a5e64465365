#!/usr/bin/env node
// Prints the closing line CI reads (`N passed, N failed`, `, N skipped` when any), computed from
// Playwright's JSON reporter. Exits 1 when the report is missing or shows failures or no tests.
import { readFileSync } from 'node:fs';

const file = process.argv[2] ?? 'reports/test-results.json';
let report;
try {
  report = JSON.parse(readFileSync(file, 'utf8'));
} catch (error) {
  console.log(`tests: no Playwright JSON report at ${file} (${error.message})`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}
const s = report.stats ?? {};
// Playwright counts a test.fail() that failed as expected; flaky ones passed on retry.
const passed = (s.expected ?? 0) + (s.flaky ?? 0);
const failed = s.unexpected ?? 0;
const skipped = s.skipped ?? 0;
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
