/**
 * Byte witnesses of endo's findings (drivers/endo/findings.ts): for each, the minimal standalone scenario
 * (its scenario cut down to the one kickoff whose result the defect spoils, plus what that
 * kickoff and the steps need), and, from a real run of it, every frame written after the
 * handshake — exact bytes in hex and the decoded form — with the spoiled result's verdict and
 * what endo logged. `npx ocapn-conformance findings --witness` runs them (cli/commands/findings.ts);
 * this module is the pure part: cutting the plan, reading a run, formatting it.
 * Guarantees: a witness is only ever built from a recorded run (bytes from the recording, decoded
 * form from its transcript), never typed in; a finding whose result is not violated in the run
 * is reported `absent`, with its frames all the same.
 */
import type { CaseJudgement } from './judge.js';
import type { Plan } from '../scenario/plan.js';
import type { Recording } from '../sim/recording.js';
import type { EndoFinding } from '../drivers/endo/findings.js';

/** Kickoffs `name` needs: itself and, transitively, the kickoffs whose answers it targets. */
function neededKickoffs(plan: Plan, name: string, out = new Set<string>()): Set<string> {
  if (out.has(name)) return out;
  out.add(name);
  const k = plan.kickoffs.find((x) => x.name === name);
  if (k?.target.kind === 'result') neededKickoffs(plan, k.target.kickoff, out);
  return out;
}

/** Kickoff names a step mentions (a `kickoff` step, a `settled` wait, a release of an answer). */
function kickoffsOfSteps(plan: Plan): string[] {
  const names = new Set(plan.kickoffs.map((k) => k.name));
  return [...new Set(plan.steps.flatMap((s) => [...JSON.stringify(s).matchAll(/"([^"]+)"/g)].map((m) => m[1]).filter((v) => names.has(v))))];
}

/** The minimal case's scenario id: `finding-<id>-<scenario>`. */
export function minimalId(finding: Pick<EndoFinding, 'id' | 'scenario'>): string {
  return `finding-${finding.id.replace(/\W/g, '').toLowerCase()}-${finding.scenario}`;
}

/** The finding's scenario cut to what its spoiled result needs (nodes and apps kept as they are). */
export function minimalPlan(plan: Plan, finding: Pick<EndoFinding, 'id' | 'result'>): Plan {
  if (!plan.kickoffs.some((k) => k.name === finding.result)) throw new Error(`${finding.id}: scenario ${plan.id} has no kickoff ${finding.result}`);
  const keep = neededKickoffs(plan, finding.result);
  for (const name of kickoffsOfSteps(plan)) neededKickoffs(plan, name, keep);
  return {
    ...plan,
    id: minimalId({ id: finding.id, scenario: plan.id }),
    kickoffs: plan.kickoffs.filter((k) => keep.has(k.name)),
    expect: { ...plan.expect, golden: false, results: plan.expect.results.filter((r) => keep.has(r.name)) },
  };
}

export interface WitnessFrame {
  frame: number;
  source: string;
  target: string;
  label: string;
  length: number;
  hex: string;
  decoded: unknown;
}

export interface Witness {
  finding: string;
  column: string;
  /** present: the spoiled result's expectation is violated in this run. */
  status: 'present' | 'absent';
  /** The expectation's verdict text for the spoiled result. */
  result: string;
  frames: WitnessFrame[];
  /** What endo logged as errors (`endo:error` marks), in order. */
  endoErrors: string[];
}

/** Reads a judged run: the frames after the handshake (with it, for a finding in the
 * handshake), the result's verdict, endo's errors. */
export function witnessOf(finding: Pick<EndoFinding, 'id' | 'result' | 'handshake' | 'verdict'>, column: string, recording: Recording, j: Pick<CaseJudgement, 'transcript' | 'expectations'>): Witness {
  const bytes = new Map<number, string>();
  for (const e of recording.events) if (e.kind === 'frame' && e.phase === 'sent' && e.bytesHex !== undefined) bytes.set(e.frame, e.bytesHex);
  const frames: WitnessFrame[] = [];
  for (const e of j.transcript.events) {
    if (e.kind !== 'frame' || e.phase !== 'sent') continue;
    const label = e.op?.op ?? 'undecodable';
    if (label === 'op:start-session' && !finding.handshake) continue;
    frames.push({ frame: e.frame, source: e.source, target: e.target, label, length: e.length, hex: bytes.get(e.frame) ?? e.hex ?? '', decoded: e.op ?? { decodeError: e.decodeError } });
  }
  const verdict = j.expectations.find((v) => v.name === (finding.verdict ?? `result ${finding.result}`));
  const endoErrors = j.transcript.events.flatMap((e) => (e.kind === 'node' && e.event.type === 'mark' && e.event.name === 'endo:error' ? [`${e.node}: ${e.event.detail ?? ''}`] : []));
  return {
    finding: finding.id,
    column,
    status: verdict?.verdict === 'violated' ? 'present' : 'absent',
    result: verdict ? `${verdict.verdict}: ${verdict.explanation}` : `no expectation for result ${finding.result}`,
    frames,
    endoErrors,
  };
}

/** Hex in groups of 16 bytes, so a reader can count offsets. */
export function hexLines(hex: string): string[] {
  const lines: string[] = [];
  for (let i = 0; i < hex.length; i += 32) lines.push((hex.slice(i, i + 32).match(/../g) ?? []).join(' '));
  return lines;
}

/** Syrup bytes as text where printable (Syrup is mostly ASCII: labels, lengths, strings). */
export function syrupText(hex: string): string {
  return (hex.match(/../g) ?? []).map((h) => {
    const b = parseInt(h, 16);
    return b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : `\\x${h}`;
  }).join('');
}

/** One finding's witnesses (one per column) as Markdown. */
export function formatWitnesses(finding: EndoFinding, minimalFile: string, witnesses: readonly Witness[]): string {
  const out = [`## ${finding.id} — ${finding.title}`, '', `- minimal scenario: \`${minimalFile}\` (replay: \`npx ocapn-conformance run ${minimalFile} --driver <column>\`)`, `- spec: ${finding.spec}`];
  out.push(`- reproduces at: ${witnesses.filter((w) => w.status === 'present').map((w) => w.column).join(', ') || 'none of the columns run'}${witnesses.some((w) => w.status === 'absent') ? `; absent at ${witnesses.filter((w) => w.status === 'absent').map((w) => w.column).join(', ')}` : ''}`);
  const bytesOf = (w: Witness) => w.frames.map((f) => `${f.source}>${f.target}:${f.hex}`).join(' ');
  for (const [i, w] of witnesses.entries()) {
    out.push('', `### ${w.column}: ${w.status}`, '', `result ${finding.result}: ${w.result}`);
    if (w.endoErrors.length > 0) out.push('', 'endo logged:', ...w.endoErrors.map((e) => `- ${e}`));
    if (w.frames.length === 0) out.push('', `no frame${finding.handshake ? '' : ' after the handshake'} was written.`);
    // Checkouts that wrote the very same bytes are not shown twice.
    const same = witnesses.slice(0, i).find((earlier) => bytesOf(earlier) === bytesOf(w) && w.frames.length > 0);
    if (same) {
      out.push('', `the same ${w.frames.length} frames, byte for byte, as ${same.column}.`);
      continue;
    }
    for (const f of w.frames) {
      out.push('', `frame ${f.frame}, ${f.source} → ${f.target}, ${f.label}, ${f.length} bytes:`, '', '```', ...hexLines(f.hex), '```', '', 'as Syrup text:', '', '```', syrupText(f.hex), '```', '', 'decoded:', '', '```json', JSON.stringify(f.decoded, null, 1), '```');
    }
  }
  out.push('', 'report:', '', `> ${finding.report}`, '');
  return out.join('\n');
}
