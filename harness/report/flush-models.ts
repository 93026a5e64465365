/**
 * The flush lab's models table: for each topology the public formal models check (and the two
 * nobody models), per op:flush design, the model's published verdict (a fact with its model file
 * and commit, kept in fixtures/flush-models/published-verdicts.json) beside ours (the lab's runs
 * over seeds with kickoff jitter), the witness of our first violation, and agree / disagree with
 * the reason. A disagreement without a written reason is reported as UNEXPLAINED: the command
 * that renders this table exits 1 on one, so the table cannot quietly contradict the models.
 * Pure: rows come from the data file and the lab report only.
 */
import type { DesignRow, FlushLabReport } from './flush-lab.js';

export type ModelVerdict = 'pass' | 'violation';

export interface PublishedVerdict {
  verdict: ModelVerdict;
  model: string;
  commit: string;
  note?: string;
}

export interface ModelTopology {
  id: string;
  description: string;
  /** Our scenarios for it (their `designs:` ids): the topology is violated when any of them is;
   * none, with `gap` saying why. */
  scenarios: string[];
  gap?: string;
  /** The property judged: perRefFifo (default), or a check the scenario names (giftOnce, …). */
  check?: string;
  published: Partial<Record<string, PublishedVerdict>>;
}

export interface ModelsData {
  provenance: string;
  version: number;
  families: Record<string, string>;
  topologies: ModelTopology[];
  /** `<topology id>/<design>` → why our verdict differs from the model's. */
  explanations: Record<string, string>;
}

export interface ModelsCell {
  design: string;
  published: PublishedVerdict | null;
  /** Our verdict per scenario under the design as specified and under each rule variant that ran. */
  ours: { scenario: string; variant: string; verdict: ModelVerdict | 'unknown'; seeds: number; violating: number; witness: string | null }[];
  agreement: 'agree' | 'disagree' | 'no model verdict' | 'not run';
  explanation: string | null;
}

export interface ModelsRow {
  topology: string;
  description: string;
  scenarios: string[];
  gap: string | null;
  cells: ModelsCell[];
}

export interface ModelsTable {
  version: 1;
  seeds: number[];
  designs: string[];
  rows: ModelsRow[];
  unexplained: string[];
}

/** A lab column name is `<design>` or `<design>+<rule>` (compare-flush --rules). */
export function splitColumn(column: string): { design: string; variant: string } {
  const at = column.indexOf('+');
  return at < 0 ? { design: column, variant: 'as specified' } : { design: column.slice(0, at), variant: column.slice(at + 1) };
}

function ourVerdict(row: DesignRow, check: string | undefined): ModelsCell['ours'][number]['verdict'] {
  if (row.seedsRun === 0) return 'unknown';
  if (check) return row.failedSeeds > 0 ? 'violation' : 'pass';
  if (row.violatingSeeds > 0) return 'violation';
  return row.perSeed.every((s) => s.perRefFifo === 'unknown') ? 'unknown' : 'pass';
}

function cellFor(t: ModelTopology, design: string, lab: FlushLabReport, explanations: Record<string, string>): ModelsCell {
  const published = t.published[design] ?? null;
  const ours = t.scenarios.flatMap((id) =>
    (lab.scenarios.find((s) => s.scenario === id)?.designs ?? [])
      .filter((r) => splitColumn(r.design).design === design)
      .map((r) => ({
        scenario: id,
        variant: splitColumn(r.design).variant,
        verdict: ourVerdict(r, t.check),
        seeds: r.seedsRun,
        violating: t.check ? r.failedSeeds : r.violatingSeeds,
        witness: t.check ? (r.firstFailure ? `seed ${r.firstFailure.seed}: ${r.firstFailure.line}` : null) : r.witness ? `seed ${r.witness.seed}, frames ${r.witness.frames.join(', ')}: ${r.witness.explanation}` : null,
      })),
  );
  // The topology as specified is violated when any of its scenarios is.
  const asSpecified = ours.filter((o) => o.variant === 'as specified' && o.verdict !== 'unknown');
  const verdict: ModelVerdict | undefined = asSpecified.length === 0 ? undefined : asSpecified.some((o) => o.verdict === 'violation') ? 'violation' : 'pass';
  let agreement: ModelsCell['agreement'];
  if (!verdict) agreement = 'not run';
  else if (!published) agreement = 'no model verdict';
  else agreement = published.verdict === verdict ? 'agree' : 'disagree';
  return { design, published, ours, agreement, explanation: explanations[`${t.id}/${design}`] ?? null };
}

export function buildModelsTable(data: ModelsData, lab: FlushLabReport): ModelsTable {
  const designs = [...new Set(lab.designs.map((d) => splitColumn(d).design))];
  const rows = data.topologies.map((t): ModelsRow => {
    const ran = t.scenarios.some((id) => lab.scenarios.some((s) => s.scenario === id));
    return { topology: t.id, description: t.description, scenarios: t.scenarios, gap: t.gap ?? null, cells: ran ? designs.map((d) => cellFor(t, d, lab, data.explanations)) : [] };
  });
  const unexplained = rows.flatMap((r) => r.cells.filter((c) => c.agreement === 'disagree' && !c.explanation).map((c) => `${r.topology}/${c.design}`));
  return { version: 1, seeds: lab.seeds, designs, rows, unexplained };
}

/** The scenario ids the table needs run. */
export function modelScenarios(data: ModelsData): string[] {
  return [...new Set(data.topologies.flatMap((t) => t.scenarios))];
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function oursText(o: ModelsCell['ours'][number]): string {
  const count = o.verdict === 'violation' ? `violated in ${o.violating}/${o.seeds}` : o.verdict === 'pass' ? `holds ${o.seeds}/${o.seeds}` : 'unknown';
  return `<span class="${o.verdict === 'violation' ? 'bad' : o.verdict === 'pass' ? 'ok' : 'unk'}"${o.witness ? ` title="${esc(o.witness)}"` : ''}><small>${esc(o.scenario)}</small>${o.variant === 'as specified' ? '' : ` <b>+${esc(o.variant)}</b>`}: ${count}</span>`;
}

function cellHtml(c: ModelsCell): string {
  const model = c.published ? `<div>model: <b>${c.published.verdict}</b> <small>(${esc(c.published.model)} @ ${esc(c.published.commit)})</small></div>` : '<div><small>no published verdict</small></div>';
  const ours = c.ours.map((o) => `<div>ours ${oursText(o)}</div>`).join('');
  const cls = c.agreement === 'disagree' ? (c.explanation ? 'warn' : 'bad') : c.agreement === 'agree' ? 'ok' : '';
  const why = c.agreement === 'disagree' ? `<div><b>${c.explanation ? 'disagree' : 'UNEXPLAINED'}</b>${c.explanation ? `: ${esc(c.explanation)}` : ''}</div>` : `<div><small>${c.agreement}</small></div>`;
  return `<td class="${cls}">${model}${ours}${why}</td>`;
}

export function renderModelsHtml(t: ModelsTable, data: ModelsData): string {
  const head = t.designs.map((d) => `<th>${esc(d)}<br><small>${esc(data.families[d] ?? '')}</small></th>`).join('');
  const rows = t.rows
    .map((r) => {
      const label = `<th>${esc(r.topology)}<br><small>${esc(r.description)}</small></th>`;
      if (r.cells.length === 0) return `<tr>${label}<td colspan="${t.designs.length}"><small>no scenario: ${esc(r.gap ?? 'not run in this lab run')}</small></td></tr>`;
      return `<tr>${label}${t.designs.map((d) => r.cells.find((c) => c.design === d)).map((c) => (c ? cellHtml(c) : '<td>—</td>')).join('')}</tr>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>op:flush designs against the formal models</title>
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#1f2328}
table{border-collapse:collapse}th,td{border:1px solid #d0d7de;padding:4px 8px;vertical-align:top;text-align:left}
th{background:#f6f8fa}td.ok{background:#dafbe1}td.bad{background:#ffebe9}td.warn{background:#fff8c5}
span.ok{color:#1a7f37}span.bad{color:#cf222e}small{color:#59636e}
</style></head><body>
<h1>op:flush designs against the formal models</h1>
<p>${esc(data.provenance)}</p>
<p>Ours: seeds ${t.seeds.length ? `${t.seeds[0]}..${t.seeds[t.seeds.length - 1]}` : '—'} with kickoff jitter; a cell holds the model's published verdict, ours under the design as specified and under each lab rule that ran, and whether they agree. Hover a violation for its witness. ${t.unexplained.length ? `<b>${t.unexplained.length} unexplained disagreement(s)</b>: ${esc(t.unexplained.join(', '))}.` : 'Every disagreement is explained.'}</p>
<table><thead><tr><th>topology</th>${head}</tr></thead>
<tbody>
${rows}
</tbody></table>
</body></html>
`;
}
