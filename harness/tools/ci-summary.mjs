#!/usr/bin/env node
// Prints the closing line CI reads (`N passed, N failed`, then `, N unknown` and `, N skipped`
// when any), computed from Playwright's JSON reporter, after one `coverage:` line (protocol
// coverage of the conforming cases that ran). A conformance case whose checks could not
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
      const annotations = annotationsOf(test);
      const get = (type) => annotations.find((a) => a.type === type)?.description;
      if (get('ocapn.verdict') !== 'unknown' || get('ocapn.expected-failure') !== undefined) continue;
      if (last?.status !== 'passed') continue;
      (get('ocapn.allow-unknown') ? out.allowed : out.notAllowed).push(title);
    }
  }
  return out;
}

/** Annotations of a test and of its last result. */
function annotationsOf(test) {
  return [...(test.annotations ?? []), ...((test.results ?? []).at(-1)?.annotations ?? [])];
}

/**
 * Protocol coverage over the conforming cases that ran, as one line (the same as the report's,
 * harness/report/coverage.ts): how many of the wire model's operations and descriptors were sent
 * and how many checks could judge a run, and what never was. The names come from the inventory
 * test's `ocapn.vocabulary`; without it (filtered out) there is no line.
 */
export function coverageLine(report) {
  let vocabulary;
  const used = { operations: new Set(), descriptors: new Set(), checks: new Set() };
  const drivers = new Set();
  for (const suite of report.suites ?? []) {
    for (const { test } of tests(suite)) {
      const annotations = annotationsOf(test);
      const get = (type) => annotations.find((a) => a.type === type)?.description;
      if (get('ocapn.vocabulary')) vocabulary = JSON.parse(get('ocapn.vocabulary'));
      if (get('ocapn.operations') === undefined || get('ocapn.expected-failure') !== undefined) continue;
      drivers.add(get('ocapn.driver'));
      for (const [kind, type] of [['operations', 'ocapn.operations'], ['descriptors', 'ocapn.descriptors'], ['checks', 'ocapn.judged-by']]) {
        for (const name of (get(type) ?? '').split(',').filter(Boolean)) used[kind].add(name);
      }
    }
  }
  if (!vocabulary) return undefined;
  const kinds = ['operations', 'descriptors', 'checks'];
  const never = kinds.flatMap((k) => vocabulary[k].filter((n) => !used[k].has(n)));
  const part = (k) => `${vocabulary[k].filter((n) => used[k].has(n)).length}/${vocabulary[k].length} ${k}`;
  return `coverage (${[...drivers].sort().join(', ') || 'no implementation'}): ${kinds.map(part).join(', ')} exercised${never.length ? `; never: ${never.join(', ')}` : ''}`;
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
  const coverage = coverageLine(report);
  if (coverage) console.log(coverage);
  for (const t of unknown.notAllowed) console.log(`unknown (no check could judge the run; no expect.allowUnknown): ${t}`);
  const unknownText = unknownCount ? `, ${unknownCount} unknown${unknown.notAllowed.length ? ` (${unknown.notAllowed.length} not allowed)` : ''}` : '';
  console.log(`${passed} passed, ${failed} failed${unknownText}${skipped ? `, ${skipped} skipped` : ''}`);
  return failed > 0 || unknown.notAllowed.length > 0 || passed + unknownCount === 0 ? 1 : 0;
}

// Run as a script (CI), not when a test imports `unknownCases`.
if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) process.exit(main());
