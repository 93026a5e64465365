/**
 * What a sequence diagram draws, shared by the SVG and Mermaid renderers: the rows in order (one
 * per send, delivery, drop, fault, reset, tagged dispatch, mark and plan step), each connection's
 * handshake folded into one row, frames labelled with the kickoff and call number they carry as
 * well as their position (`calls#3 → e2.record a5`), and — beyond a size — only the first and
 * last rows, with one summary row for everything between.
 * Why a bound: a 23,000-kickoff run has ~100,000 drawable events; drawn in full it is a 20 MB
 * SVG no browser shows usefully. The head shows how the run starts, the tail how it ends (where
 * a failure usually is), and the summary row says what was left out (frames per op kind, faults,
 * steps, virtual time span), so nothing disappears silently; the transcript keeps everything.
 * Guarantees: pure; the same transcript gives the same rows.
 */
import { callTagOf } from '../checks/wire-facts.js';
import type { OpViewJson, Transcript, TranscriptEvent } from '../transcript/types.js';
import { msText, opFamily, opSummary, type OpFamily } from './op-summary.js';

/** Rows drawn in full up to this many; beyond it, the first HEAD_ROWS and last TAIL_ROWS. A row
 * is one drawn event, and a frame takes two (send and delivery): about 300 frames in full. */
export const MAX_ROWS = 600;
export const HEAD_ROWS = 400;
export const TAIL_ROWS = 150;

export type StepKind = 'expect' | 'step';

export type Row =
  | { kind: 'event'; e: TranscriptEvent }
  | { kind: 'mark'; e: TranscriptEvent; node: string; name: string; detail?: string }
  | { kind: 'step'; e: TranscriptEvent; step: StepKind; text: string }
  | {
      kind: 'handshake';
      e: TranscriptEvent;
      connection: string;
      between: [string, string];
      frames: number[];
      dropped: number;
      untilMs: number;
    }
  | { kind: 'gap'; omitted: number; fromMs: number; toMs: number; summary: string; pending: number[] };

export interface DiagramModel {
  rows: Row[];
  /** Frame number → its label (`#5 calls#3 → e2.record a5`), colour family and link. */
  frames: Map<number, { label: string; family: OpFamily; source: string; target: string }>;
  /** Call tag (`sender|ref|n`) → the kickoff that originated it. */
  kickoffs: Map<string, string>;
  /** Rows left out between head and tail (0 when the run is drawn in full). */
  omitted: number;
}

export const tagKey = (t: { sender: string; ref: string; n: number }): string => `${t.sender}|${t.ref}|${t.n}`;

/** `calls#3` for a tagged call (its kickoff and number), `bob.hop#3` when no kickoff is known. */
export const callName = (tag: { sender: string; ref: string; n: number }, kickoffs: Map<string, string>): string => `${kickoffs.get(tagKey(tag)) ?? tag.ref}#${tag.n}`;

/** Tag → the kickoff that originated it, from the originating app events. */
export function kickoffNames(t: Transcript): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of t.events) if (e.kind === 'app' && e.event === 'call-originated' && e.tag && e.kickoff) out.set(tagKey(e.tag), e.kickoff);
  return out;
}

/**
 * `calls#3 → e2.record a5`: the kickoff and call number a deliver carries (through every hop of a
 * forward chain, since forwarders pass the tag on), then its position; untagged frames keep
 * their op summary alone.
 */
export function callLabel(op: OpViewJson | undefined, kickoffs: Map<string, string>): string {
  const summary = opSummary(op);
  const tag = op ? callTagOf(op) : undefined;
  if (!tag) return summary;
  return `${callName(tag, kickoffs)} → ${op?.op === 'op:deliver' ? summary.replace(/^deliver /, '') : summary}`;
}

/** `expect tables bob, results r1` from the step text the runner records (`<kind> <json>`). */
export function stepText(step: string): { kind: StepKind; text: string } | undefined {
  const m = /^([a-z-]+) (\{.*\})$/.exec(step);
  if (!m) return { kind: 'step', text: step };
  const [, kind, json] = m;
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return { kind: 'step', text: step };
  }
  if (kind === 'wait') {
    const until = body.until as { kind?: string; [k: string]: unknown } | undefined;
    // A wait for quiescence starts most plans; drawn, it would say nothing.
    if (!until || until.kind === 'quiescent') return undefined;
    const { kind: what, ...rest } = until;
    return { kind: 'step', text: `wait ${what} ${Object.values(rest).filter((v) => v !== null).join(' ')}`.trim() };
  }
  if (kind === 'expect') {
    const tables = (body.tables as Array<{ node?: string; peer?: string }> | undefined) ?? [];
    const results = (body.results as Array<{ name?: string; kickoff?: string }> | undefined) ?? [];
    const parts = [
      ...(tables.length ? [`tables ${tables.map((x) => `${x.node ?? '?'}${x.peer ? `↔${x.peer}` : ''}`).join(', ')}`] : []),
      ...(results.length ? [`results ${results.map((r) => r.name ?? r.kickoff ?? '?').join(', ')}`] : []),
    ];
    return { kind: 'expect', text: `expect ${parts.join(' and ') || '(nothing)'}` };
  }
  const values = Object.values(body)
    .map((v) => (typeof v === 'string' || typeof v === 'number' ? String(v) : Array.isArray(v) ? v.join('|') : ''))
    .filter(Boolean);
  const text = `${kind} ${values.join(' ')}`.trim();
  return { kind: 'step', text: text.length > 80 ? `${text.slice(0, 79)}…` : text };
}

function gapSummary(rows: Row[], frames: DiagramModel['frames']): string {
  const families = new Map<string, number>();
  let faults = 0;
  let steps = 0;
  let marks = 0;
  let handshakes = 0;
  for (const r of rows) {
    if (r.kind === 'handshake') handshakes++;
    else if (r.kind === 'step') steps++;
    else if (r.kind === 'mark') marks++;
    else if (r.kind === 'event' && r.e.kind === 'frame' && r.e.phase === 'sent') {
      const f = frames.get(r.e.frame)?.family ?? 'undecoded';
      families.set(f, (families.get(f) ?? 0) + 1);
    } else if (r.kind === 'event' && r.e.kind === 'fault') faults++;
  }
  const sent = [...families.values()].reduce((a, b) => a + b, 0);
  const byFamily = [...families].sort(([, a], [, b]) => b - a).map(([f, n]) => `${n} ${f}`);
  const extra = [
    ...(handshakes ? [`${handshakes} handshakes`] : []),
    ...(faults ? [`${faults} faults`] : []),
    ...(marks ? [`${marks} marks`] : []),
    ...(steps ? [`${steps} steps`] : []),
  ];
  return `${sent} frames sent (${byFamily.join(', ') || 'none'})${extra.length ? `, ${extra.join(', ')}` : ''}`;
}

export function buildDiagram(t: Transcript, limits: { maxRows?: number; head?: number; tail?: number } = {}): DiagramModel {
  const maxRows = limits.maxRows ?? MAX_ROWS;
  const kickoffs = kickoffNames(t);
  const frames: DiagramModel['frames'] = new Map();
  const handshakeOf = new Map<number, string>();
  const handshakes = new Map<string, Extract<Row, { kind: 'handshake' }>>();
  for (const e of t.events) {
    if (e.kind !== 'frame' || e.phase !== 'sent') continue;
    frames.set(e.frame, { label: `#${e.frame} ${callLabel(e.op, kickoffs)}`, family: opFamily(e.op), source: e.source, target: e.target });
    if (e.op?.op === 'op:start-session') handshakeOf.set(e.frame, e.connection);
  }
  const rows: Row[] = [];
  for (const e of t.events) {
    if (e.kind === 'frame' && handshakeOf.has(e.frame)) {
      const c = e.connection;
      let h = handshakes.get(c);
      if (!h) {
        h = { kind: 'handshake', e, connection: c, between: [e.source, e.target], frames: [], dropped: 0, untilMs: e.atMs };
        handshakes.set(c, h);
        rows.push(h);
      }
      if (e.phase === 'sent') h.frames.push(e.frame);
      if (e.phase === 'dropped') h.dropped++;
      h.untilMs = e.atMs;
      continue;
    }
    if (e.kind === 'frame' || e.kind === 'fault') rows.push({ kind: 'event', e });
    else if (e.kind === 'connection' && (e.event === 'close' || e.event === 'reset')) rows.push({ kind: 'event', e });
    else if (e.kind === 'app' && e.event === 'call-dispatched' && e.tag) rows.push({ kind: 'event', e });
    else if (e.kind === 'node' && e.event.type === 'mark') rows.push({ kind: 'mark', e, node: e.node, name: e.event.name, ...(e.event.detail ? { detail: e.event.detail } : {}) });
    else if (e.kind === 'step') {
      const s = stepText(e.step);
      if (s) rows.push({ kind: 'step', e, step: s.kind, text: s.text });
    }
  }
  if (rows.length <= maxRows) return { rows, frames, kickoffs, omitted: 0 };
  const head = Math.min(limits.head ?? HEAD_ROWS, maxRows);
  const tail = Math.min(limits.tail ?? TAIL_ROWS, maxRows - head);
  const middle = rows.slice(head, rows.length - tail);
  const atMs = (r: Row): number => (r.kind === 'gap' ? r.fromMs : r.e.atMs);
  // Frames sent in the head and delivered in the left-out middle: their arrows end at the gap.
  const sentInHead = new Set<number>();
  for (const r of rows.slice(0, head)) if (r.kind === 'event' && r.e.kind === 'frame' && r.e.phase === 'sent') sentInHead.add(r.e.frame);
  const pending = [...new Set(middle.flatMap((r) => (r.kind === 'event' && r.e.kind === 'frame' && r.e.phase !== 'sent' && sentInHead.has(r.e.frame) ? [r.e.frame] : [])))];
  const gap: Row = { kind: 'gap', omitted: middle.length, fromMs: atMs(middle[0]), toMs: atMs(middle[middle.length - 1]), summary: gapSummary(middle, frames), pending };
  return { rows: [...rows.slice(0, head), gap, ...rows.slice(rows.length - tail)], frames, kickoffs, omitted: middle.length };
}

export const gapText = (g: Extract<Row, { kind: 'gap' }>): string =>
  `… ${g.omitted} rows not drawn (${msText(g.fromMs)} – ${msText(g.toMs)}): ${g.summary}; the transcript has every event`;
