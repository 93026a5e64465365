// Goal: a case's evidence carries the golden's full diff (`golden-diff.txt`) when the golden did
// not match, and only then; the failure message alone is bounded.
import { test, expect } from '@playwright/test';
import { caseEvidence } from '../../../harness/report/attach.js';
import { runChecks } from '../../../harness/checks/index.js';
import { matchGolden } from '../../../harness/transcript/golden.js';
import { sampleTranscript } from './_sample.js';

test('golden-diff.txt holds the full diff of a mismatching golden, and is absent otherwise', () => {
  const path = test.info().outputPath('golden', 'reference-seed-1.json');
  const { t } = sampleTranscript();
  const checks = runChecks(t, []);
  const matched = matchGolden(t, path, 'all');
  expect(caseEvidence(t, checks, matched).map((a) => a.name)).not.toContain('golden-diff.txt');
  const other = sampleTranscript().t;
  other.events = other.events.slice(0, -2);
  const mismatch = matchGolden(other, path, 'none');
  const file = caseEvidence(other, checks, mismatch).find((a) => a.name === 'golden-diff.txt');
  expect(file?.body).toContain('diff (- expected, + actual):');
  expect(file?.body).toContain(path);
  expect(mismatch.message).toContain('golden-diff.txt');
});
