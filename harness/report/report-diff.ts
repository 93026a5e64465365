/**
 * What changed between two conformance reports (a regression in a new endo commit, a checker
 * change): cases newly failing, newly passing, other status changes, and failing cases whose
 * violated checks or witnesses changed. A case is (scenario, driver, seed). A failure is a FAIL
 * or an UNEXPECTED PASS; a case new in the later report that fails is a new failure too.
 * Spec anchor: wpt.fyi's run-to-run diffs. Pure: two reports in, a diff and its text out.
 */
import { FAILING, STATUS_STYLE, type CaseRow, type CaseStatus, type Matrix } from './matrix-model.js';

export interface CaseChange {
  key: string;
  from?: CaseStatus;
  to?: CaseStatus;
  /** One line: the violated checks or the failure, for the later report's case. */
  detail?: string;
}

export interface ReportDiff {
  newlyFailing: CaseChange[];
  newlyPassing: CaseChange[];
  otherChanges: CaseChange[];
  changedWitnesses: CaseChange[];
  added: number;
  removed: number;
}

export const caseKey = (c: Pick<CaseRow, 'scenario' | 'driver' | 'seed'>): string => `${c.scenario} [${c.driver}] seed ${c.seed}`;

const failing = (s: CaseStatus | undefined): boolean => s !== undefined && FAILING.includes(s);
const passing = (s: CaseStatus): boolean => s === 'pass' || s === 'expected-failure';

function witnessText(c: CaseRow): string {
  return [...c.violated]
    .sort()
    .map((name) => {
      const w = c.witnesses?.[name];
      const parts = [w?.frames?.length ? `frames ${w.frames.join(', ')}` : '', w?.events?.length ? `events ${w.events.join(', ')}` : ''].filter(Boolean);
      return `${name}${parts.length ? ` (${parts.join('; ')})` : ''}`;
    })
    .join(', ');
}

const detail = (c: CaseRow): string | undefined => (c.violated.length ? `violated: ${witnessText(c)}` : c.error);

export function diffReports(before: Matrix, after: Matrix): ReportDiff {
  const old = new Map(before.cases.map((c) => [caseKey(c), c]));
  const now = new Map(after.cases.map((c) => [caseKey(c), c]));
  const out: ReportDiff = { newlyFailing: [], newlyPassing: [], otherChanges: [], changedWitnesses: [], added: 0, removed: 0 };
  for (const [key, c] of now) {
    const was = old.get(key);
    if (!was) out.added++;
    const change: CaseChange = { key, ...(was ? { from: was.status } : {}), to: c.status, ...(detail(c) ? { detail: detail(c) } : {}) };
    if (failing(c.status) && !failing(was?.status)) out.newlyFailing.push(change);
    else if (was && failing(was.status) && passing(c.status)) out.newlyPassing.push(change);
    else if (was && was.status !== c.status) out.otherChanges.push(change);
    else if (was && c.violated.length + was.violated.length > 0 && witnessText(c) !== witnessText(was)) {
      out.changedWitnesses.push({ key, from: was.status, to: c.status, detail: `${witnessText(was) || 'nothing violated'} → ${witnessText(c) || 'nothing violated'}` });
    }
  }
  for (const key of old.keys()) if (!now.has(key)) out.removed++;
  return out;
}

const st = (s: CaseStatus | undefined): string => (s ? STATUS_STYLE[s].text : 'new case');

/** The diff as text: a section per kind of change (empty ones left out), then a count line. */
export function formatDiff(d: ReportDiff): string {
  const lines: string[] = [];
  const section = (title: string, changes: CaseChange[]) => {
    if (changes.length === 0) return;
    lines.push(`${title} (${changes.length}):`);
    for (const c of changes) lines.push(`  ${c.key}: ${st(c.from)} → ${st(c.to)}${c.detail ? ` — ${c.detail}` : ''}`);
  };
  section('newly failing', d.newlyFailing);
  section('newly passing', d.newlyPassing);
  section('changed witnesses', d.changedWitnesses);
  section('other status changes', d.otherChanges);
  lines.push(
    `${d.newlyFailing.length} newly failing, ${d.newlyPassing.length} newly passing, ${d.changedWitnesses.length} changed witnesses, ${d.otherChanges.length} other changes; ${d.added} cases added, ${d.removed} removed`,
  );
  return lines.join('\n');
}
