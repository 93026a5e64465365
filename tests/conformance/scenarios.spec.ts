/**
 * Goal: the conformance runner — every scenario file under scenarios/ × every conforming driver ×
 * every seed is one test, titled `<scenario-id> [<driver>] seed <n>` (so `--grep <id>` selects a
 * scenario) and tagged with its features (`@op:flush`) and requirement level (`@MUST`).
 * Method: the catalog is built synchronously at collection time; each case runs in a fresh page
 * and is judged by harness/case/judge.ts (schema, checks, expectations, golden), evidence
 * attached pass or fail. A file with errors becomes a failing test that prints them; a case the
 * driver cannot run is skipped WITH its reason; the inventory test names every file and skip.
 * `sometimes`: one extra test per (scenario, driver) after its seeds, run in order in one worker
 * (describe mode `default`), aggregating the hits the seeds left on disk.
 */
import { expect } from '@playwright/test';
import { caseLabel, catalogProblems, loadCatalog } from '../../harness/case/catalog.js';
import { ANNOTATION } from '../../harness/report/annotations.js';
import { coverageVocabulary } from '../../harness/report/coverage.js';
import { caseTags, caseTitle, runConformingCase, runSometimesAggregate, skipUnrunnable, test } from './_case-test.js';

const catalog = loadCatalog();

for (const entry of catalog) {
  if (entry.errors !== undefined) {
    test(`${entry.file} has errors`, () => {
      throw new Error(`${entry.file} does not load:\n${entry.errors}`);
    });
    continue;
  }
  const plan = entry.plan!;
  test.describe(`${plan.id} (${entry.file})`, () => {
    const hasSometimes = plan.expect.sometimes.length > 0;
    // Seeds first, then their aggregate, in one worker; without `sometimes`, cases spread freely.
    if (hasSometimes) test.describe.configure({ mode: 'default' });
    for (const problem of entry.problems) {
      test(`${plan.id} problem: ${problem}`, () => {
        throw new Error(problem);
      });
    }
    for (const c of entry.cases) {
      test(caseTitle(c), { tag: caseTags(plan) }, async ({ harnessPage }, testInfo) => {
        skipUnrunnable(testInfo, c);
        // A free-run case (Goblins or external processes) spends its deadline in real time: the
        // test must outlast it, or a case judged at its deadline ends as a bare test timeout.
        if (c.plan.options.deadlineMs + 30_000 > testInfo.timeout) test.setTimeout(c.plan.options.deadlineMs + 30_000);
        await runConformingCase(harnessPage, testInfo, c);
      });
    }
    if (hasSometimes) {
      // One aggregate per column label; its seeds run the plan as that label's cases bound it.
      const byLabel = new Map(entry.cases.filter((c) => !c.skip).map((c) => [caseLabel(c), c]));
      for (const [label, c] of byLabel) {
        test(`${plan.id} [${label}] sometimes`, { tag: caseTags(plan) }, async ({ harnessPage }, testInfo) => {
          test.setTimeout(30_000 + plan.seeds.length * 10_000);
          await runSometimesAggregate(harnessPage, testInfo, c.plan, c.driver, c.endoColumn);
        });
      }
    }
  });
}

test('inventory: every scenario file yields tests; skips are named', async ({ browserName: _ }, testInfo) => {
  const lines: string[] = [];
  const empty: string[] = [];
  for (const e of catalog) {
    if (e.errors !== undefined) {
      lines.push(`${e.file}: ERRORS (one failing test)`);
      continue;
    }
    const skipped = e.cases.filter((c) => c.skip);
    lines.push(`${e.file}: ${e.plan!.id}, ${e.cases.length} case(s)${skipped.length ? `, ${skipped.length} skipped` : ''}`);
    for (const s of skipped) lines.push(`  skipped ${caseTitle(s)}: ${s.skip}`);
    if (e.cases.length === 0) empty.push(`${e.file} yields no case`);
  }
  if (catalog.length === 0) lines.push('no scenario files under scenarios/');
  await testInfo.attach('inventory.txt', { body: lines.join('\n') + '\n', contentType: 'text/plain' });
  // Every name CI's coverage line counts (harness/tools/ci-summary.mjs reads only this report).
  testInfo.annotations.push({ type: ANNOTATION.vocabulary, description: JSON.stringify(coverageVocabulary()) });
  for (const s of catalog.flatMap((e) => e.cases.filter((c) => c.skip))) {
    testInfo.annotations.push({ type: 'ocapn.skipped', description: `${caseTitle(s)}: ${s.skip}` });
  }
  expect([...empty, ...catalogProblems(catalog)]).toEqual([]);
});
