/**
 * Plan expectations against a transcript: the scenario's own `expect` (call and flush results,
 * table shapes after a step and at the end, marks that must be hit) judged the way checkers
 * judge properties — one verdict per expectation, with an explanation line a reader follows.
 * Spec anchor: scenarios/README.md (`expect`).
 * View: the transcript's outcome, its `tables` events and its node `mark` events.
 * Guarantees: pure; one verdict per expected result / table / mark, in plan order (`unknown`
 * when the run gives no way to evaluate it: the judge fails the case on it); `sometimes`
 * is NOT judged here per case (it needs every seed) — `sometimesHits` reports what one case hit.
 *
 * Break reasons: the plan speaks of categories; a result carries the one its node gave (the
 * reference node), else break-rules.ts reads its message (the driver of the node that recorded it).
 */
import { breakCategories, categoriseBreak } from './break-rules.js';
import type { JsonValue, PlanExpect, PlanResult, PlanSessionCount, PlanStep, PlanTableRow, PlanTables } from '../scenario/plan.js';
import { hasReferences, identifyReferences, silentExporters } from './reference-identity.js';
import type { TableSnapshot, Transcript } from '../transcript/types.js';
import type { Verdict } from './verdict.js';

/** The driver of the node that recorded `kickoff`'s settlement: its break wording applies. */
export function resultDriver(transcript: Transcript, kickoff: string): string | undefined {
  const settled = transcript.events.find((e) => e.kind === 'app' && e.event === 'settled' && e.kickoff === kickoff);
  const node = settled?.kind === 'app' ? settled.node : undefined;
  // Hand-built transcripts (unit tests) may list no nodes: the case's driver then.
  return (transcript.nodes ?? []).find((n) => n.name === node)?.driver ?? transcript.header?.driver;
}

export interface ExpectationContext {
  /** Break messages the scenario's own apps produce (thrower message, holder breakWith). */
  appMessages: readonly string[];
  /** Every mark some node can emit; when given, a mark outside it cannot be judged (never "just
   * not hit"). Undefined: unknown vocabulary, a missing mark is only "never hit". */
  knownMarks?: readonly string[];
}

const verdict = (name: string, ok: boolean, detail: string): Verdict => ({
  name,
  verdict: ok ? 'holds' : 'violated',
  exercised: 1,
  explanation: `${name} ${ok ? 'holds' : 'violated'}: ${detail}`,
});

/** An expectation the run gives no way to evaluate: the case fails on it, with the reason. */
const cannotJudge = (name: string, detail: string): Verdict => ({
  name,
  verdict: 'unknown',
  exercised: 0,
  explanation: `${name} cannot be judged: ${detail}`,
});

const show = (v: unknown): string => (v === undefined ? 'nothing' : JSON.stringify(v));

function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === (b as unknown[]).length && a.every((x, i) => sameJson(x, (b as unknown[])[i]));
  const ka = Object.keys(a).sort();
  const kb = Object.keys(b as object).sort();
  return sameJson(ka, kb) && ka.every((k) => sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

export function judgeResult(expected: PlanResult, transcript: Transcript, context: ExpectationContext): Verdict {
  const name = `result ${expected.name}`;
  const recorded = transcript.outcome.results[expected.name];
  if (!recorded) return verdict(name, false, `no outcome recorded for "${expected.name}"`);
  // `{ $ref: node.object }` in the expected value: the recorded presences are named by the object
  // they designate (followed through the exporters' export-added events), then compared.
  const actual =
    expected.kind === 'fulfilled' && recorded.outcome === 'fulfilled' && hasReferences(expected.value)
      ? { ...recorded, value: identifyReferences(recorded.value, expected.name, transcript) }
      : recorded;
  if (actual !== recorded) {
    const silent = silentExporters(actual.value, transcript);
    if (silent.length > 0) return cannotJudge(name, `${silent.join(', ')} named none of its exports (no export-added event with an object), so ${show(recorded.value)} cannot be followed to the object it designates`);
  }
  switch (expected.kind) {
    case 'pending':
      return verdict(name, actual.outcome === 'pending', `expected pending, got ${describeOutcome(actual, context, resultDriver(transcript, expected.name))}`);
    case 'fulfilled':
      return verdict(
        name,
        actual.outcome === 'fulfilled' && sameJson(actual.value ?? null, expected.value as JsonValue),
        `expected fulfilled with ${show(expected.value)}, got ${describeOutcome(actual, context, resultDriver(transcript, expected.name))}`,
      );
    case 'broken': {
      const categories = breakCategories(actual, context.appMessages, resultDriver(transcript, expected.name));
      const ok = actual.outcome === 'broken' && categories.some((c) => expected.reasons.includes(c));
      return verdict(name, ok, `expected broken with ${expected.reasons.join(' | ')}, got ${describeOutcome(actual, context, resultDriver(transcript, expected.name))}`);
    }
  }
}

function describeOutcome(actual: Transcript['outcome']['results'][string], context: ExpectationContext, driver: string | undefined): string {
  if (actual.outcome === 'fulfilled') return `fulfilled with ${show(actual.value)}`;
  if (actual.outcome === 'pending') return 'pending';
  const category = categoriseBreak(actual, context.appMessages, driver);
  return `broken (${category ?? 'uncategorised'}: ${show(actual.reason)})`;
}

const TABLES = ['exports', 'imports', 'answers', 'questions', 'gifts'] as const;

/** `1 row(s)`, or `rows 4..9` when the expectation has ranges or `*`. */
function describeRows(rows: PlanTableRow[]): string {
  if (rows.every((r) => !r.every && r.through === undefined)) return `${rows.length} row(s)`;
  return `rows ${rows.map((r) => (r.every ? '*' : r.through !== undefined ? `${r.position}..${r.through}` : String(r.position))).join(', ')}`;
}

function rowText(r: PlanTableRow): string {
  const parts = [r.every ? 'every row' : r.through !== undefined ? `positions ${r.position}..${r.through}` : `position ${r.position}`];
  if (r.kind !== null) parts.push(r.kind);
  if (r.refcount !== null) parts.push(`refcount ${r.refcount}`);
  if (r.resolved !== null) parts.push(r.resolved ? 'resolved' : 'unresolved');
  if (r.same) parts.push(`same ${r.same.fields.join('/')} as "${r.same.as}"`);
  if (r.replaced !== undefined) parts.push(r.replaced ? 'replaced' : 'never replaced');
  return `{${parts.join(', ')}}`;
}

function entryText(e: TableSnapshot['sessions'][number]['exports'][number]): string {
  const resolved = e.resolved === undefined ? '' : e.resolved ? ', resolved' : ', unresolved';
  return `{position ${e.position}, ${e.kind}, refcount ${e.refcount}${resolved}}`;
}

const rowsText = (rows: ReadonlyArray<TableSnapshot['sessions'][number]['exports'][number]>): string => rows.map(entryText).join(', ') || 'none';

/** What rows that speak relative to other moments (`same`, `replaced`) are judged against. */
export interface RelativeTables {
  /** `node`'s snapshot taken by the expect step named `name`. */
  earlier(name: string, node: string): TableSnapshot | undefined;
  /** Whether `node` reported `export-replaced` for (peer, position) by the time of this snapshot. */
  replaced(node: string, peer: string, position: number): boolean;
}

type Table = (typeof TABLES)[number];
type Row = TableSnapshot['sessions'][number]['exports'][number];

const fieldOf = (row: Row, field: 'kind' | 'refcount' | 'resolved'): unknown => (field === 'resolved' ? (row.resolved ?? false) : row[field]);

/** The difference a `same` / `replaced` row finds at `position`, or undefined. */
function relativeDifference(expected: PlanTables, table: Table, want: PlanTableRow, position: number, got: Row, relative: RelativeTables | undefined): string | undefined {
  if (want.same && relative) {
    const before = relative.earlier(want.same.as, expected.node);
    const session = before?.sessions.find((s) => s.peer === expected.peer);
    if (!before) return `no snapshot "${want.same.as}" of ${expected.node} to compare with`;
    if (!session) return `${expected.node} had no session with ${expected.peer} at "${want.same.as}"`;
    const then = session[table].find((e) => e.position === position);
    if (!then) return `no row at position ${position} at "${want.same.as}" to compare with (rows then: ${rowsText(session[table])})`;
    const changed = want.same.fields.filter((f) => fieldOf(then, f) !== fieldOf(got, f));
    if (changed.length > 0) {
      return `changed since "${want.same.as}": ${changed.map((f) => `${f} ${String(fieldOf(then, f))} then, ${String(fieldOf(got, f))} now`).join('; ')}`;
    }
  }
  if (want.replaced !== undefined && relative) {
    const was = relative.replaced(expected.node, expected.peer, position);
    if (was !== want.replaced) {
      return want.replaced
        ? `expected a fresh promise in the slot, but ${expected.node} never reported export-replaced for it`
        : `expected the slot never replaced, but ${expected.node} reported export-replaced for it`;
    }
  }
  return undefined;
}

/** Compares one expected table shape with a node's snapshot; returns the first difference. */
export function tableDifference(expected: PlanTables, snapshot: TableSnapshot | undefined, relative?: RelativeTables): string | undefined {
  if (!snapshot) return `no table snapshot of ${expected.node}`;
  const session = snapshot.sessions.find((s) => s.peer === expected.peer);
  if (expected.session === 'closed') return session ? `${expected.node} still has a session with ${expected.peer}` : undefined;
  if (!session) return `${expected.node} has no session with ${expected.peer}`;
  for (const table of TABLES) {
    const rows = expected[table];
    if (rows === null) continue;
    const actual = session[table];
    for (const want of rows) {
      // A range names every position in it; `*` every row there is; otherwise one position.
      const positions = want.every ? actual.map((e) => e.position) : Array.from({ length: (want.through ?? want.position) - want.position + 1 }, (_, i) => want.position + i);
      const where = want.every ? ' (in *)' : want.through !== undefined ? ` (in ${want.position}..${want.through})` : '';
      for (const position of positions) {
        const got = actual.find((e) => e.position === position);
        if (!got) return `${table}: no row at position ${position}${where} (rows: ${rowsText(actual)})`;
        const kindOk = want.kind === null || got.kind === want.kind;
        const countOk = want.refcount === null || got.refcount === want.refcount;
        const resolvedOk = want.resolved === null || (got.resolved ?? false) === want.resolved;
        if (!kindOk || !countOk || !resolvedOk) {
          return `${table} position ${position}${where}: expected ${rowText(want)}, got {${got.kind}, refcount ${got.refcount}${got.resolved === undefined ? '' : got.resolved ? ', resolved' : ', unresolved'}}`;
        }
        const relativeOff = relativeDifference(expected, table, want, position, got, relative);
        if (relativeOff) return `${table} position ${position}${where}: ${relativeOff}`;
      }
    }
    const covered = (position: number) => rows.some((r) => r.every || (position >= r.position && position <= (r.through ?? r.position)));
    const extra = actual.filter((e) => !covered(e.position));
    if ((expected.exact || expected.only?.includes(table)) && extra.length > 0) {
      return `${table}: expected exactly ${describeRows(rows)}, got ${actual.length} (unexpected: ${rowsText(extra)})`;
    }
  }
  return undefined;
}

/** The last snapshot of `node` taken under `label` (`end`, `step 3`). */
function snapshotOf(transcript: Transcript, node: string, label: string): TableSnapshot | undefined {
  return snapshotEventOf(transcript, node, label)?.snapshot;
}

function snapshotEventOf(transcript: Transcript, node: string, label: string): { snapshot: TableSnapshot; seq: number } | undefined {
  let found: { snapshot: TableSnapshot; seq: number } | undefined;
  for (const e of transcript.events) if (e.kind === 'tables' && e.label === label && e.snapshot.node === node) found = { snapshot: e.snapshot, seq: e.seq };
  return found;
}

/** Relative facts as they stood at the snapshot taken at `seq`; `names` maps step names to indexes. */
function relativeAt(transcript: Transcript, names: ReadonlyMap<string, number>, seq: number): RelativeTables {
  return {
    earlier: (name, node) => {
      const index = names.get(name);
      return index === undefined ? undefined : snapshotOf(transcript, node, `step ${index}`);
    },
    replaced: (node, peer, position) =>
      transcript.events.some(
        (e) => e.seq < seq && e.kind === 'node' && e.node === node && e.event.type === 'export-replaced' && e.event.peer === peer && e.event.position === position,
      ),
  };
}

/** Names a row's `same` uses that the run took no snapshot of (for `node`). */
function missingBaselines(expected: PlanTables, transcript: Transcript, names: ReadonlyMap<string, number>): string[] {
  const wanted = new Set<string>();
  for (const table of TABLES) for (const row of expected[table] ?? []) if (row.same) wanted.add(row.same.as);
  return [...wanted].filter((name) => {
    const index = names.get(name);
    return index === undefined || !snapshotOf(transcript, expected.node, `step ${index}`);
  });
}

/** Whether `node` had a session with `peer` at any point of the run (event or snapshot). */
function everHadSession(transcript: Transcript, node: string, peer: string): boolean {
  return transcript.events.some(
    (e) =>
      (e.kind === 'node' && e.node === node && e.event.type === 'session-open' && e.event.peer === peer) ||
      (e.kind === 'tables' && e.snapshot.node === node && e.snapshot.sessions.some((s) => s.peer === peer)),
  );
}

/**
 * `label` finds the snapshot (`end`, `step 3`); `shown` names the expectation for a reader
 * (`end`, `step at file:line`). A snapshot the run never took, or `session: closed` between two
 * nodes that never had a session, cannot be judged: the case fails rather than pass vacuously.
 */
export function judgeTables(expected: PlanTables, transcript: Transcript, label: string, shown = label, names: ReadonlyMap<string, number> = new Map()): Verdict {
  const name = `tables ${expected.node}→${expected.peer} (${shown})`;
  const taken = snapshotEventOf(transcript, expected.node, label);
  if (!taken) return cannotJudge(name, `the run took no table snapshot of ${expected.node} at ${shown} (the node was down, or never started)`);
  const { snapshot } = taken;
  const missing = missingBaselines(expected, transcript, names);
  if (missing.length > 0) {
    return cannotJudge(name, `the run took no snapshot of ${expected.node} at ${missing.map((m) => `"${m}"`).join(', ')} to compare with (the node was down, or the step never ran)`);
  }
  if (expected.session === 'closed' && !everHadSession(transcript, expected.node, expected.peer)) {
    return cannotJudge(name, `${expected.node} never had a session with ${expected.peer} in this run, so "session: closed" proves nothing`);
  }
  const difference = tableDifference(expected, snapshot, relativeAt(transcript, names, taken.seq));
  return verdict(name, difference === undefined, difference ?? `as expected (${expected.exact ? 'exact' : 'at least these rows'})`);
}

/** Session facts: how many distinct sessions `node` opened with `peer` over the run. */
export function judgeSessions(expected: PlanSessionCount, transcript: Transcript): Verdict {
  const ids: string[] = [];
  for (const e of transcript.events) {
    if (e.kind !== 'node' || e.node !== expected.node || e.event.type !== 'session-open' || e.event.peer !== expected.peer) continue;
    if (!ids.includes(e.event.sessionId)) ids.push(e.event.sessionId);
  }
  const name = `sessions ${expected.node}→${expected.peer}`;
  const got = `${ids.length} session${ids.length === 1 ? '' : 's'}${ids.length ? ` (${ids.map((id) => id.slice(0, 8)).join(', ')})` : ''}`;
  return verdict(name, ids.length === expected.count, ids.length === expected.count ? got : `expected ${expected.count}, got ${got}`);
}

/** Node `mark` events of the transcript, by name. */
export function marksHit(transcript: Transcript): Set<string> {
  const out = new Set<string>();
  for (const e of transcript.events) if (e.kind === 'node' && e.event.type === 'mark') out.add(e.event.name);
  return out;
}

/** `file:line` of a plan location `file:line:col` (as written by the scenario loader). */
export function fileLine(where: string): string {
  return where.replace(/:\d+$/, '');
}

/** Why no node can emit `mark`, or undefined when it is known (or the vocabulary is not). */
export function unknownMark(mark: string, knownMarks: readonly string[] | undefined): string | undefined {
  if (!knownMarks || knownMarks.includes(mark)) return undefined;
  return `no node can emit mark "${mark}" (marks nodes emit: ${knownMarks.join(', ') || 'none'})`;
}

function judgeMark(mark: string, hit: ReadonlySet<string>, knownMarks: readonly string[] | undefined): Verdict {
  const name = `mark ${mark}`;
  if (hit.has(mark)) return verdict(name, true, 'hit');
  const impossible = unknownMark(mark, knownMarks);
  if (impossible) return cannotJudge(name, impossible);
  return verdict(name, false, `never hit (marks hit: ${[...hit].join(', ') || 'none'})`);
}

/** Which of the plan's `sometimes` entries this one case hit (by `kind:name`). */
export function sometimesHits(expect: PlanExpect, transcript: Transcript, violatedChecks: ReadonlySet<string> = new Set()): string[] {
  const marks = marksHit(transcript);
  const labels = new Set<string>();
  for (const e of transcript.events) if (e.kind === 'frame' && e.phase === 'sent' && e.op) labels.add(e.op.op);
  const hit = (s: PlanExpect['sometimes'][number]): boolean => (s.kind === 'mark' ? marks.has(s.name) : s.kind === 'frame' ? labels.has(s.name) : violatedChecks.has(s.name));
  return expect.sometimes.filter(hit).map((s) => `${s.kind}:${s.name}`);
}

/** Checks the plan expects to be violated in some seed (`sometimes: {violated}`): they are run
 * for the record but never fail a case of that plan. */
export function expectedViolations(expect: PlanExpect): string[] {
  return expect.sometimes.filter((s) => s.kind === 'violated').map((s) => s.name);
}

/** Every expectation of the plan (final `expect` and `expect` steps), in plan order. */
export function judgeExpectations(
  plan: { expect: PlanExpect; steps: PlanStep[] },
  transcript: Transcript,
  context: ExpectationContext,
): Verdict[] {
  const out: Verdict[] = [];
  const names = new Map<string, number>();
  for (const step of plan.steps) if (step.kind === 'expect' && step.name !== undefined) names.set(step.name, step.index);
  for (const step of plan.steps) {
    if (step.kind !== 'expect') continue;
    // Snapshots are labelled by index in the recording; a reader finds the step by file:line.
    const shown = `step at ${fileLine(step.where)}`;
    for (const r of step.results) out.push(judgeResultAt(r, transcript, context, shown, step.index));
    for (const t of step.tables) out.push(judgeTables(t, transcript, `step ${step.index}`, shown, names));
  }
  for (const r of plan.expect.results) out.push(judgeResult(r, transcript, context));
  for (const t of plan.expect.tables) out.push(judgeTables(t, transcript, 'end', 'end', names));
  for (const s of plan.expect.sessions ?? []) out.push(judgeSessions(s, transcript));
  const marks = marksHit(transcript);
  for (const m of plan.expect.marks) out.push(judgeMark(m, marks, context.knownMarks));
  return out;
}

/**
 * A result named in an `expect` step is judged as it stood when the step ran: the outcome is
 * rebuilt from the `settled` app events recorded before the step's own `step` event (the
 * recording's `outcome` holds only end-of-run results). A kickoff with several sends counts as
 * settled once every send is, as the simulation does.
 */
function judgeResultAt(r: PlanResult, transcript: Transcript, context: ExpectationContext, label: string, index: number): Verdict {
  const stepEvent = transcript.events.find((e) => e.kind === 'step' && e.index === index);
  const before = stepEvent?.seq ?? Infinity;
  const settled = transcript.events.flatMap((e) => (e.kind === 'app' && e.event === 'settled' && e.kickoff === r.name && e.seq < before ? [e] : []));
  const endResult = transcript.outcome.results[r.name];
  const sends = transcript.events.filter((e) => e.kind === 'app' && e.event === 'call-originated' && e.kickoff === r.name).length;
  const broken = settled.find((e) => e.outcome === 'broken');
  const all = settled.length > 0 && settled.length >= Math.max(1, sends);
  const atStep: Transcript['outcome']['results'][string] | undefined = !endResult
    ? undefined
    : broken
      ? { outcome: 'broken', reason: broken.reason ?? (typeof broken.value === 'string' ? broken.value : undefined) }
      : all
        ? { outcome: 'fulfilled', value: settled[settled.length - 1].value }
        : { outcome: 'pending' };
  const view: Transcript = { ...transcript, outcome: { ...transcript.outcome, results: atStep ? { [r.name]: atStep } : {} } };
  const v = judgeResult(r, view, context);
  return { ...v, name: `${v.name} (${label})`, explanation: v.explanation.replace(`${v.name} `, `${v.name} (${label}) `) };
}
