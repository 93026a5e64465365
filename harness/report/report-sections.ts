/**
 * The report's sections besides the scenario matrix: the summary per implementation (totals, by
 * requirement level, by feature), the banner of drivers this machine is not configured for, the
 * harness self-test (mutant × the check that caught it) and protocol coverage.
 */
import { esc, seedsBody } from './matrix-cells.js';
import { STATUS_STYLE, worstStatus, cmp, type Matrix } from './matrix-model.js';
import { COUNT_KEYS, ran, type Counts, type ImplementationSummary } from './summary.js';
import type { CoverageRow } from './coverage.js';

const LEVELS = ['MUST', 'SHOULD', 'MAY'];

/** `12/14` with a bar: passing of the cases that ran; the rest in small print. */
function score(c: Counts | undefined): string {
  if (!c || ran(c) + c.skipped === 0) return '<td class="missing">—</td>';
  const total = ran(c);
  const pct = total ? Math.round((100 * c.pass) / total) : 0;
  const rest = [c.fail ? `<span class="bad">${c.fail} fail</span>` : '', c.unknown ? `<span class="unk">${c.unknown} unknown</span>` : '', c.skipped ? `${c.skipped} skipped` : ''].filter(Boolean).join(' · ');
  const bar = total ? `<div class="bar"><div style="width:${pct}%"></div></div>` : '';
  return `<td class="score"><b>${c.pass}/${total}</b>${bar}${rest ? `<div class="rest">${rest}</div>` : ''}</td>`;
}

function summaryTotals(summaries: readonly ImplementationSummary[], levels: readonly string[]): string {
  const head = `<tr><th>implementation</th>${COUNT_KEYS.map((k) => `<th>${esc(k === 'fail' ? 'FAIL' : k)}</th>`).join('')}${levels.map((l) => `<th>@${l}</th>`).join('')}</tr>`;
  const body = summaries
    .map((s) => `<tr><th class="impl">${esc(s.driver)}</th>${COUNT_KEYS.map((k) => `<td class="num${k === 'fail' && s.totals.fail ? ' bad' : ''}">${s.totals[k]}</td>`).join('')}${levels.map((l) => score(s.byLevel[l])).join('')}</tr>`)
    .join('\n');
  return `<table class="summary">${head}\n${body}</table>`;
}

function summaryByFeature(summaries: readonly ImplementationSummary[]): string {
  const features = [...new Set(summaries.flatMap((s) => Object.keys(s.byFeature)))].sort(cmp);
  const head = `<tr><th>feature</th>${summaries.map((s) => `<th>${esc(s.driver)}</th>`).join('')}</tr>`;
  const body = features.map((f) => `<tr data-feature-row="${esc(f)}"><td class="mono">${esc(f)}</td>${summaries.map((s) => score(s.byFeature[f])).join('')}</tr>`).join('\n');
  return `<table class="summary">${head}\n${body}</table>`;
}

/** The summary per implementation; unconfigured drivers appear only as a banner line. */
export function summarySection(m: Matrix): string {
  const hidden = new Set(m.unconfigured.map((u) => u.driver));
  const shown = m.summary.filter((s) => !hidden.has(s.driver));
  const levels = LEVELS.filter((l) => shown.some((s) => s.byLevel[l]));
  const banners = m.unconfigured
    .map((u) => `<div class="banner"><b>${esc(u.driver)}</b> is not configured on this machine (${u.cases} cases skipped). To enable it: ${esc(u.reason.replace(/^[^:]*:\s*/, ''))}, then run <code>npm run conformance</code> again.</div>`)
    .join('\n');
  if (shown.length === 0) return `<h2 id="summary">Summary per implementation</h2>\n${banners}\n<p>No implementation ran.</p>`;
  return `<h2 id="summary">Summary per implementation</h2>
<p class="note">Cases (scenario × seed) that pass of those that ran; counts of every case, skipped ones included.</p>
${summaryTotals(shown, levels)}
${banners}
<details open><summary>By feature</summary>
${summaryByFeature(shown)}
</details>`;
}

/** One row per (mutant, scenario): what was planted, which check caught it, every seed. */
export function selfTestSection(m: Matrix): string {
  if (m.mutants.length === 0) return '';
  const rows: string[] = [];
  for (const driver of m.mutants) {
    const own = m.cases.filter((c) => c.driver === driver);
    const scenarios = [...new Set(own.map((c) => c.scenario))];
    scenarios.forEach((scenario, i) => {
      const cases = own.filter((c) => c.scenario === scenario);
      const status = worstStatus(cases.map((c) => c.status));
      const caught = [...new Set(cases.flatMap((c) => (c.status === 'expected-failure' ? (c.caughtBy ?? c.violated) : [])))];
      const head = i === 0 ? `<th class="mono" rowspan="${scenarios.length}">${esc(driver)}<div class="meta">${esc(cases[0].defect ?? '')}</div></th>` : '';
      rows.push(
        `<tr data-level="${esc(cases[0].level)}" data-features="${esc(cases[0].features.join(' '))}" data-status="${status}">${head}<td class="mono">${esc(scenario)}</td>` +
          `<td class="mono">${esc(caught.join(', ') || '—')}</td><td style="border-left:6px solid ${STATUS_STYLE[status].colour}"><b style="color:${STATUS_STYLE[status].colour}">${esc(STATUS_STYLE[status].text)}</b></td><td>${seedsBody(cases, true, false)}</td></tr>`,
      );
    });
  }
  return `<h2 id="self-test">Harness self-test</h2>
<p class="note">Each mutant is the reference node with one planted defect; a named check must catch it on every seed (expected failure). An UNEXPECTED PASS means a checker stopped catching what it claims to.</p>
<table class="selftest"><tr><th>mutant (defect)</th><th>scenario</th><th>caught by</th><th>result</th><th>seeds</th></tr>
${rows.join('\n')}</table>`;
}

function coverageCell(row: CoverageRow, driver: string): string {
  const ids = row.by[driver] ?? [];
  if (ids.length === 0) return '<td class="never">never</td>';
  return `<td class="num" title="${esc(ids.join('\n'))}"><details><summary>${ids.length}</summary><div class="ids">${ids.map(esc).join('<br>')}</div></details></td>`;
}

export function coverageSection(m: Matrix): string {
  const c = m.coverage;
  if (c.implementations.length === 0) return '';
  const head = `<tr><th>kind</th><th>name</th>${c.implementations.map((d) => `<th>${esc(d)}</th>`).join('')}</tr>`;
  const group = (kind: string, rows: CoverageRow[]): string =>
    rows.map((r) => `<tr><td>${kind}</td><td class="mono" title="${esc(r.doc)}">${esc(r.name)}</td>${c.implementations.map((d) => coverageCell(r, d)).join('')}</tr>`).join('\n');
  const never = [...c.never.operations, ...c.never.descriptors, ...c.never.checks];
  return `<h2 id="coverage">Protocol coverage</h2>
<p class="note">Scenarios whose cases put each operation and descriptor on the wire (a sent frame carrying it), and that each check could judge, per implementation; open a count for the scenarios.</p>
<p>${never.length ? `<b>Never exercised by the pack:</b> <span class="mono">${never.map(esc).join(', ')}</span>` : 'Every operation, descriptor and check is exercised.'}</p>
<table class="coverage">${head}
${group('operation', c.operations)}
${group('descriptor', c.descriptors)}
${group('check', c.checks)}</table>`;
}

