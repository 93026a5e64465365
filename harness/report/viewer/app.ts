/**
 * The replay viewer page: reads the ViewerData embedded in the page (a JSON script element with
 * id `ocapn-viewer-data`) and draws the run at a cursor — the timeline (a slider, step buttons,
 * the arrow keys, a frame number box), the nodes and links as an SVG graph with frames in flight
 * moving along them, the decoded frame under the cursor, and every node's tables. Events that a
 * violated check names as its witness are marked in red. `#frame=N` in the URL opens at frame N.
 * Spec anchor: README.md "The replay viewer".
 */
import { ReplayModel, type NodeTables, type ViewerData } from './model.js';

const SVG = 'http://www.w3.org/2000/svg';
const NODE_R = 22;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

function svgEl(tag: string, attrs: Record<string, string | number>): SVGElement {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  return e;
}

const byId = <T extends HTMLElement>(id: string): T => {
  const e = document.getElementById(id);
  if (!e) throw new Error(`viewer page lacks #${id}`);
  return e as T;
};

const STYLE = `
body{font-family:system-ui,sans-serif;margin:0;color:#24292f;font-size:13px}
header{padding:6px 12px;background:#f6f8fa;border-bottom:1px solid #d0d7de}
#controls{padding:6px 12px;display:flex;gap:6px;align-items:center;border-bottom:1px solid #d0d7de}
#controls input[type=range]{flex:1}
main{display:grid;grid-template-columns:300px 1fr 1fr;gap:8px;padding:8px;height:calc(100vh - 90px);box-sizing:border-box}
section{overflow:auto;border:1px solid #d0d7de;border-radius:4px;padding:4px}
h2{font-size:13px;margin:2px 0 4px}
#events div{font-family:monospace;font-size:11px;padding:1px 3px;cursor:pointer;white-space:nowrap}
#events div.cur{background:#ddf4ff;outline:1px solid #0969da}
#events div.frame{color:#0550ae}
.wit{border-left:4px solid #cf222e;background:#ffebe9}
#op pre{font-size:11px;margin:0;white-space:pre-wrap}
table{border-collapse:collapse;margin:2px 0 6px}
td,th{border:1px solid #d0d7de;padding:1px 5px;font-size:11px;text-align:left}
.note{color:#57606a;font-size:11px}
.witness-list{color:#cf222e;font-weight:bold}
`;

export function mount(data: ViewerData): void {
  const model = new ReplayModel(data);
  const t = data.transcript;
  document.title = `viewer: ${t.header.scenarioId} [${t.header.driver}] seed ${t.header.seed}`;
  const style = el('style');
  style.textContent = STYLE;
  document.head.append(style);
  const violated = (data.verdicts?.verdicts ?? []).filter((v) => v.verdict === 'violated').map((v) => v.name);
  document.body.innerHTML = `
<header><b>${esc(t.header.scenarioId)}</b> [${esc(t.header.driver)}] seed ${t.header.seed} · ${t.events.length} events · end: ${esc(t.outcome.end)}
${violated.length ? ` · <span class="witness-list">violated: ${esc(violated.join(', '))}</span>` : data.verdicts ? ` · checks: ${esc(data.verdicts.overall)}` : ''}
${data.source ? `<span class="note"> · ${esc(data.source)}</span>` : ''}</header>
<div id="controls">
<button id="first" title="first event">|◀</button><button id="prev-frame" title="previous frame">◀ frame</button><button id="prev" title="previous event (←)">◀</button>
<button id="play">play</button>
<button id="next" title="next event (→)">▶</button><button id="next-frame" title="next frame">frame ▶</button><button id="last" title="last event">▶|</button>
<input id="scrub" type="range" min="0" max="${Math.max(0, model.length - 1)}" value="0">
<label>frame <input id="goto-frame" type="number" min="0" style="width:5em"></label>
<span id="position"></span>
</div>
<main>
<section><h2>timeline</h2><div id="events"></div></section>
<section><h2>network</h2><div id="graph"></div><h2>frame under the cursor</h2><div id="op"></div></section>
<section><h2>tables</h2><div id="tables"></div></section>
</main>`;

  const events = byId('events');
  const rows = model.events.map((e, i) => {
    const row = el('div', { 'data-index': String(i), ...(e.kind === 'frame' ? { 'data-frame': String(e.frame) } : {}) }, `${e.seq} ${e.atMs.toFixed(1)}ms ${model.describe(i)}`);
    row.className = [e.kind === 'frame' ? 'frame' : '', model.witnessOf(i).length ? 'wit' : ''].join(' ').trim();
    row.addEventListener('click', () => go(i));
    events.append(row);
    return row;
  });

  let cursor = 0;
  const scrub = byId<HTMLInputElement>('scrub');
  function go(i: number): void {
    cursor = Math.max(0, Math.min(model.length - 1, i));
    scrub.value = String(cursor);
    render();
  }

  function render(): void {
    const e = model.events[cursor];
    const witness = model.witnessOf(cursor);
    byId('position').textContent = e ? `event ${cursor + 1}/${model.length} · seq ${e.seq} · ${e.atMs.toFixed(3)} ms` : 'no events';
    for (const r of rows) r.classList.remove('cur');
    const row = rows[cursor];
    if (row) {
      row.classList.add('cur');
      row.scrollIntoView({ block: 'nearest' });
    }
    drawGraph(model, cursor, byId('graph'));
    const op = model.opAt(cursor);
    const opBox = byId('op');
    opBox.innerHTML = '';
    opBox.className = witness.length ? 'wit' : '';
    if (witness.length) opBox.append(el('div', { class: 'witness-list' }, `witness of: ${witness.join(', ')}`));
    if (op) {
      opBox.append(el('div', {}, `frame #${op.frame.frame} ${op.frame.phase} ${op.frame.source} → ${op.frame.target} (${op.frame.length} bytes, connection ${op.frame.connection})`));
      opBox.append(el('pre', { id: 'op-json' }, op.op ? JSON.stringify(op.op, null, 2) : `not decoded: ${op.decodeError ?? '?'}`));
    } else if (e) {
      opBox.append(el('pre', { id: 'op-json' }, JSON.stringify(e, null, 2)));
    }
    drawTables(model.tablesAt(cursor), byId('tables'));
  }

  byId('first').addEventListener('click', () => go(0));
  byId('last').addEventListener('click', () => go(model.length - 1));
  byId('prev').addEventListener('click', () => go(cursor - 1));
  byId('next').addEventListener('click', () => go(cursor + 1));
  byId('prev-frame').addEventListener('click', () => go(model.stepFrame(cursor, -1)));
  byId('next-frame').addEventListener('click', () => go(model.stepFrame(cursor, 1)));
  scrub.addEventListener('input', () => go(Number(scrub.value)));
  const gotoFrame = byId<HTMLInputElement>('goto-frame');
  gotoFrame.addEventListener('change', () => {
    const i = model.indexOfFrame(Number(gotoFrame.value));
    if (i >= 0) go(i);
  });
  let timer: ReturnType<typeof setInterval> | undefined;
  const play = byId('play');
  play.addEventListener('click', () => {
    if (timer) {
      clearInterval(timer);
      timer = undefined;
      play.textContent = 'play';
      return;
    }
    play.textContent = 'pause';
    timer = setInterval(() => (cursor >= model.length - 1 ? play.click() : go(cursor + 1)), 250);
  });
  document.addEventListener('keydown', (ev) => {
    if (ev.target instanceof HTMLInputElement && ev.target.type === 'number') return;
    if (ev.key === 'ArrowRight') go(ev.shiftKey ? model.stepFrame(cursor, 1) : cursor + 1);
    else if (ev.key === 'ArrowLeft') go(ev.shiftKey ? model.stepFrame(cursor, -1) : cursor - 1);
  });
  const fromHash = /frame=(\d+)/.exec(location.hash);
  go(fromHash ? Math.max(0, model.indexOfFrame(Number(fromHash[1]))) : 0);
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function drawGraph(model: ReplayModel, cursor: number, box: HTMLElement): void {
  const w = 420;
  const h = 300;
  const r = Math.min(w, h) / 2 - 40;
  const pos = new Map<string, { x: number; y: number }>();
  model.nodes.forEach((n, i) => {
    const a = (2 * Math.PI * i) / Math.max(1, model.nodes.length) - Math.PI / 2;
    pos.set(n, { x: w / 2 + r * Math.cos(a), y: h / 2 + r * Math.sin(a) });
  });
  const svg = svgEl('svg', { width: w, height: h, viewBox: `0 0 ${w} ${h}`, id: 'graph-svg' });
  for (const [a, b] of model.links()) {
    const p = pos.get(a);
    const q = pos.get(b);
    if (p && q) svg.append(svgEl('line', { x1: p.x, y1: p.y, x2: q.x, y2: q.y, stroke: '#8c959f', 'stroke-width': 2 }));
  }
  // Frames are drawn over the nodes: one just sent sits on its sender.
  for (const [n, p] of pos) {
    svg.append(svgEl('circle', { cx: p.x, cy: p.y, r: NODE_R, fill: '#f6f8fa', stroke: '#24292f', 'stroke-width': 1.5 }));
    const text = svgEl('text', { x: p.x, y: p.y + 4, 'text-anchor': 'middle', 'font-size': 12 });
    text.textContent = n;
    svg.append(text);
  }
  for (const f of model.inFlightAt(cursor)) {
    const p = pos.get(f.source);
    const q = pos.get(f.target);
    if (!p || !q) continue;
    // Each direction of a link has its own lane, a few pixels to the side, so crossing frames part.
    const dx = q.x - p.x;
    const dy = q.y - p.y;
    const len = Math.hypot(dx, dy) || 1;
    const ox = (-dy / len) * 6;
    const oy = (dx / len) * 6;
    // From the sender's rim to the receiver's, so a frame just sent is not hidden in its node.
    const along = (NODE_R + f.progress * Math.max(0, len - 2 * NODE_R)) / len;
    const x = p.x + dx * along + ox;
    const y = p.y + dy * along + oy;
    const dot = svgEl('circle', { cx: x, cy: y, r: f.current ? 7 : 5, fill: f.current ? '#0969da' : '#54aeff', 'data-frame': f.frame });
    svg.append(dot);
    if (f.current) {
      const label = svgEl('text', { x: x + 9, y: y - 6, 'font-size': 11, fill: '#0550ae' });
      label.textContent = `#${f.frame} ${f.label}`;
      svg.append(label);
    }
  }
  box.replaceChildren(svg);
}

const TABLES = ['exports', 'imports', 'questions', 'answers', 'gifts'] as const;

export function drawTables(tables: NodeTables[], box: HTMLElement): void {
  box.replaceChildren();
  for (const nt of tables) {
    const div = el('div', { class: 'node-tables', 'data-node': nt.node });
    div.append(el('h2', {}, nt.node));
    if (nt.from === 'none') {
      div.append(el('div', { class: 'note' }, 'nothing known yet (no snapshot, no node event)'));
      box.append(div);
      continue;
    }
    div.append(el('div', { class: 'note' }, nt.from === 'snapshot' ? `snapshot "${nt.label}" at seq ${nt.seq}` : 'rebuilt from node events (no snapshot yet): sessions and exports only'));
    if (nt.snapshot.sessions.length === 0) div.append(el('div', { class: 'note' }, 'no session'));
    for (const s of nt.snapshot.sessions) {
      div.append(el('div', {}, `session with ${s.peer} (${s.sessionId.slice(0, 12)}…)`));
      const table = el('table', { 'data-peer': s.peer });
      table.append(el('tr', {}, ''));
      table.rows[0].append(el('th', {}, 'table'), el('th', {}, 'pos'), el('th', {}, 'kind'), el('th', {}, 'refcount'), el('th', {}, 'style'), el('th', {}, 'resolved'));
      for (const name of TABLES) {
        for (const entry of s[name]) {
          const tr = el('tr', { 'data-table': name, 'data-position': String(entry.position) });
          tr.append(
            el('td', {}, name),
            el('td', {}, String(entry.position)),
            el('td', {}, entry.kind),
            el('td', {}, String(entry.refcount)),
            el('td', {}, entry.passStyle ?? ''),
            el('td', {}, entry.resolved === undefined ? '' : entry.resolved ? 'yes' : 'no'),
          );
          table.append(tr);
        }
      }
      if (table.rows.length === 1) div.append(el('div', { class: 'note' }, 'all tables empty'));
      else div.append(table);
    }
    box.append(div);
  }
}

const dataElement = document.getElementById('ocapn-viewer-data');
if (dataElement?.textContent) mount(JSON.parse(dataElement.textContent) as ViewerData);
