/**
 * Our own sequence-diagram renderer: a lifeline per node, an arrow per frame from its send row to
 * its delivery row (so slope shows transit), coloured by op kind, numbered with the transcript's
 * frame numbers; dropped frames dashed with a cross, undecodable frames dashed magenta, faults and
 * connection resets marked across the lifelines they hit, tagged dispatches as dots.
 * Format: a Lamport space-time diagram, one lane per node.
 * View: event order (one row per drawn event) rather than raw virtual time, so 200 frames stay
 * legible; the virtual time of each row is printed in the left margin when it changes.
 * Guarantees: pure; the same transcript gives the same bytes.
 */
import type { Transcript, TranscriptEvent } from '../transcript/types.js';
import { FAMILY_COLOURS, msText, opFamily, opSummary, type OpFamily } from './op-summary.js';

const COL = 150;
const ROW = 16;
const LEFT = 70;
const TOP = 56;

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function isDrawn(e: TranscriptEvent): boolean {
  if (e.kind === 'frame' || e.kind === 'fault') return true;
  if (e.kind === 'connection') return e.event === 'close' || e.event === 'reset';
  return e.kind === 'app' && e.event === 'call-dispatched' && e.tag !== undefined;
}

export function renderSequenceSvg(t: Transcript): string {
  const nodes = t.nodes.map((n) => n.name);
  for (const e of t.events) {
    if (e.kind === 'frame') for (const n of [e.source, e.target]) if (!nodes.includes(n)) nodes.push(n);
  }
  const x = (node: string): number => LEFT + COL / 2 + nodes.indexOf(node) * COL;
  const drawn = t.events.filter(isDrawn);
  const row = new Map<number, number>();
  drawn.forEach((e, i) => row.set(e.seq, TOP + 20 + i * ROW));
  const height = TOP + 40 + drawn.length * ROW;
  const legendWidth = Object.keys(FAMILY_COLOURS).reduce((w, f) => w + 23 + f.length * 7, 0);
  const width = Math.max(LEFT + nodes.length * COL + 20, LEFT + legendWidth);
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="monospace" font-size="11">`);
  out.push('<defs>');
  for (const [family, colour] of Object.entries(FAMILY_COLOURS)) {
    out.push(`<marker id="arrow-${family}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="${colour}"/></marker>`);
  }
  out.push('</defs>');
  out.push(`<rect width="100%" height="100%" fill="white"/>`);
  const h = t.header;
  out.push(`<text x="8" y="16" font-size="13" font-weight="bold">${esc(`${h.scenarioId} · ${h.driver} · seed ${h.seed} · ${h.options.dialect}/${h.options.flush}`)}</text>`);
  for (const n of nodes) {
    out.push(`<text x="${x(n)}" y="${TOP - 8}" text-anchor="middle" font-size="13" font-weight="bold">${esc(n)}</text>`);
    out.push(`<line x1="${x(n)}" y1="${TOP}" x2="${x(n)}" y2="${height - 10}" stroke="#d0d7de" stroke-width="2"/>`);
  }
  const sentRow = new Map<number, { y: number; family: OpFamily; label: string }>();
  let lastMs = -1;
  for (const e of drawn) {
    const y = row.get(e.seq)!;
    if (e.atMs !== lastMs) {
      out.push(`<text x="4" y="${y + 4}" fill="#57606a">${esc(msText(e.atMs))}</text>`);
      lastMs = e.atMs;
    }
    if (e.kind === 'frame' && e.phase === 'sent') {
      const family = opFamily(e.op);
      sentRow.set(e.frame, { y, family, label: `#${e.frame} ${opSummary(e.op)}` });
      out.push(`<circle cx="${x(e.source)}" cy="${y}" r="2.5" fill="${FAMILY_COLOURS[family]}"/>`);
    } else if (e.kind === 'frame') {
      const from = sentRow.get(e.frame);
      if (!from) continue;
      const colour = FAMILY_COLOURS[from.family];
      const x1 = x(e.source);
      const x2 = x(e.target);
      const dashed = e.phase === 'dropped' || from.family === 'undecoded';
      const endX = e.phase === 'dropped' ? (x1 + x2) / 2 : x2;
      const endY = e.phase === 'dropped' ? (from.y + y) / 2 : y;
      const marker = e.phase === 'dropped' ? '' : ` marker-end="url(#arrow-${from.family})"`;
      out.push(`<g><title>${esc(`${from.label} ${e.connection} ${e.source}→${e.target} ${e.phase} at ${msText(e.atMs)}`)}</title>`);
      out.push(`<line x1="${x1}" y1="${from.y}" x2="${endX}" y2="${endY}" stroke="${colour}" stroke-width="1.4"${dashed ? ' stroke-dasharray="4 3"' : ''}${marker}/>`);
      if (e.phase === 'dropped') out.push(`<text x="${endX}" y="${endY + 4}" text-anchor="middle" fill="${colour}" font-size="13">✕</text>`);
      const lx = x1 < x2 ? x1 + 4 : x1 - 4;
      out.push(`<text x="${lx}" y="${from.y - 3}" text-anchor="${x1 < x2 ? 'start' : 'end'}" fill="${colour}">${esc(from.label)}</text></g>`);
    } else if (e.kind === 'fault' || e.kind === 'connection') {
      const who = e.kind === 'fault' ? e.nodes : [e.source, e.target];
      const text = e.kind === 'fault' ? `⚡ ${e.fault}${e.detail ? ` (${e.detail})` : ''}` : `${e.event} ${e.connection}${e.reason ? ` (${e.reason})` : ''}`;
      const xs = who.filter((n) => nodes.includes(n)).map(x);
      const x1 = Math.min(...xs) - 30;
      const x2 = Math.max(...xs) + 30;
      const colour = e.kind === 'fault' ? '#cf222e' : '#9a6700';
      out.push(`<rect x="${x1}" y="${y - 8}" width="${x2 - x1}" height="12" fill="${colour}" fill-opacity="0.12" stroke="${colour}" stroke-width="0.8"/>`);
      out.push(`<text x="${(x1 + x2) / 2}" y="${y + 2}" text-anchor="middle" fill="${colour}">${esc(text)}</text>`);
    } else if (e.kind === 'app' && e.tag) {
      out.push(`<g><title>${esc(`${e.node} dispatched ${e.tag.sender}/${e.tag.ref}#${e.tag.n}`)}</title><rect x="${x(e.node) - 4}" y="${y - 4}" width="8" height="8" fill="#24292f"/>`);
      out.push(`<text x="${x(e.node) + 8}" y="${y + 4}" fill="#24292f">${esc(`${e.tag.ref}#${e.tag.n}`)}</text></g>`);
    }
  }
  // A legend, so colours need no guessing.
  let lx = LEFT;
  for (const [family, colour] of Object.entries(FAMILY_COLOURS)) {
    out.push(`<rect x="${lx}" y="24" width="10" height="10" fill="${colour}"/><text x="${lx + 13}" y="33">${family}</text>`);
    lx += 13 + family.length * 7 + 10;
  }
  out.push('</svg>');
  return out.join('\n') + '\n';
}
