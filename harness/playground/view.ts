/**
 * What the playground page shows of a session at its current instant, drawn with the replay
 * viewer's own pieces (its model of a transcript, its graph and its tables) on the live
 * recording: the graph with frames in flight and each link's latency, every node's live tables,
 * checks judged on the run so far (a violated one's witness frames marked in the log), marks,
 * and the decoded frame log. Nothing here changes the session.
 */
import { runChecks, type CheckReport } from '../checks/index.js';
import type { TableSnapshot } from '../drivers/driver.js';
import { drawGraph, drawTables } from '../report/viewer/app.js';
import { ReplayModel, type NodeTables } from '../report/viewer/model.js';
import type { Plan } from '../scenario/plan.js';
import { makeTranscript } from '../transcript/from-recording.js';
import type { Transcript } from '../transcript/types.js';
import { latencyLabel } from './doc-edits.js';
import type { PlaygroundSession } from './session.js';

const SVG = 'http://www.w3.org/2000/svg';
/** The log keeps the latest events only: a long session must not make every step slower. */
const LOG_MAX = 1500;

export const byId = <T extends HTMLElement>(id: string): T => {
  const e = document.getElementById(id);
  if (!e) throw new Error(`playground page lacks #${id}`);
  return e as T;
};

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

export interface Snapshot {
  transcript: Transcript;
  verdicts: CheckReport;
  model: ReplayModel;
}

/** The live recording as a transcript, with every check judged on it. */
export function snapshot(session: PlaygroundSession): Snapshot | undefined {
  const recording = session.recording();
  if (!recording) return undefined;
  const transcript = makeTranscript(recording);
  const verdicts = runChecks(transcript);
  return { transcript, verdicts, model: new ReplayModel({ transcript, verdicts }) };
}

/** Writes each link's latency at its middle (the viewer's graph draws links without it). */
function labelLatencies(plan: Plan, box: HTMLElement): void {
  const svg = box.querySelector('svg');
  if (!svg) return;
  const at = new Map<string, { x: number; y: number }>();
  for (const circle of svg.querySelectorAll('circle')) {
    const text = circle.nextElementSibling;
    if (text?.tagName === 'text' && text.textContent) at.set(text.textContent, { x: Number(circle.getAttribute('cx')), y: Number(circle.getAttribute('cy')) });
  }
  const done = new Set<string>();
  for (const link of plan.topology.links) {
    const key = [link.source, link.target].sort().join('|');
    if (done.has(key)) continue;
    done.add(key);
    const back = plan.topology.links.find((l) => l.source === link.target && l.target === link.source);
    const p = at.get(link.source);
    const q = at.get(link.target);
    if (!p || !q) continue;
    const there = latencyLabel(link.latency);
    const label = back && latencyLabel(back.latency) !== there ? `${there} / ${latencyLabel(back.latency)}` : there;
    const text = document.createElementNS(SVG, 'text');
    for (const [k, v] of Object.entries({ x: (p.x + q.x) / 2, y: (p.y + q.y) / 2 - 4, 'text-anchor': 'middle', 'font-size': 10, fill: '#57606a', class: 'latency' })) text.setAttribute(k, String(v));
    text.textContent = label;
    svg.append(text);
  }
}

export function drawNetwork(session: PlaygroundSession, snap: Snapshot | undefined): void {
  const box = byId('graph');
  if (!snap || !session.plan) {
    box.replaceChildren(el('div', { class: 'note' }, 'no network yet: add a node'));
    return;
  }
  drawGraph(snap.model, snap.model.length - 1, box);
  labelLatencies(session.plan, box);
  const run = session.run;
  const statuses = session.plan.topology.nodes.map((n) => `${n.name}: ${run?.net.node(n.name).status ?? '?'}${(run?.incarnations.get(n.name) ?? 0) > 0 ? ` (incarnation ${run?.incarnations.get(n.name)})` : ''}`);
  box.append(el('div', { id: 'node-status', class: 'note' }, statuses.join(' · ')));
}

export function drawLiveTables(session: PlaygroundSession, live: readonly TableSnapshot[], snap: Snapshot | undefined): void {
  const seq = snap ? snap.transcript.events.length - 1 : 0;
  const tables: NodeTables[] = (session.plan?.topology.nodes ?? []).map((n) => {
    const s = live.find((t) => t.node === n.name);
    return s ? { node: n.name, from: 'snapshot', label: 'live', seq, snapshot: s } : { node: n.name, from: 'none' };
  });
  drawTables(tables, byId('tables'));
}

export function drawChecks(snap: Snapshot | undefined, session: PlaygroundSession): void {
  const box = byId('checks');
  box.replaceChildren();
  if (!snap) return;
  const violated = snap.verdicts.verdicts.filter((v) => v.verdict === 'violated');
  const holds = snap.verdicts.verdicts.filter((v) => v.verdict === 'holds').map((v) => v.name);
  box.append(el('div', { class: 'note' }, `judged on the run so far (${snap.transcript.events.length} events)`));
  for (const v of violated) box.append(el('div', { class: 'wit violated', 'data-check': v.name }, v.explanation));
  box.append(el('div', {}, violated.length ? '' : 'no check violated'));
  if (holds.length) box.append(el('div', { class: 'note' }, `holds: ${holds.join(', ')}`));
  const marks = session.run?.markLog ?? [];
  byId('marks').textContent = marks.length ? [...new Set(marks)].map((m) => `${m} ×${marks.filter((x) => x === m).length}`).join(' · ') : 'no mark yet';
}

/** The frame log, newest at the bottom; clicking a frame shows its decoded operation. */
export function drawLog(snap: Snapshot | undefined): void {
  const box = byId('log');
  box.replaceChildren();
  if (!snap) return;
  const { model } = snap;
  const first = Math.max(0, model.length - LOG_MAX);
  if (first > 0) box.append(el('div', { class: 'note' }, `${first} earlier events not shown`));
  for (let i = first; i < model.length; i++) {
    const e = model.events[i];
    const row = el('div', { 'data-index': String(i), ...(e.kind === 'frame' ? { 'data-frame': String(e.frame) } : {}) }, `${e.seq} ${e.atMs.toFixed(3)}ms ${model.describe(i)}`);
    row.className = [e.kind === 'frame' ? 'frame' : e.kind === 'step' ? 'step' : '', model.witnessOf(i).length ? 'wit' : ''].join(' ').trim();
    row.addEventListener('click', () => showOp(model, i));
    box.append(row);
  }
  box.scrollTop = box.scrollHeight;
}

function showOp(model: ReplayModel, i: number): void {
  const op = model.opAt(i);
  const witness = model.witnessOf(i);
  const box = byId('op');
  box.replaceChildren();
  if (witness.length) box.append(el('div', { class: 'witness-list' }, `witness of: ${witness.join(', ')}`));
  box.append(el('pre', {}, op ? (op.op ? JSON.stringify(op.op, null, 2) : `not decoded: ${op.decodeError ?? '?'}`) : JSON.stringify(model.events[i], null, 2)));
}

export function drawSteps(session: PlaygroundSession): void {
  byId('yaml').textContent = session.yaml;
  const script = byId('script');
  script.replaceChildren();
  if (session.branchedAt !== undefined) script.append(el('div', { class: 'note' }, `branched off the opened file after its step ${session.branchedAt}`));
  session.script.forEach((s, i) => script.append(el('div', { class: 'script-step' }, `${session.steps.length + i + 1}. ${JSON.stringify(s)}`)));
  const run = session.run;
  const blocked = session.actionBlocked();
  byId('clock-pos').textContent = run
    ? `${run.net.nowMs.toFixed(3)} ms virtual · ${run.deliveries} deliveries · ${session.steps.length} steps · ${session.moved} events since the last step${run.isQuiescent() ? ' · quiescent' : ''}${session.finished ? ' · finished' : ''}`
    : 'not running';
  byId('blocked').textContent = blocked ?? '';
}
