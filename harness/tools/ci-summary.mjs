#!/usr/bin/env node
// Prints the closing line CI reads (`N passed, N failed`, then `, N unknown` and `, N skipped`
// when any), computed from Playwright's JSON reporter. A conformance case whose checks could not
// judge the run (annotation `ocapn.verdict` = unknown) passed as a test but proved nothing, so it
// is counted apart; one whose scenario gives no reason (`ocapn.allow-unknown`) fails CI like a
// failed test. Exits 1 when the report is missing or shows failures, unallowed unknowns or no tests.
import { readFileSync, realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** Every test of the report (suites nest), with its annotations and its last result's. */
function* tests(suite) {
  for (const spec of suite.specs ?? []) for (const t of spec.tests ?? []) yield { title: spec.title, test: t };
  for (const child of suite.suites ?? []) yield* tests(child);
}

/** Unknown conforming cases, split by whether their scenario allows it. */
export function unknownCases(report) {
  const out = { allowed: [], notAllowed: [] };
  for (const suite of report.suites ?? []) {
    for (const { title, test } of tests(suite)) {
      const last = (test.results ?? []).at(-1);
      const annotations = [...(test.annotations ?? []), ...(last?.annotations ?? [])];
      const get = (type) => annotations.find((a) => a.type === type)?.description;
      if (get('ocapn.verdict') !== 'unknown' || get('ocapn.expected-failure') !== undefined) continue;
      if (last?.status !== 'passed') continue;
      (get('ocapn.allow-unknown') ? out.allowed : out.notAllowed).push(title);
    }
  }
  return out;
}

function main() {
  const file = process.argv[2] ?? 'reports/test-results.json';
  let report;
  try {
    report = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    console.log(`tests: no Playwright JSON report at ${file} (${error.message})`);
    console.log('0 passed, 1 failed');
    return 1;
  }
  const s = report.stats ?? {};
  const unknown = unknownCases(report);
  const unknownCount = unknown.allowed.length + unknown.notAllowed.length;
  // Playwright counts a test.fail() that failed as expected; flaky ones passed on retry.
  const passed = (s.expected ?? 0) + (s.flaky ?? 0) - unknownCount;
  const failed = s.unexpected ?? 0;
  const skipped = s.skipped ?? 0;
  for (const t of unknown.notAllowed) console.log(`unknown (no check could judge the run; no expect.allowUnknown): ${t}`);
  const unknownText = unknownCount ? `, ${unknownCount} unknown${unknown.notAllowed.length ? ` (${unknown.notAllowed.length} not allowed)` : ''}` : '';
  console.log(`${passed} passed, ${failed} failed${unknownText}${skipped ? `, ${skipped} skipped` : ''}`);
  return failed > 0 || unknown.notAllowed.length > 0 || passed + unknownCount === 0 ? 1 : 0;
}

// Run as a script (CI), not when a test imports `unknownCases`.
if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) process.exit(main());
