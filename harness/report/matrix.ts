/**
 * The conformance matrix: drivers × scenarios, each cell the worst status over its seeds, linking
 * to every seed's evidence; totals per feature and per requirement level. Pure model + HTML.
 * Spec anchor: README.md "The matrix" (pass / fail / unknown / expected failure); modelled on
 * the Autobahn test suite's agents × cases index with a colour legend.
 * Guarantees: output depends only on the cases given (sorted by scenario, driver, seed), so two
 * runs with the same results write the same files.
 */
import type { RequirementLevel } from './annotations.js';

/** `expected-failure`: a mutant run that failed as it must; `unexpected-pass`: one that did not
 * (counted as a failure: the checks stopped catching a planted defect). */
export type CaseStatus = 'pass' | 'fail' | 'unknown' | 'expected-failure' | 'unexpected-pass' | 'skipped';

export interface CaseRow {
  scenario: string;
  /** The scenario's one-line title, shown under its id. */
  scenarioTitle?: string;
  driver: string;
  seed: number;
  features: string[];
  level: RequirementLevel;
  status: CaseStatus;
  verdict?: string;
  violated: string[];
  title: string;
  /** First line of the failure, if any; for a skipped case, why it was skipped. */
  error?: string;
  /** Evidence files, relative to the reports directory. */
  evidence: Array<{ name: string; href: string }>;
}

export interface Totals {
  pass: number;
  fail: number;
  unknown: number;
  'expected-failure': number;
  'unexpected-pass': number;
  skipped: number;
}

export interface Matrix {
  version: 1;
  status: 'complete' | 'empty';
  scenarios: string[];
  drivers: string[];
  cases: CaseRow[];
  totals: Totals;
  byFeature: Record<string, Totals>;
  byLevel: Record<string, Totals>;
}

const WORST: CaseStatus[] = ['fail', 'unexpected-pass', 'unknown', 'skipped', 'expected-failure', 'pass'];

export const STATUS_STYLE: Record<CaseStatus, { colour: string; text: string }> = {
  pass: { colour: '#2da44e', text: 'pass' },
  fail: { colour: '#cf222e', text: 'FAIL' },
  unknown: { colour: '#bf8700', text: 'unknown' },
  'expected-failure': { colour: '#8250df', text: 'expected failure' },
  'unexpected-pass': { colour: '#a40e26', text: 'UNEXPECTED PASS' },
  skipped: { colour: '#8c959f', text: 'skipped' },
};

const zero = (): Totals => ({ pass: 0, fail: 0, unknown: 0, 'expected-failure': 0, 'unexpected-pass': 0, skipped: 0 });
const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function worstStatus(statuses: readonly CaseStatus[]): CaseStatus {
  for (const s of WORST) if (statuses.includes(s)) return s;
  return 'skipped';
}

export function buildMatrix(rows: readonly CaseRow[]): Matrix {
  const cases = [...rows].sort((a, b) => cmp(a.scenario, b.scenario) || cmp(a.driver, b.driver) || a.seed - b.seed);
  const totals = zero();
  const byFeature: Record<string, Totals> = {};
  const byLevel: Record<string, Totals> = {};
  for (const c of cases) {
    totals[c.status]++;
    for (const f of c.features.length ? c.features : ['(none)']) (byFeature[f] ??= zero())[c.status]++;
    (byLevel[c.level] ??= zero())[c.status]++;
  }
  const sortKeys = <T>(o: Record<string, T>): Record<string, T> => Object.fromEntries(Object.entries(o).sort(([a], [b]) => cmp(a, b)));
  return {
    version: 1,
    status: cases.length ? 'complete' : 'empty',
    scenarios: [...new Set(cases.map((c) => c.scenario))].sort(cmp),
    drivers: [...new Set(cases.map((c) => c.driver))].sort(cmp),
    cases,
    totals,
    byFeature: sortKeys(byFeature),
    byLevel: sortKeys(byLevel),
  };
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function totalsTable(title: string, rows: Record<string, Totals>): string {
  const cols = Object.keys(STATUS_STYLE) as CaseStatus[];
  const head = `<tr><th>${esc(title)}</th>${cols.map((c) => `<th>${esc(STATUS_STYLE[c].text)}</th>`).join('')}</tr>`;
  const body = Object.entries(rows)
    .map(([k, t]) => `<tr><td>${esc(k)}</td>${cols.map((c) => `<td class="n">${t[c] || ''}</td>`).join('')}</tr>`)
    .join('\n');
  return `<table class="totals">${head}\n${body}</table>`;
}

function seedLine(c: CaseRow): string {
  const svg = c.evidence.find((e) => e.name === 'sequence.svg') ?? c.evidence[0];
  const others = c.evidence.filter((e) => e !== svg).map((e) => `<a href="${esc(e.href)}">${esc(e.name.replace(/\.[a-z]+$/, ''))}</a>`);
  const why = c.violated.length ? ` violated: ${c.violated.join(', ')}` : c.error ? ` ${c.error}` : '';
  const seed = svg ? `<a href="${esc(svg.href)}">seed ${c.seed}</a>` : `seed ${c.seed}`;
  return `<div class="seed" title="${esc(`${c.title}${why}`)}">${seed} <span class="st">${esc(STATUS_STYLE[c.status].text)}</span>${why ? `<div class="why">${esc(why.trim())}</div>` : ''}${others.length ? `<div class="ev">${others.join(' · ')}</div>` : ''}</div>`;
}

/** A seed as a small chip linking to its sequence diagram, coloured by status. */
function seedChip(c: CaseRow): string {
  const svg = c.evidence.find((e) => e.name === 'sequence.svg') ?? c.evidence[0];
  const style = STATUS_STYLE[c.status];
  const title = esc(`seed ${c.seed}: ${style.text}${c.violated.length ? ` (violated: ${c.violated.join(', ')})` : ''}`);
  const viewer = c.evidence.find((e) => e.name === 'viewer.html');
  const body = (svg ? `<a href="${esc(svg.href)}">${c.seed}</a>` : String(c.seed)) + (viewer ? `<a class="play" href="${esc(viewer.href)}" title="replay seed ${c.seed}">▸</a>` : '');
  return `<span class="chip" style="border-color:${style.colour}" title="${title}">${body}</span>`;
}

// Seeds beyond this many are shown as chips, so a 20-seed cell stays one line high; only the
// seeds that need reading (fail, unknown, unexpected pass) keep their full line of evidence.
const CHIPS_FROM_SEEDS = 4;
const QUIET: readonly CaseStatus[] = ['pass', 'expected-failure', 'skipped'];

function cell(cases: CaseRow[]): string {
  if (cases.length === 0) return '<td class="missing">—</td>';
  const status = worstStatus(cases.map((c) => c.status));
  const style = STATUS_STYLE[status];
  let body: string;
  if (cases.length < CHIPS_FROM_SEEDS) {
    body = cases.map(seedLine).join('');
  } else {
    const caughtBy = [...new Set(cases.filter((c) => c.status === 'expected-failure').flatMap((c) => c.violated))];
    const loud = cases.filter((c) => !QUIET.includes(c.status));
    body =
      `<div class="chips">${cases.map(seedChip).join('')}</div>` +
      (caughtBy.length ? `<div class="why">caught by: ${esc(caughtBy.join(', '))}</div>` : '') +
      loud.map(seedLine).join('');
  }
  return `<td style="border-left:6px solid ${style.colour}"><b style="color:${style.colour}">${esc(style.text)}</b> <span class="n">${cases.length} seed${cases.length === 1 ? '' : 's'}</span>${body}</td>`;
}

/** Other reports beside the matrix, linked from its head when they exist (e.g. the flush lab). */
export interface MatrixLinks {
  flushDesigns?: string;
}

export function renderMatrixHtml(m: Matrix, links: MatrixLinks = {}): string {
  const legend = (Object.keys(STATUS_STYLE) as CaseStatus[])
    .map((s) => `<span class="lg" style="background:${STATUS_STYLE[s].colour}">${esc(STATUS_STYLE[s].text)}</span>`)
    .join(' ');
  const header = `<tr><th>scenario \\ driver</th>${m.drivers.map((d) => `<th>${esc(d)}</th>`).join('')}</tr>`;
  const rows = m.scenarios
    .map((s) => {
      const first = m.cases.find((c) => c.scenario === s);
      const titled = m.cases.find((c) => c.scenario === s && c.scenarioTitle);
      const title = titled?.scenarioTitle ? `<div class="title">${esc(titled.scenarioTitle)}</div>` : '';
      const meta = first ? `${title}<div class="meta">${esc(first.level)}${first.features.length ? ` · ${esc(first.features.join(', '))}` : ''}</div>` : '';
      return `<tr><th class="sc">${esc(s)}${meta}</th>${m.drivers.map((d) => cell(m.cases.filter((c) => c.scenario === s && c.driver === d))).join('')}</tr>`;
    })
    .join('\n');
  const t = m.totals;
  const summary = `${m.cases.length} cases: ${t.pass} pass, ${t.fail} fail, ${t.unknown} unknown, ${t['expected-failure']} expected failures, ${t['unexpected-pass']} unexpected passes, ${t.skipped} skipped`;
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>OCapN conformance</title>
<style>
body{font-family:system-ui,sans-serif;margin:20px;color:#24292f}
table{border-collapse:collapse;margin:12px 0}
th,td{border:1px solid #d0d7de;padding:4px 8px;vertical-align:top;font-size:13px}
th.sc{text-align:left;font-family:monospace}
td.n{text-align:right}
td.missing{color:#8c959f;text-align:center}
.meta{font-weight:normal;color:#57606a;font-size:11px}
.title{font-weight:normal;font-family:system-ui,sans-serif;font-size:12px;max-width:320px}
.seed{font-size:12px;margin-top:2px}.why{color:#cf222e;font-size:11px}.ev{font-size:11px}
.lg{color:white;padding:2px 6px;border-radius:3px;font-size:12px}
.play{text-decoration:none;margin-left:1px}.chips{margin-top:3px;max-width:260px}.chip{display:inline-block;border:1px solid;border-radius:3px;padding:0 3px;margin:1px;font-size:11px}.n{color:#57606a;font-size:11px}
</style></head><body>
<h1>OCapN conformance</h1>
<p>${esc(m.status === 'empty' ? 'No conformance case ran.' : summary)}</p>
<p>${legend}</p>
${links.flushDesigns ? `<p>The op:flush designs side by side (per scenario × design: order kept, frames, round trips, time to shorten): <a href="${esc(links.flushDesigns)}">flush-designs.html</a></p>\n` : ''}<table class="matrix">${header}
${rows}</table>
<h2>Totals per feature</h2>
${totalsTable('feature', m.byFeature)}
<h2>Totals per requirement level</h2>
${totalsTable('level', m.byLevel)}
<p>Open a cell's <b>seed</b> link (or numbered chip) for the sequence diagram, its <b>viewer</b> link (▸ on a chip) to replay the run frame by frame; <b>transcript</b>, <b>verdicts</b> and <b>replay</b> sit beside it in the same evidence folder.</p>
</body></html>
`;
}

/**
 * `reports/README.md`: what each artefact is and which to open first. Static on
 * purpose: the file is also committed (reports/ is otherwise git-ignored), so a run must leave
 * it byte-identical; counts live in conformance.html/json.
 */
export function renderReportsReadme(): string {
  return `# reports/ (generated, git-ignored but for this page)

Open **conformance.html** first: the drivers × scenarios matrix written by \`npm run conformance\`.
Each cell is the worst status over its seeds; each seed links to its evidence.

| path | what it is |
|---|---|
| \`conformance.html\` | the matrix, with totals per feature and per requirement level |
| \`conformance.json\` | the same data, for machines (\`cases[]\`: scenario, driver, seed, status, violated checks, evidence) |
| \`flush-designs.html\` | only after \`compare-flush\`: every op:flush design side by side per scenario (perRefFifo with witness, frames, round trips, long/short way, time to shorten); data in \`flush-designs.json\` |
| \`evidence/<scenario>/<driver>-seed-<n>/sequence.svg\` | the run as a sequence diagram: open this first for a failing case (beyond 600 rows, the first 400 and last 150 are drawn and one row summarises the rest) |
| \`…/viewer.html\` | the replay viewer: step through the run frame by frame with each node's tables and the decoded frame; one self-contained file (also \`npx ocapn-conformance view <folder>\`) |
| \`…/verdicts.json\` | every check's verdict, exercised count, witness and explanation line |
| \`…/transcript.json\` | the canonical transcript (one event per line; same format as the goldens) |
| \`…/sequence.md\` | the diagram as Mermaid, for pasting into an issue or PR |
| \`…/tables.json\` | each node's final tables (\`final\`) and every snapshot taken during the run (\`snapshots\`) |
| \`…/replay.txt\` | the command that replays the case headless |
| \`…/golden-diff.txt\` | only when the golden did not match: the full diff (the failure message shows the start) |
| \`playwright-html/\` | Playwright's HTML report: every test with its attachments |
| \`test-results.json\` | Playwright's JSON results (\`.ci/run\` counts from it) |
| \`test-output/\` | per-test output folders of the last Playwright run |

Statuses: pass; FAIL; unknown (passed, but a named check could not decide); expected failure (a
mutant driver caught as it must be); UNEXPECTED PASS (a mutant that no check caught — a failure).
`;
}
