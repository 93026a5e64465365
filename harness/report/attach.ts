/**
 * Per-case evidence attached to the Playwright test (and so to the HTML report), with stable
 * names: `transcript.json`, `sequence.svg`, `sequence.md`, `tables.json`, `verdicts.json`,
 * `replay.txt`, and `golden-diff.txt` when the golden did not match (the full diff; the failure
 * message carries a bounded one). The runner calls `attachCaseEvidence` once per case, pass or fail.
 * Spec anchor: issue 7 "Reports"; style.md "Our house" (every case attaches its evidence).
 */
import type { TestInfo } from '@playwright/test';
import type { CheckReport } from '../checks/index.js';
import { formatVerdicts } from '../checks/index.js';
import { transcriptToText } from '../transcript/canonical-json.js';
import { GOLDEN_DIFF_EVIDENCE, type GoldenResult } from '../transcript/golden.js';
import type { Transcript } from '../transcript/types.js';
import { replayCommand } from './replay.js';
import { renderMermaid } from './sequence-mermaid.js';
import { renderSequenceSvg } from './sequence-svg.js';

export const EVIDENCE = {
  transcript: 'transcript.json',
  svg: 'sequence.svg',
  mermaid: 'sequence.md',
  tables: 'tables.json',
  verdicts: 'verdicts.json',
  replay: 'replay.txt',
  goldenDiff: GOLDEN_DIFF_EVIDENCE,
} as const;

export function caseEvidence(transcript: Transcript, checks: CheckReport, golden?: GoldenResult): Array<{ name: string; contentType: string; body: string }> {
  const tables = transcript.events.filter((e) => e.kind === 'tables');
  const diff = golden?.diff !== undefined ? [{ name: EVIDENCE.goldenDiff, contentType: 'text/plain', body: golden.diff }] : [];
  return [
    ...diff,
    { name: EVIDENCE.verdicts, contentType: 'application/json', body: JSON.stringify({ ...checks, text: formatVerdicts(checks) }, null, 2) + '\n' },
    { name: EVIDENCE.replay, contentType: 'text/plain', body: replayCommand(transcript.header) + '\n' },
    { name: EVIDENCE.svg, contentType: 'image/svg+xml', body: renderSequenceSvg(transcript) },
    { name: EVIDENCE.transcript, contentType: 'application/json', body: transcriptToText(transcript) },
    { name: EVIDENCE.mermaid, contentType: 'text/markdown', body: renderMermaid(transcript) },
    { name: EVIDENCE.tables, contentType: 'application/json', body: JSON.stringify(tables, null, 2) + '\n' },
  ];
}

export async function attachCaseEvidence(testInfo: Pick<TestInfo, 'attach'>, transcript: Transcript, checks: CheckReport, golden?: GoldenResult): Promise<void> {
  for (const a of caseEvidence(transcript, checks, golden)) await testInfo.attach(a.name, { body: a.body, contentType: a.contentType });
}
