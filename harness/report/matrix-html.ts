/**
 * reports/conformance.html: the summary per implementation on top, then scenarios ×
 * implementations (a scenario's designs grouped in its cells), the harness self-test (mutants),
 * protocol coverage and the totals; filters by feature and requirement level in plain inline
 * script (the page opens from disk, no network).
 */
import { cell, esc } from './matrix-cells.js';
import { STATUS_STYLE, cmp, splitDesign, worstStatus, type CaseRow, type CaseStatus, type Matrix, type Totals } from './matrix-model.js';
import { coverageSection, selfTestSection, summarySection } from './report-sections.js';

/** Other reports beside the matrix, linked from its head when they exist (e.g. the flush lab). */
export interface MatrixLinks {
  flushDesigns?: string;
}

function totalsTable(title: string, rows: Record<string, Totals>): string {
  const cols = Object.keys(STATUS_STYLE) as CaseStatus[];
  const head = `<tr><th>${esc(title)}</th>${cols.map((c) => `<th>${esc(STATUS_STYLE[c].text)}</th>`).join('')}</tr>`;
  const body = Object.entries(rows)
    .map(([k, t]) => `<tr><td>${esc(k)}</td>${cols.map((c) => `<td class="num">${t[c] || ''}</td>`).join('')}</tr>`)
    .join('\n');
  return `<table class="totals">${head}\n${body}</table>`;
}

/** One row per scenario (designs folded in), implementations as columns. */
function scenarioRows(m: Matrix, columns: readonly string[]): string {
  const byScenario = new Map<string, CaseRow[]>();
  for (const c of m.cases) {
    if (!columns.includes(c.driver)) continue;
    const s = splitDesign(c.scenario).scenario;
    byScenario.set(s, [...(byScenario.get(s) ?? []), c]);
  }
  return [...byScenario.keys()]
    .sort(cmp)
    .map((s) => {
      const cases = byScenario.get(s)!;
      const titled = cases.find((c) => c.scenarioTitle)?.scenarioTitle;
      const features = [...new Set(cases.flatMap((c) => c.features))].sort(cmp);
      const designs = [...new Set(cases.map((c) => splitDesign(c.scenario).design).filter((d) => d !== undefined))];
      const meta = `${esc(cases[0].level)}${features.length ? ` · ${esc(features.join(', '))}` : ''}${designs.length ? `<br>designs: ${esc(designs.join(', '))}` : ''}`;
      const statuses = columns.map((d) => worstStatus(cases.filter((c) => c.driver === d).map((c) => c.status)));
      return (
        `<tr data-level="${esc(cases[0].level)}" data-features="${esc(features.join(' '))}" data-status="${statuses.join(' ')}"><th class="sc">${esc(s)}${titled ? `<div class="title">${esc(titled)}</div>` : ''}<div class="meta">${meta}</div></th>` +
        `${columns.map((d) => cell(cases.filter((c) => c.driver === d))).join('')}</tr>`
      );
    })
    .join('\n');
}

function filters(m: Matrix): string {
  const features = [...new Set(m.cases.flatMap((c) => c.features))].sort(cmp);
  const levels = [...new Set(m.cases.map((c) => c.level))].sort(cmp);
  const options = (xs: string[], prefix = '') => xs.map((x) => `<option value="${esc(x)}">${esc(prefix + x)}</option>`).join('');
  return `<form class="filters" onsubmit="return false">Show: <label>feature <select id="f-feature"><option value="">any</option>${options(features, '@')}</select></label>
<label>level <select id="f-level"><option value="">any</option>${options(levels, '@')}</select></label>
<label><input type="checkbox" id="f-problems"> only rows with a failure or unknown</label> <span id="f-count" class="n"></span></form>`;
}

// Rows carry data-features / data-level / data-status; the summary's feature rows follow the feature filter.
const FILTER_SCRIPT = `<script>
(function () {
  var f = document.getElementById('f-feature'), l = document.getElementById('f-level'), p = document.getElementById('f-problems'), n = document.getElementById('f-count');
  if (!f) return;
  var loud = ['fail', 'unknown', 'unexpected-pass'];
  function apply() {
    var rows = document.querySelectorAll('tr[data-level]'), shown = 0;
    rows.forEach(function (tr) {
      var ok = (!f.value || tr.dataset.features.split(' ').indexOf(f.value) >= 0) && (!l.value || tr.dataset.level === l.value) &&
        (!p.checked || tr.dataset.status.split(' ').some(function (s) { return loud.indexOf(s) >= 0; }));
      tr.hidden = !ok; if (ok) shown++;
    });
    document.querySelectorAll('tr[data-feature-row]').forEach(function (tr) { tr.hidden = !!f.value && tr.dataset.featureRow !== f.value; });
    n.textContent = shown + ' of ' + rows.length + ' rows shown';
  }
  [f, l, p].forEach(function (e) { e.addEventListener('change', apply); });
  apply();
})();
</script>`;

const STYLE = `<style>
body{font-family:system-ui,sans-serif;margin:20px;color:#24292f}
table{border-collapse:collapse;margin:12px 0}
th,td{border:1px solid #d0d7de;padding:4px 8px;vertical-align:top;font-size:13px}
th{background:#f6f8fa}
th.sc{text-align:left;font-family:monospace;background:#fff}
th.impl{text-align:left}
td.num{text-align:right}
td.missing{color:#8c959f;text-align:center}
td.never{color:#cf222e;text-align:center;font-size:12px}
td.score{min-width:90px}
.bar{height:4px;background:#eaeef2;margin:2px 0}.bar div{height:4px;background:#2da44e}
.rest{font-size:11px;color:#57606a}.bad{color:#cf222e}.unk{color:#bf8700}
.mono{font-family:monospace}
.meta{font-weight:normal;color:#57606a;font-size:11px;font-family:system-ui,sans-serif}
.title{font-weight:normal;font-family:system-ui,sans-serif;font-size:12px;max-width:320px}
.skip{color:#57606a;font-size:11px;max-width:340px}
.seed{font-size:12px;margin-top:2px}.why{color:#cf222e;font-size:11px}.ev{font-size:11px}
.design{border-left:3px solid;padding-left:4px;margin-top:3px;font-size:12px}.design .chips{display:inline}.dz{font-family:monospace}
.lg{color:white;padding:2px 6px;border-radius:3px;font-size:12px}
.banner{background:#fff8c5;border:1px solid #d4a72c;border-radius:4px;padding:6px 10px;margin:8px 0;font-size:13px}
.filters{background:#f6f8fa;border:1px solid #d0d7de;border-radius:4px;padding:6px 10px;font-size:13px;display:inline-block}
.filters label{margin-right:12px}
.note{color:#57606a;font-size:12px}
.ids{font-family:monospace;font-size:11px;text-align:left}
nav a{margin-right:12px}
.play{text-decoration:none;margin-left:1px}.chips{margin-top:3px;max-width:260px}.chip{display:inline-block;border:1px solid;border-radius:3px;padding:0 3px;margin:1px;font-size:11px}.n{color:#57606a;font-size:11px}
</style>`;

export function renderMatrixHtml(m: Matrix, links: MatrixLinks = {}): string {
  const legend = (Object.keys(STATUS_STYLE) as CaseStatus[])
    .map((s) => `<span class="lg" style="background:${STATUS_STYLE[s].colour}">${esc(STATUS_STYLE[s].text)}</span>`)
    .join(' ');
  const hidden = new Set(m.unconfigured.map((u) => u.driver));
  const columns = m.implementations.filter((d) => !hidden.has(d));
  const t = m.totals;
  const summary = `${m.cases.length} cases: ${t.pass} pass, ${t.fail} fail, ${t.unknown} unknown, ${t['expected-failure']} expected failures, ${t['unexpected-pass']} unexpected passes, ${t.skipped} skipped`;
  const matrix = columns.length
    ? `${filters(m)}\n<table class="matrix"><tr><th>scenario \\ implementation</th>${columns.map((d) => `<th>${esc(d)}</th>`).join('')}</tr>\n${scenarioRows(m, columns)}</table>`
    : '<p>No implementation ran here.</p>';
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>OCapN conformance</title>
${STYLE}</head><body>
<h1>OCapN conformance</h1>
<p>${esc(m.status === 'empty' ? 'No conformance case ran.' : summary)}</p>
<nav><a href="#summary">summary</a><a href="#matrix">scenarios</a><a href="#self-test">harness self-test</a><a href="#coverage">protocol coverage</a><a href="#totals">totals</a></nav>
<p>${legend}</p>
${links.flushDesigns ? `<p>The op:flush designs side by side (per scenario × design: order kept, frames, round trips, time to shorten): <a href="${esc(links.flushDesigns)}">flush-designs.html</a></p>\n` : ''}${summarySection(m)}
<h2 id="matrix">Scenarios × implementations</h2>
${matrix}
<p class="note">Open a cell's <b>seed</b> link (or numbered chip) for the sequence diagram, its <b>viewer</b> link (▸ on a chip) to replay the run frame by frame; <b>transcript</b>, <b>verdicts</b> and <b>replay</b> sit beside it in the same evidence folder.</p>
${selfTestSection(m)}
${coverageSection(m)}
<h2 id="totals">Totals of every case</h2>
${totalsTable('feature', m.byFeature)}
${totalsTable('level', m.byLevel)}
${FILTER_SCRIPT}
</body></html>
`;
}
