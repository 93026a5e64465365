/**
 * Per-case evidence attached to the Playwright test (and so to the HTML report), with stable
 * names: `transcript.json`, `sequence.svg`, `sequence.md`, `tables.json` (final tables per node,
 * and every snapshot), `verdicts.json`, `replay.txt`, and `golden-diff.txt` when the golden did
 * not match (the full diff; the failure message carries a bounded one). The runner calls
 * `attachCaseEvidence` once per case, pass or fail.
 * Spec anchor: README.md "Running scenarios" (every case attaches its evidence, pass or fail).
 */
import type { TestInfo } from '@playwright/test';
import type { CheckReport } from '../checks/index.js';
import { formatVerdicts } from '../checks/index.js';
import { transcriptToText } from '../transcript/canonical-json.js';
import { GOLDEN_DIFF_EVIDENCE, type GoldenResult } from '../transcript/golden.js';
import type { TableSnapshot, Transcript } from '../transcript/types.js';
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

/**
 * `tables.json`: each node's last table snapshot (`final`; a lock-step run that does not crash
 * snapshots every live node at its end) and every snapshot in run order (`snapshots`, including
 * those an `expect` step took). A run without any (crashed, free-run) says so in `note`.
 */
export function tablesEvidence(t: Transcript): { final: Record<string, TableSnapshot>; snapshots: Array<{ seq: number; atMs: number; label: string; snapshot: TableSnapshot }>; note?: string } {
  const final: Record<string, TableSnapshot> = {};
  const snapshots: Array<{ seq: number; atMs: number; label: string; snapshot: TableSnapshot }> = [];
  for (const e of t.events) {
    if (e.kind !== 'tables') continue;
    final[e.snapshot.node] = e.snapshot;
    snapshots.push({ seq: e.seq, atMs: e.atMs, label: e.label, snapshot: e.snapshot });
  }
  if (snapshots.length > 0) return { final, snapshots };
  const why = t.outcome.end === 'crashed' ? 'the run crashed before its end' : t.header.mode === 'free-run' ? 'free-run cases take no snapshots' : 'no node was up at the end';
  return { final, snapshots, note: `no table snapshot in this run: ${why}` };
}

/** `replay`: the command as the caller knows it (case/replay-command.ts names the endo checkout);
 * the plain one from the header by default. */
export function caseEvidence(transcript: Transcript, checks: CheckReport, golden?: GoldenResult, replay = replayCommand(transcript.header)): Array<{ name: string; contentType: string; body: string }> {
  const tables = tablesEvidence(transcript);
  const diff = golden?.diff !== undefined ? [{ name: EVIDENCE.goldenDiff, contentType: 'text/plain', body: golden.diff }] : [];
  return [
    ...diff,
    { name: EVIDENCE.verdicts, contentType: 'application/json', body: JSON.stringify({ ...checks, text: formatVerdicts(checks) }, null, 2) + '\n' },
    { name: EVIDENCE.replay, contentType: 'text/plain', body: replay + '\n' },
    { name: EVIDENCE.svg, contentType: 'image/svg+xml', body: renderSequenceSvg(transcript) },
    { name: EVIDENCE.transcript, contentType: 'application/json', body: transcriptToText(transcript) },
    { name: EVIDENCE.mermaid, contentType: 'text/markdown', body: renderMermaid(transcript) },
    { name: EVIDENCE.tables, contentType: 'application/json', body: JSON.stringify(tables, null, 2) + '\n' },
  ];
}

export async function attachCaseEvidence(testInfo: Pick<TestInfo, 'attach'>, transcript: Transcript, checks: CheckReport, golden?: GoldenResult, replay?: string): Promise<void> {
  for (const a of caseEvidence(transcript, checks, golden, replay)) await testInfo.attach(a.name, { body: a.body, contentType: a.contentType });
}
