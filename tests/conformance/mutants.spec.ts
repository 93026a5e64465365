/**
 * Goal: every mutant driver is caught by a named check. The cases come from
 * harness/case/mutant-catches.ts; each runs under `test.fail()`, so a checker that stops
 * catching its mutant — or a mutant run that crashes instead of being caught — turns CI red
 * ("unexpected pass"). Titles `<scenario-id> [<mutant>] seed <n>`, tags as in scenarios.spec.ts.
 */
import { loadCatalog } from '../../harness/case/catalog.js';
import { caseTags, caseTitle, runMutantCase, skipUnrunnable, test } from './_case-test.js';

for (const entry of loadCatalog()) {
  for (const c of entry.mutantCases) {
    test(caseTitle(c), { tag: [...caseTags(c.plan), '@mutant'] }, async ({ harnessPage }, testInfo) => {
      skipUnrunnable(testInfo, c);
      test.fail(true, `mutant ${c.driver}: ${c.mutant!.defect}; caught by ${c.mutant!.checks.join(' or ')}`);
      await runMutantCase(harnessPage, testInfo, c);
    });
  }
}
