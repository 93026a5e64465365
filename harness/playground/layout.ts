/**
 * The playground page's markup: the controls (each names the scenario-language construct it
 * writes) and the panels view.ts draws into. Static text only; controls.ts wires it.
 */
import { FLUSH_DESIGN_NAMES } from '../ocapn/flush/designs.js';

const APPS = ['forwarder', 'recorder', 'echo', 'counter', 'holder', 'thrower'];

const options = (values: readonly string[], selected?: string): string => values.map((v) => `<option${v === selected ? ' selected' : ''}>${v}</option>`).join('');

export const STYLE = `
body{font-family:system-ui,sans-serif;margin:0;color:#24292f;font-size:13px}
header{padding:6px 12px;background:#f6f8fa;border-bottom:1px solid #d0d7de;display:flex;gap:12px;align-items:center;flex-wrap:wrap}
#page{display:grid;grid-template-columns:330px 1fr 1fr;gap:8px;padding:8px;box-sizing:border-box}
section{overflow:auto;border:1px solid #d0d7de;border-radius:4px;padding:4px 6px;margin-bottom:8px}
h2{font-size:13px;margin:2px 0 4px}
fieldset{border:1px solid #d0d7de;border-radius:4px;margin:0 0 6px;padding:3px 6px}
legend{font-size:11px;color:#57606a}
input[type=text],input[type=number]{width:6em}
button{margin:1px}
#log{height:260px;overflow:auto;font-family:monospace;font-size:11px}
#log div{padding:1px 3px;white-space:nowrap;cursor:pointer}
#log div.frame{color:#0550ae}
#log div.step{color:#8250df;font-weight:bold}
.wit{border-left:4px solid #cf222e;background:#ffebe9}
.witness-list{color:#cf222e;font-weight:bold}
#errors{color:#cf222e;white-space:pre-wrap;font-family:monospace;font-size:11px}
#blocked{color:#9a6700}
#yaml{font-size:11px;max-height:260px;overflow:auto;margin:0}
#op pre{font-size:11px;margin:0;white-space:pre-wrap;max-height:200px;overflow:auto}
table{border-collapse:collapse;margin:2px 0 6px}
td,th{border:1px solid #d0d7de;padding:1px 5px;font-size:11px;text-align:left}
.note{color:#57606a;font-size:11px}
.script-step{font-family:monospace;font-size:11px;color:#57606a}
`;

export function layoutHtml(flush: string, handoffs: string): string {
  return `
<header><b>playground</b>
<label>id <input id="doc-id" type="text" style="width:16em"></label>
<span id="seed"></span><span id="clock-pos"></span><span id="status">starting</span></header>
<div id="page">
<div>
<section><h2>network (edits re-run the session from the start)</h2>
<fieldset><legend>node</legend><input id="node-name" type="text" placeholder="name"> hop: <select id="node-app"><option value="">(no app)</option>${options(APPS)}</select> <button id="add-node">add node</button></fieldset>
<fieldset><legend>link latency (both directions)</legend><select id="link-a"></select>–<select id="link-b"></select> <input id="link-ms" type="number" value="10" min="0"> ms <button id="set-latency">set</button></fieldset>
<fieldset><legend>options</legend>flush <select id="opt-flush">${options(FLUSH_DESIGN_NAMES, flush)}</select> handoffs <select id="opt-handoffs">${options(['proxy', 'shorten'], handoffs)}</select></fieldset>
</section>
<section><h2>at the current virtual time</h2>
<fieldset><legend>kickoff (a call; route: a forward chain)</legend>
from <select id="k-from"></select> target <select id="k-target"></select><br>
method <input id="k-method" type="text" value="record"> args <input id="k-args" type="text" placeholder='["x"]'><br>
route <input id="k-route" type="text" placeholder="bob,carol" style="width:10em"> count <input id="k-count" type="number" value="1" min="1" style="width:3em"> every <input id="k-every" type="number" value="0" min="0" style="width:3em"> ms<br>
name <input id="k-name" type="text" placeholder="(k1, k2…)"> <button id="kick">kick off</button></fieldset>
<fieldset><legend>op:flush (receiver-initiated)</legend><select id="flush-ref"></select> or slot <select id="flush-node"></select>→<select id="flush-peer"></select> # <input id="flush-pos" type="number" min="1" style="width:3em"> name <input id="flush-name" type="text" style="width:4em"> <button id="flush">flush</button></fieldset>
<fieldset><legend>node</legend><select id="fault-node"></select>
<button id="pause">pause</button><button id="resume">resume</button><button id="kill">kill</button><button id="stop">stop</button><button id="restart-fresh">restart fresh</button><button id="restart-keep">restart keep</button></fieldset>
<fieldset><legend>pair</legend><select id="pair-a"></select>–<select id="pair-b"></select>
<button id="partition-drop">partition drop</button><button id="partition-hold">partition hold</button><button id="heal">heal</button><button id="reset">reset</button><br>
<button id="stall">stall</button> for <input id="stall-ms" type="number" value="6000" min="0"> ms</fieldset>
<fieldset><legend>wait / expect</legend><button id="advance">wait</button> <input id="advance-ms" type="number" value="10" min="0"> ms · <button id="expect-results">expect the current results and tables</button></fieldset>
<div id="blocked"></div>
</section>
<section><h2>clock</h2>
<button id="clock-event" title="one send or delivery">event ▶</button><button id="clock-instant" title="every event of the next virtual instant">instant ▶▶</button><button id="clock-quiescent">until quiescent ▶|</button><br>
until frame <select id="clock-frame-label"></select><button id="clock-frame">▶</button><br>
<button id="play">run</button> at <select id="speed"><option value="10">10 ms/s</option><option value="100" selected>100 ms/s</option><option value="1000">1 s/s</option></select> virtual per wall second ·
<button id="back">back to the last step</button>
<div><button id="script-next">next step of the file ▶</button></div><div id="script"></div>
</section>
<section><h2>save</h2>
<input id="save-file" type="text" style="width:22em"><br><label><input id="overwrite" type="checkbox"> overwrite</label>
<button id="save">save as scenario</button> <button id="finish" title="run to quiescence and take the end tables, as run does after the last step">finish</button>
<div id="save-result" class="note"></div></section>
<div id="errors"></div>
</div>
<div>
<section><h2>network</h2><div id="graph"></div></section>
<section><h2>checks</h2><div id="checks"></div><h2>marks</h2><div id="marks" class="note"></div></section>
<section><h2>frame log</h2><div id="log"></div><h2>selected</h2><div id="op"></div></section>
</div>
<div>
<section><h2>tables (live)</h2><div id="tables"></div></section>
<section><h2>scenario so far</h2><pre id="yaml"></pre></section>
</div>
</div>`;
}
