// Goal: a case's evidence carries the golden's full diff (`golden-diff.txt`) when the golden did
// not match, and only then; the failure message alone is bounded.
import { test, expect } from '@playwright/test';
import { caseEvidence, tablesEvidence } from '../../../harness/report/attach.js';
import { TranscriptBuilder } from '../checks/_transcript-builder.js';
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

test("tables.json: each node's final tables and every snapshot, or a note saying why there are none", () => {
  const b = new TranscriptBuilder(['a', 'b']);
  const empty = (node: string, peer: string, imports: number) => ({
    node,
    sessions: [{ peer, sessionId: 's1', imports: Array.from({ length: imports }, (_, i) => ({ position: i + 1, kind: 'object' })), exports: [], answers: [], questions: [], gifts: [] }],
  });
  b.tables('step 2', empty('a', 'b', 2) as never);
  b.tables('end', empty('a', 'b', 0) as never);
  b.tables('end', empty('b', 'a', 0) as never);
  const t = b.build();
  const file = JSON.parse(caseEvidence(t, runChecks(t, [])).find((a) => a.name === 'tables.json')!.body);
  expect(Object.keys(file.final)).toEqual(['a', 'b']);
  expect(file.final.a.sessions[0].imports).toEqual([]);
  expect(file.snapshots.map((s: { label: string; snapshot: { node: string } }) => `${s.label}:${s.snapshot.node}`)).toEqual(['step 2:a', 'end:a', 'end:b']);
  expect(file.note).toBeUndefined();
  const crashed = new TranscriptBuilder(['a']);
  crashed.end = 'crashed';
  expect(tablesEvidence(crashed.build())).toEqual({ final: {}, snapshots: [], note: 'no table snapshot in this run: the run crashed before its end' });
});
