/**
 * The transcript as a Mermaid `sequenceDiagram` inside a Markdown file (`sequence.md`), which
 * GitHub renders in PRs and issues. One message per delivered or dropped frame, in delivery
 * order, numbered with the transcript's frame numbers (not Mermaid's autonumber, which would
 * drift from them) and naming the kickoff call it carries (`n5 calls no.3 → e2.record a5`);
 * each handshake, fault, reset, mark and plan step as a note (sequence-model.ts decides what).
 * Format: Mermaid sequenceDiagram (GitHub renders ```mermaid blocks).
 * Guarantees: pure; at most `maxMessages` lines of diagram: beyond that the first three quarters
 * and the last quarter, with a note saying how many were left out between.
 */
import type { Transcript } from '../transcript/types.js';
import { msText } from './op-summary.js';
import { buildDiagram } from './sequence-model.js';
import { replayCommand } from './replay.js';

// Mermaid treats `;` and `#` specially in message text; keep labels plain.
const clean = (s: string): string => s.replace(/[;#]/g, ' ').replace(/\s+/g, ' ').trim();
const id = (node: string): string => node.replace(/[^A-Za-z0-9_]/g, '_');

export function renderMermaid(t: Transcript, maxMessages = 400): string {
  const lines: string[] = ['sequenceDiagram'];
  for (const n of t.nodes) lines.push(`  participant ${id(n.name)} as ${n.name}`);
  const first = id(t.nodes[0]?.name ?? 'a');
  const last = id(t.nodes[t.nodes.length - 1]?.name ?? 'a');
  const span = first === last ? first : `${first},${last}`;
  const model = buildDiagram(t, { maxRows: Number.POSITIVE_INFINITY });
  const body: string[] = [];
  for (const r of model.rows) {
    if (r.kind === 'handshake') {
      const frames = r.frames.map((f) => `n${f}`).join(' ');
      body.push(`  Note over ${id(r.between[0])},${id(r.between[1])}: ${clean(`handshake ${r.connection} ${frames}${r.dropped ? ` (${r.dropped} dropped)` : ''} @${msText(r.e.atMs)}`)}`);
    } else if (r.kind === 'mark') {
      body.push(`  Note right of ${id(r.node)}: ${clean(`mark ${r.name} @${msText(r.e.atMs)}`)}`);
    } else if (r.kind === 'step') {
      body.push(`  Note over ${span}: ${clean(`${r.text} @${msText(r.e.atMs)}`)}`);
    } else if (r.kind === 'event') {
      const e = r.e;
      if (e.kind === 'frame' && e.phase !== 'sent') {
        const arrow = e.phase === 'dropped' ? '-x' : '->>';
        // The frame label (`#5 calls#3 → …`) without Mermaid's special `#`: `n5 calls no.3 → …`.
        const label = (model.frames.get(e.frame)?.label ?? `#${e.frame} ${e.label ?? ''}`).replace(/^#(\d+)/, 'n$1').replace(/#(\d+)/g, ' no.$1');
        body.push(`  ${id(e.source)}${arrow}${id(e.target)}: ${clean(`${label}${e.phase === 'dropped' ? ' (dropped)' : ''} @${msText(e.atMs)}`)}`);
      } else if (e.kind === 'fault') {
        const over = e.nodes.map(id).slice(0, 2).join(',');
        body.push(`  Note over ${over}: ${clean(`${e.fault} ${e.nodes.join(' ')}${e.detail ? ` (${e.detail})` : ''} @${msText(e.atMs)}`)}`);
      } else if (e.kind === 'connection') {
        body.push(`  Note over ${id(e.source)},${id(e.target)}: ${clean(`${e.event} ${e.connection}${e.reason ? ` (${e.reason})` : ''} @${msText(e.atMs)}`)}`);
      }
    }
  }
  if (body.length <= maxMessages) lines.push(...body);
  else {
    // The start and the end of a long run (where a failure usually shows), the middle counted.
    const tail = Math.floor(maxMessages / 4);
    const head = maxMessages - tail;
    lines.push(...body.slice(0, head), `  Note over ${span}: ${body.length - head - tail} more events not drawn (the transcript has them all)`, ...body.slice(body.length - tail));
  }
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
