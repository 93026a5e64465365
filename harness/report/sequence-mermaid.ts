/**
 * The transcript as a Mermaid `sequenceDiagram` inside a Markdown file (`sequence.md`), which
 * GitHub renders in PRs and issues. One message per delivered or dropped frame, in delivery
 * order, numbered with the transcript's frame numbers (not Mermaid's autonumber, which would
 * drift from them); faults and resets as notes.
 * Format: Mermaid sequenceDiagram (GitHub renders ```mermaid blocks).
 * Guarantees: pure; at most `maxMessages` messages (then a note says how many were left out).
 */
import type { Transcript } from '../transcript/types.js';
import { msText, opSummary } from './op-summary.js';
import { replayCommand } from './replay.js';

// Mermaid treats `;` and `#` specially in message text; keep labels plain.
const clean = (s: string): string => s.replace(/[;#]/g, ' ').replace(/\s+/g, ' ').trim();
const id = (node: string): string => node.replace(/[^A-Za-z0-9_]/g, '_');

export function renderMermaid(t: Transcript, maxMessages = 400): string {
  const ops = new Map<number, string>();
  const lines: string[] = ['sequenceDiagram'];
  for (const n of t.nodes) lines.push(`  participant ${id(n.name)} as ${n.name}`);
  let shown = 0;
  let left = 0;
  for (const e of t.events) {
    if (e.kind === 'frame' && e.phase === 'sent') {
      ops.set(e.frame, opSummary(e.op));
      continue;
    }
    const isMessage = e.kind === 'frame';
    const isNote = e.kind === 'fault' || (e.kind === 'connection' && (e.event === 'reset' || e.event === 'close'));
    if (!isMessage && !isNote) continue;
    if (shown >= maxMessages) {
      left++;
      continue;
    }
    shown++;
    if (e.kind === 'frame') {
      const arrow = e.phase === 'dropped' ? '-x' : '->>';
      const text = `n${e.frame} ${ops.get(e.frame) ?? e.label ?? ''}${e.phase === 'dropped' ? ' (dropped)' : ''} @${msText(e.atMs)}`;
      lines.push(`  ${id(e.source)}${arrow}${id(e.target)}: ${clean(text)}`);
    } else if (e.kind === 'fault') {
      const over = e.nodes.map(id).slice(0, 2).join(',');
      lines.push(`  Note over ${over}: ${clean(`${e.fault} ${e.nodes.join(' ')}${e.detail ? ` (${e.detail})` : ''} @${msText(e.atMs)}`)}`);
    } else if (e.kind === 'connection') {
      lines.push(`  Note over ${id(e.source)},${id(e.target)}: ${clean(`${e.event} ${e.connection}${e.reason ? ` (${e.reason})` : ''} @${msText(e.atMs)}`)}`);
    }
  }
  if (left > 0) lines.push(`  Note over ${id(t.nodes[0]?.name ?? 'a')}: ${left} more events not drawn`);
  const h = t.header;
  return [
    `# ${h.scenarioId} · ${h.driver} · seed ${h.seed}`,
    '',
    `Options: dialect ${h.options.dialect}, flush ${h.options.flush}, ${h.mode}. Frame n<k> is frame k of the transcript.`,
    '',
    'Replay:',
    '',
    '```sh',
    replayCommand(t.header),
    '```',
    '',
    '```mermaid',
    ...lines,
    '```',
    '',
  ].join('\n');
}
