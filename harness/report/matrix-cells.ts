/**
 * The matrix's cells: a case's seeds as lines (few seeds) or chips (many), each linking to its
 * sequence diagram and its replay viewer; a scenario's designs as one compact group per cell.
 */
import { STATUS_STYLE, splitDesign, worstStatus, type CaseRow, type CaseStatus } from './matrix-model.js';

export const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const firstEvidence = (c: CaseRow) => c.evidence.find((e) => e.name === 'sequence.svg') ?? c.evidence[0];

function seedLine(c: CaseRow): string {
  const svg = firstEvidence(c);
  const others = c.evidence.filter((e) => e !== svg).map((e) => `<a href="${esc(e.href)}">${esc(e.name.replace(/\.[a-z]+$/, ''))}</a>`);
  const why = c.violated.length ? ` violated: ${c.violated.join(', ')}` : c.error ? ` ${c.error}` : '';
  const seed = svg ? `<a href="${esc(svg.href)}">seed ${c.seed}</a>` : `seed ${c.seed}`;
  return `<div class="seed" title="${esc(`${c.title}${why}`)}">${seed} <span class="st">${esc(STATUS_STYLE[c.status].text)}</span>${why ? `<div class="why">${esc(why.trim())}</div>` : ''}${others.length ? `<div class="ev">${others.join(' · ')}</div>` : ''}</div>`;
}

/** A seed as a small chip linking to its sequence diagram, coloured by status. */
export function seedChip(c: CaseRow): string {
  const svg = firstEvidence(c);
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

/** The seeds of one (scenario, driver): full lines when few, chips plus the loud ones when many
 * (`chipsAlways`: chips however few; `caught`: say which checks caught a mutant's seeds). */
export function seedsBody(cases: readonly CaseRow[], chipsAlways = false, caught = true): string {
  if (cases.length < CHIPS_FROM_SEEDS && !chipsAlways) return cases.map(seedLine).join('');
  const caughtBy = caught ? [...new Set(cases.filter((c) => c.status === 'expected-failure').flatMap((c) => c.caughtBy ?? c.violated))] : [];
  const loud = cases.filter((c) => !QUIET.includes(c.status));
  return (
    `<div class="chips">${cases.map(seedChip).join('')}</div>` +
    (caughtBy.length ? `<div class="why">caught by: ${esc(caughtBy.join(', '))}</div>` : '') +
    loud.map(seedLine).join('')
  );
}

const badge = (status: CaseStatus): string => `<b style="color:${STATUS_STYLE[status].colour}">${esc(STATUS_STYLE[status].text)}</b>`;
const seedCount = (n: number): string => `<span class="n">${n} seed${n === 1 ? '' : 's'}</span>`;

/** A skip reason's lead (`driver endo lacks feature(s) gc`), the whole of it on hover. */
function skipReasons(cases: readonly CaseRow[]): string {
  const reasons = [...new Set(cases.map((c) => c.error ?? 'skipped'))];
  const leads = [...new Set(reasons.map((r) => r.split(': ')[0]))];
  return `<div class="skip" title="${esc(reasons.join('\n'))}">${leads.map(esc).join('<br>')}</div>`;
}

/** One design of a grouped cell: its name, status and seeds as chips, all on one line. */
function designLine(design: string, cases: readonly CaseRow[]): string {
  const status = worstStatus(cases.map((c) => c.status));
  const skipped = cases.every((c) => c.status === 'skipped') ? skipReasons(cases) : seedsBody(cases, true);
  return `<div class="design" style="border-left-color:${STATUS_STYLE[status].colour}"><span class="dz">${esc(design)}</span> ${badge(status)} ${status === 'skipped' ? '' : seedCount(cases.length)}${skipped}</div>`;
}

/** A matrix cell: the cases of one scenario on one driver (every design of it, when it has some). */
export function cell(cases: readonly CaseRow[]): string {
  if (cases.length === 0) return '<td class="missing">—</td>';
  const status = worstStatus(cases.map((c) => c.status));
  const style = STATUS_STYLE[status];
  const designs = [...new Set(cases.map((c) => splitDesign(c.scenario).design ?? ''))];
  const grouped = designs.length > 1 || designs[0] !== '';
  // Nothing ran: one line of why, not one per seed or design.
  if (cases.every((c) => c.status === 'skipped')) return `<td style="border-left:6px solid ${style.colour}">${badge(status)} <span class="n">${grouped ? `${designs.length} designs` : `${cases.length} seed${cases.length === 1 ? '' : 's'}`}</span>${skipReasons(cases)}</td>`;
  const body = grouped ? designs.map((d) => designLine(d || '(base)', cases.filter((c) => (splitDesign(c.scenario).design ?? '') === d))).join('') : seedsBody(cases);
  const count = grouped ? `<span class="n">${designs.length} designs</span>` : seedCount(cases.length);
  return `<td style="border-left:6px solid ${style.colour}">${badge(status)} ${count}${body}</td>`;
}
