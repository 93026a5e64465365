/**
 * Our own sequence-diagram renderer: a lifeline per node, an arrow per frame from its send row to
 * its delivery row (so slope shows transit), coloured by op kind, numbered with the transcript's
 * frame numbers and naming the kickoff call a frame carries (`#24 calls#1 → e1.record a2`);
 * each connection's handshake as one band; dropped frames dashed with a cross, undecodable frames
 * dashed magenta, faults and connection resets marked across the lifelines they hit, tagged
 * dispatches as squares, marks as diamonds on their node, plan steps (`expect` in blue) as rules
 * across the diagram. What is drawn, and the size bound, come from sequence-model.ts.
 * Format: a Lamport space-time diagram, one lane per node.
 * View: event order (one row per drawn event) rather than raw virtual time, so 200 frames stay
 * legible; events at the same virtual time take a row each (so their labels never overlap),
 * with one time label and a bracket in the margin spanning them; labels carry a white halo so
 * crossing arrows do not hide them.
 * Guarantees: pure; the same transcript gives the same bytes; at most MAX_ROWS + 1 rows (a
 * 23,000-kickoff run is ~120 KiB instead of ~26 MB).
 */
import type { Transcript } from '../transcript/types.js';
import { FAMILY_COLOURS, msText, type OpFamily } from './op-summary.js';
import { buildDiagram, callName, gapText } from './sequence-model.js';

const COL = 150;
const ROW = 16;
const LEFT = 70;
const TOP = 56;
const HALO = 'stroke="white" stroke-width="3" paint-order="stroke"';

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function band(x1: number, x2: number, y: number, colour: string, text: string, title?: string): string {
  const t = title ? `<title>${esc(title)}</title>` : '';
  return (
    `<g>${t}<rect x="${x1}" y="${y - 8}" width="${x2 - x1}" height="12" fill="${colour}" fill-opacity="0.12" stroke="${colour}" stroke-width="0.8"/>` +
    `<text x="${(x1 + x2) / 2}" y="${y + 2}" text-anchor="middle" fill="${colour}">${esc(text)}</text></g>`
  );
}

export function renderSequenceSvg(t: Transcript, limits?: Parameters<typeof buildDiagram>[1]): string {
  const nodes = t.nodes.map((n) => n.name);
  for (const e of t.events) {
    if (e.kind === 'frame') for (const n of [e.source, e.target]) if (!nodes.includes(n)) nodes.push(n);
  }
  const x = (node: string): number => LEFT + COL / 2 + nodes.indexOf(node) * COL;
  const model = buildDiagram(t, limits);
  const rowY = (i: number): number => TOP + 20 + i * ROW;
  const height = TOP + 40 + model.rows.length * ROW;
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
  const cut = model.omitted > 0 ? ` · ${model.omitted} rows summarised` : '';
  out.push(`<text x="8" y="16" font-size="13" font-weight="bold">${esc(`${h.scenarioId} · ${h.driver} · seed ${h.seed} · ${h.options.dialect}/${h.options.flush}${cut}`)}</text>`);
  for (const n of nodes) {
    out.push(`<text x="${x(n)}" y="${TOP - 8}" text-anchor="middle" font-size="13" font-weight="bold">${esc(n)}</text>`);
    out.push(`<line x1="${x(n)}" y1="${TOP}" x2="${x(n)}" y2="${height - 10}" stroke="#d0d7de" stroke-width="2"/>`);
  }
  const sentY = new Map<number, number>();
  let gapY: number | undefined;
  let lastMs = -1;
  // Rows that share a virtual time are spread one per row; a bracket in the time margin spans
  // them, so a reader sees they happened at the same instant.
  let groupY = -1;
  const closeGroup = (lastY: number): void => {
    if (groupY >= 0 && lastY > groupY) out.push(`<line x1="3" y1="${groupY - 4}" x2="3" y2="${lastY + 4}" stroke="#8c959f" stroke-width="1.5"/>`);
  };
  const arrow = (frame: number, source: string, target: string, y1: number, y2: number, phase: string, tip: string, fromGap: boolean): void => {
    const info = model.frames.get(frame) ?? { label: `#${frame}`, family: 'undecoded' as OpFamily, source, target };
    const colour = FAMILY_COLOURS[info.family];
    const x1 = x(source);
    const x2 = x(target);
    const dashed = phase !== 'delivered' || info.family === 'undecoded' || fromGap;
    const endX = phase === 'dropped' ? (x1 + x2) / 2 : x2;
    const endY = phase === 'dropped' ? (y1 + y2) / 2 : y2;
    const marker = phase === 'delivered' ? ` marker-end="url(#arrow-${info.family})"` : '';
    out.push(`<g><title>${esc(`${info.label} ${tip}`)}</title>`);
    out.push(`<line x1="${x1}" y1="${y1}" x2="${endX}" y2="${endY}" stroke="${colour}" stroke-width="1.4"${dashed ? ' stroke-dasharray="4 3"' : ''}${marker}/>`);
    if (phase === 'dropped') out.push(`<text x="${endX}" y="${endY + 4}" text-anchor="middle" fill="${colour}" font-size="13">✕</text>`);
    const lx = x1 < x2 ? x1 + 4 : x1 - 4;
    // A white halo under the label keeps it legible where other arrows cross it.
    out.push(`<text x="${lx}" y="${y1 - 3}" text-anchor="${x1 < x2 ? 'start' : 'end'}" fill="${colour}" ${HALO}>${esc(info.label)}</text></g>`);
  };
  model.rows.forEach((r, i) => {
    const y = rowY(i);
    const at = r.kind === 'gap' ? r.fromMs : r.e.atMs;
    if (at !== lastMs) {
      closeGroup(rowY(i - 1));
      out.push(`<text x="8" y="${y + 4}" fill="#57606a">${esc(msText(at))}</text>`);
      lastMs = at;
      groupY = y;
    }
    if (r.kind === 'gap') {
      gapY = y;
      out.push(band(LEFT, width - 10, y, '#57606a', gapText(r)));
      // Arrows of frames sent above and delivered in the left-out rows end at the gap.
      for (const f of r.pending) {
        const from = sentY.get(f);
        const info = model.frames.get(f);
        if (from === undefined || !info) continue;
        const colour = FAMILY_COLOURS[info.family];
        out.push(`<line x1="${x(info.source)}" y1="${from}" x2="${x(info.target)}" y2="${y - 8}" stroke="${colour}" stroke-width="1" stroke-dasharray="2 3"/>`);
      }
      lastMs = r.toMs;
      groupY = -1;
      return;
    }
    if (r.kind === 'handshake') {
      const [a, b] = r.between;
      const x1 = Math.min(x(a), x(b));
      const x2 = Math.max(x(a), x(b));
      const colour = FAMILY_COLOURS.session;
      const frames = r.frames.map((f) => `#${f}`).join(' ');
      const text = `⇄ handshake ${r.connection} ${frames}${r.dropped ? ` (${r.dropped} dropped)` : ''}`;
      out.push(band(x1 + 6, x2 - 6, y, colour, text, `op:start-session both ways on ${r.connection} ${a}↔${b}, ${msText(r.e.atMs)} – ${msText(r.untilMs)}`));
      return;
    }
    if (r.kind === 'mark') {
      const mx = x(r.node);
      out.push(`<g><title>${esc(`mark ${r.name} at ${r.node}${r.detail ? `: ${r.detail}` : ''} (${msText(r.e.atMs)})`)}</title>`);
      out.push(`<path d="M${mx},${y - 5} L${mx + 5},${y} L${mx},${y + 5} L${mx - 5},${y} z" fill="#bf8700"/>`);
      out.push(`<text x="${mx + 8}" y="${y + 4}" fill="#7d4e00" ${HALO}>${esc(`mark ${r.name}`)}</text></g>`);
      return;
    }
    if (r.kind === 'step') {
      const colour = r.step === 'expect' ? '#0969da' : '#57606a';
      out.push(`<line x1="${LEFT}" y1="${y}" x2="${width - 10}" y2="${y}" stroke="${colour}" stroke-width="0.8" stroke-dasharray="6 3"/>`);
      out.push(`<text x="${LEFT + 2}" y="${y - 2}" fill="${colour}" ${HALO} font-weight="${r.step === 'expect' ? 'bold' : 'normal'}">${esc(`▸ ${r.text}`)}</text>`);
      return;
    }
    const e = r.e;
    if (e.kind === 'frame' && e.phase === 'sent') {
      const family = model.frames.get(e.frame)?.family ?? 'undecoded';
      sentY.set(e.frame, y);
      out.push(`<circle cx="${x(e.source)}" cy="${y}" r="2.5" fill="${FAMILY_COLOURS[family]}"/>`);
    } else if (e.kind === 'frame') {
      const from = sentY.get(e.frame);
      // Sent in the left-out rows: the arrow starts at the gap.
      const y1 = from ?? (gapY !== undefined ? gapY + 4 : undefined);
      if (y1 === undefined) return;
      arrow(e.frame, e.source, e.target, y1, y, e.phase, `${e.connection} ${e.source}→${e.target} ${e.phase} at ${msText(e.atMs)}`, from === undefined);
    } else if (e.kind === 'fault' || e.kind === 'connection') {
      const who = e.kind === 'fault' ? e.nodes : [e.source, e.target];
      const text = e.kind === 'fault' ? `⚡ ${e.fault}${e.detail ? ` (${e.detail})` : ''}` : `${e.event} ${e.connection}${e.reason ? ` (${e.reason})` : ''}`;
      const xs = who.filter((n) => nodes.includes(n)).map(x);
      if (xs.length === 0) return;
      out.push(band(Math.min(...xs) - 30, Math.max(...xs) + 30, y, e.kind === 'fault' ? '#cf222e' : '#9a6700', text));
    } else if (e.kind === 'app' && e.tag) {
      out.push(`<g><title>${esc(`${e.node} dispatched ${e.tag.sender}/${e.tag.ref}#${e.tag.n}`)}</title><rect x="${x(e.node) - 4}" y="${y - 4}" width="8" height="8" fill="#24292f"/>`);
      out.push(`<text x="${x(e.node) + 8}" y="${y + 4}" fill="#24292f" ${HALO}>${esc(callName(e.tag, model.kickoffs))}</text></g>`);
    }
  });
  closeGroup(rowY(model.rows.length - 1));
  // A legend, so colours need no guessing.
  let lx = LEFT;
  for (const [family, colour] of Object.entries(FAMILY_COLOURS)) {
    out.push(`<rect x="${lx}" y="24" width="10" height="10" fill="${colour}"/><text x="${lx + 13}" y="33">${family}</text>`);
    lx += 13 + family.length * 7 + 10;
  }
  out.push('</svg>');
  return out.join('\n') + '\n';
}
