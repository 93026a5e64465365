/**
 * The flush design lab's numbers: what one run of a scenario under one op:flush design cost and
 * whether it kept per-reference order, and the same summed over seeds, scenarios and designs,
 * rendered as `reports/flush-designs.json` and `.html` (`compare-flush`, harness/cli/commands/).
 * Pure: metrics come from the transcript and the case's check verdicts only.
 * Measures (per seed; the JSON Schema fixtures/schemas/flush-designs.schema.json states the shape):
 * - frames: frames written on the wire.
 * - roundTrips: fence exchanges whose sender waits for an answer — an `op:flush` answered by its
 *   `op:flush-done`, a shortener's `op:flush TO CONFIRM` answered by a settlement of CONFIRM, and
 *   every answered `withdraw-gift` (the handoff that opens the short path). A marker that
 *   travels one way costs none.
 * - longWay / shortWay: tagged application calls that reached the node finally handling them
 *   relayed by another node / straight from their sender.
 * - lastDeliveryMs: virtual time of the last tagged call's dispatch (else the last delivery).
 * - shortenedAtMs: virtual time the first answer to a withdraw-gift reached its receiver, i.e.
 *   when a holder first held the short reference; null when nothing was shortened.
 * Guarantees: output depends only on the runs given, in the order given (seeds ascending).
 */
import type { Verdict } from '../checks/verdict.js';
import { handoffFacts } from '../checks/handoff-facts.js';
import { indexTranscript } from '../checks/transcript-index.js';
import { asDesc, callTagOf, flushPositionOf, settlementOf } from '../checks/wire-facts.js';
import type { Transcript } from '../transcript/types.js';

export const FLUSH_LAB_VERSION = 1;

export interface SeedMetrics {
  seed: number;
  /** perRefFifo's verdict on this seed. */
  perRefFifo: 'holds' | 'violated' | 'unknown';
  /** Frames of the perRefFifo witness, when violated. */
  witnessFrames: number[];
  /** perRefFifo's explanation line. */
  perRefFifoText: string;
  /** The case failed its scenario's expectations for this design (checks, results, …). */
  failed: boolean;
  /** First failure line when failed. */
  failure?: string;
  frames: number;
  roundTrips: number;
  longWay: number;
  shortWay: number;
  lastDeliveryMs: number | null;
  shortenedAtMs: number | null;
}

export interface Stat {
  mean: number;
  min: number;
  max: number;
}

export interface DesignRow {
  design: string;
  /** The plan id the cases ran under (`<scenario>@<design>`). */
  planId: string;
  seedsRun: number;
  violatingSeeds: number;
  /** First violating seed: the seed, its witness frames and explanation. */
  witness: { seed: number; frames: number[]; explanation: string } | null;
  failedSeeds: number;
  firstFailure: { seed: number; line: string } | null;
  frames: Stat | null;
  roundTrips: Stat | null;
  longWay: Stat | null;
  shortWay: Stat | null;
  lastDeliveryMs: Stat | null;
  /** Over the seeds where the path was shortened (`shortenedSeeds` of them). */
  shortenedAtMs: Stat | null;
  shortenedSeeds: number;
  perSeed: SeedMetrics[];
}

export interface ScenarioRows {
  scenario: string;
  title: string;
  file: string;
  designs: DesignRow[];
}

export interface HeadlineRow {
  design: string;
  cases: number;
  violatingSeeds: number;
  failedSeeds: number;
  frames: number | null;
  roundTrips: number | null;
  shortenedAtMs: number | null;
}

export interface FlushLabReport {
  version: typeof FLUSH_LAB_VERSION;
  driver: string;
  seeds: number[];
  designs: string[];
  scenarios: ScenarioRows[];
  headline: HeadlineRow[];
}

/** Fence exchanges that were answered (see the module comment). */
export function roundTripsOf(t: Transcript): number {
  const index = indexTranscript(t);
  let n = 0;
  for (const f of index.sent) {
    if (!f.op || f.op.op !== 'op:flush') continue;
    const position = flushPositionOf(f.op, 'op:flush');
    if (position !== undefined) {
      if (index.sent.some((d) => d.connection === f.connection && d.source === f.target && d.seq > f.seq && d.op && flushPositionOf(d.op, 'op:flush-done') === position)) n++;
      continue;
    }
    const confirm = asDesc(f.op.confirm);
    if (confirm && index.sent.some((d) => d.connection === f.connection && d.source === f.target && d.seq > f.seq && d.op && settlementOf(d.op)?.resolver === confirm.position)) n++;
  }
  return n + handoffFacts(t).withdraws.filter((w) => w.answer).length;
}

/**
 * Tagged calls that reached the node that finally handled them from another node than their
 * sender (relayed: the long way) / straight from their sender (the short way). Judged per frame
 * into a final node — one that dispatched the call and did not forward it — so kickoffs that
 * number their calls alike still count one call per arriving frame.
 */
export function pathsOf(t: Transcript): { longWay: number; shortWay: number } {
  const key = (tag: { sender: string; ref: string; n: number }): string => `${tag.sender}|${tag.ref}|${tag.n}`;
  const dispatched = new Map<string, Set<string>>();
  const forwarded = new Map<string, Set<string>>();
  for (const e of t.events) {
    if (e.kind !== 'app' || !e.tag) continue;
    const into = e.event === 'call-dispatched' ? dispatched : e.event === 'call-forwarded' ? forwarded : undefined;
    if (!into) continue;
    const set = into.get(key(e.tag)) ?? new Set<string>();
    set.add(e.node);
    into.set(key(e.tag), set);
  }
  let longWay = 0;
  let shortWay = 0;
  for (const f of indexTranscript(t).sent) {
    const tag = f.op && callTagOf(f.op);
    if (!tag) continue;
    const k = key(tag);
    if (!dispatched.get(k)?.has(f.target) || forwarded.get(k)?.has(f.target)) continue;
    if (f.source === tag.sender) shortWay++;
    else longWay++;
  }
  return { longWay, shortWay };
}

export function seedMetrics(seed: number, t: Transcript, verdicts: readonly Verdict[], failures: readonly string[]): SeedMetrics {
  const fifo = verdicts.find((v) => v.name === 'perRefFifo');
  const dispatched = t.events.filter((e) => e.kind === 'app' && e.event === 'call-dispatched' && e.tag);
  const delivered = t.events.filter((e) => e.kind === 'frame' && e.phase === 'delivered');
  const last = dispatched.at(-1) ?? delivered.at(-1);
  const index = indexTranscript(t);
  const answered = handoffFacts(t)
    .withdraws.map((w) => (w.answer ? index.frames.get(w.answer.frame.frame)?.delivered?.atMs : undefined))
    .filter((ms): ms is number => ms !== undefined);
  return {
    seed,
    perRefFifo: fifo?.verdict ?? 'unknown',
    witnessFrames: fifo?.verdict === 'violated' ? [...(fifo.witness?.frames ?? [])] : [],
    perRefFifoText: fifo?.explanation ?? 'perRefFifo was not run',
    failed: failures.length > 0,
    ...(failures.length > 0 ? { failure: failures[0].split('\n')[0] } : {}),
    frames: index.sent.length,
    roundTrips: roundTripsOf(t),
    ...pathsOf(t),
    lastDeliveryMs: last ? last.atMs : null,
    shortenedAtMs: answered.length ? Math.min(...answered) : null,
  };
}

function stat(values: readonly (number | null)[]): Stat | null {
  const xs = values.filter((v): v is number => v !== null);
  if (xs.length === 0) return null;
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  return { mean: Math.round(mean * 100) / 100, min: Math.min(...xs), max: Math.max(...xs) };
}

export function designRow(design: string, planId: string, perSeed: SeedMetrics[]): DesignRow {
  const seeds = [...perSeed].sort((a, b) => a.seed - b.seed);
  const violating = seeds.filter((s) => s.perRefFifo === 'violated');
  const failed = seeds.filter((s) => s.failed);
  const shortened = seeds.filter((s) => s.shortenedAtMs !== null);
  return {
    design,
    planId,
    seedsRun: seeds.length,
    violatingSeeds: violating.length,
    witness: violating.length ? { seed: violating[0].seed, frames: violating[0].witnessFrames, explanation: violating[0].perRefFifoText } : null,
    failedSeeds: failed.length,
    firstFailure: failed.length ? { seed: failed[0].seed, line: failed[0].failure ?? 'failed' } : null,
    frames: stat(seeds.map((s) => s.frames)),
    roundTrips: stat(seeds.map((s) => s.roundTrips)),
    longWay: stat(seeds.map((s) => s.longWay)),
    shortWay: stat(seeds.map((s) => s.shortWay)),
    lastDeliveryMs: stat(seeds.map((s) => s.lastDeliveryMs)),
    shortenedAtMs: stat(shortened.map((s) => s.shortenedAtMs)),
    shortenedSeeds: shortened.length,
    perSeed: seeds,
  };
}

/** Per design, over every scenario: cases, violating and failed seeds, mean frames, round trips
 * and time to shorten (means of the per-seed values). */
export function headline(designs: readonly string[], scenarios: readonly ScenarioRows[]): HeadlineRow[] {
  return designs.map((design) => {
    const seeds = scenarios.flatMap((s) => s.designs.filter((d) => d.design === design).flatMap((d) => d.perSeed));
    const mean = (xs: (number | null)[]): number | null => stat(xs)?.mean ?? null;
    return {
      design,
      cases: seeds.length,
      violatingSeeds: seeds.filter((s) => s.perRefFifo === 'violated').length,
      failedSeeds: seeds.filter((s) => s.failed).length,
      frames: mean(seeds.map((s) => s.frames)),
      roundTrips: mean(seeds.map((s) => s.roundTrips)),
      shortenedAtMs: mean(seeds.map((s) => s.shortenedAtMs)),
    };
  });
}

export function buildFlushLabReport(driver: string, seeds: number[], designs: string[], scenarios: ScenarioRows[]): FlushLabReport {
  return { version: FLUSH_LAB_VERSION, driver, seeds, designs, scenarios, headline: headline(designs, scenarios) };
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const num = (n: number | null): string => (n === null ? '—' : String(n));
const statText = (s: Stat | null): string => (s === null ? '—' : s.min === s.max ? String(s.mean) : `${s.mean} <small>(${s.min}–${s.max})</small>`);

function fifoCell(d: DesignRow): string {
  if (d.seedsRun === 0) return '<td>—</td>';
  const unknown = d.perSeed.filter((s) => s.perRefFifo === 'unknown').length;
  if (d.violatingSeeds > 0) {
    const w = d.witness!;
    return `<td class="bad" title="${esc(w.explanation)}">violated in ${d.violatingSeeds}/${d.seedsRun}<br><small>seed ${w.seed}, frames ${w.frames.join(', ') || '—'}</small></td>`;
  }
  if (unknown === d.seedsRun) return `<td class="unk">unknown (${d.seedsRun})</td>`;
  return `<td class="ok">holds ${d.seedsRun - unknown}/${d.seedsRun}${unknown ? ` <small>(${unknown} unknown)</small>` : ''}</td>`;
}

export function renderFlushLabHtml(r: FlushLabReport): string {
  const head = r.headline
    .map((h) => `<tr><th>${esc(h.design)}</th><td>${h.cases}</td><td class="${h.violatingSeeds ? 'bad' : 'ok'}">${h.violatingSeeds}</td><td class="${h.failedSeeds ? 'bad' : 'ok'}">${h.failedSeeds}</td><td>${num(h.frames)}</td><td>${num(h.roundTrips)}</td><td>${num(h.shortenedAtMs)}</td></tr>`)
    .join('\n');
  const sections = r.scenarios
    .map((s) => {
      const rows = s.designs
        .map(
          (d) =>
            `<tr><th>${esc(d.design)}</th>${fifoCell(d)}<td class="${d.failedSeeds ? 'bad' : 'ok'}"${d.firstFailure ? ` title="${esc(`seed ${d.firstFailure.seed}: ${d.firstFailure.line}`)}"` : ''}>${d.failedSeeds}/${d.seedsRun}</td>` +
            `<td>${statText(d.frames)}</td><td>${statText(d.roundTrips)}</td><td>${statText(d.longWay)}</td><td>${statText(d.shortWay)}</td><td>${statText(d.lastDeliveryMs)}</td>` +
            `<td>${statText(d.shortenedAtMs)}${d.seedsRun ? ` <small>[${d.shortenedSeeds}/${d.seedsRun}]</small>` : ''}</td></tr>`,
        )
        .join('\n');
      return `<h2 id="${esc(s.scenario)}">${esc(s.scenario)}</h2>
<p>${esc(s.title)} <small>(${esc(s.file)})</small></p>
<table><thead><tr><th>design</th><th>perRefFifo</th><th>failed seeds</th><th>frames</th><th>round trips</th><th>long way</th><th>short way</th><th>last delivery (ms)</th><th>shortened at (ms)</th></tr></thead>
<tbody>
${rows}
</tbody></table>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>op:flush designs compared</title>
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#1f2328}
table{border-collapse:collapse;margin:.5em 0 1.5em}th,td{border:1px solid #d0d7de;padding:4px 8px;text-align:right}
th{background:#f6f8fa;text-align:left}td.ok{background:#dafbe1}td.bad{background:#ffebe9}td.unk{background:#fff8c5}
small{color:#59636e}
</style></head><body>
<h1>op:flush designs compared</h1>
<p>Driver <b>${esc(r.driver)}</b>, seeds ${esc(seedsText(r.seeds))}, designs ${esc(r.designs.join(', '))}. Each scenario ran under every design; numbers are means over seeds (min–max).
<b>round trips</b>: answered fence exchanges (op:flush → op:flush-done or confirmation) and answered withdraw-gift handoffs.
<b>long way / short way</b>: tagged calls that reached the node handling them relayed by another node / straight from their sender.
<b>shortened at</b>: virtual time the first holder received the short reference (over the seeds where that happened).
<b>failed seeds</b>: cases that failed the scenario's own expectations for that design. Data: flush-designs.json.</p>
<h2>Per design, over every scenario</h2>
<table><thead><tr><th>design</th><th>cases</th><th>perRefFifo violating seeds</th><th>failed seeds</th><th>frames</th><th>round trips</th><th>shortened at (ms)</th></tr></thead>
<tbody>
${head}
</tbody></table>
${sections}
</body></html>
`;
}

function seedsText(seeds: readonly number[]): string {
  const contiguous = seeds.every((s, i) => i === 0 || s === seeds[i - 1] + 1);
  return contiguous && seeds.length > 2 ? `${seeds[0]}..${seeds[seeds.length - 1]}` : seeds.join(', ');
}
