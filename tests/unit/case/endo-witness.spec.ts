/**
 * Goal: a finding's byte witness is cut, read and written from a real recorded run: the minimal
 * case keeps only the spoiled result's kickoff, the witness holds the recorded bytes (hex and
 * Syrup text) beside the decoded form, and the finding reads `present` only when the run
 * violates that result.
 * Method: a recording of endo 1fa6c227e running E3's minimal case (fixtures/findings/, recorded
 * by `findings --witness`), judged here as the command judges it — no endo needed.
 */
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { loadCatalog } from '../../../harness/case/catalog.js';
import { formatWitnesses, hexLines, minimalPlan, syrupText, witnessOf } from '../../../harness/case/endo-witness.js';
import { judgeCase } from '../../../harness/case/judge.js';
import { ENDO_FINDINGS } from '../../../harness/drivers/endo/findings.js';
import type { Recording } from '../../../harness/sim/recording.js';

const E3 = ENDO_FINDINGS.find((f) => f.id === 'E3')!;
const source = loadCatalog().find((e) => e.plan?.id === E3.scenario)!.plan!;
const recording = (JSON.parse(readFileSync('fixtures/findings/e3-endo@1fa6c227e.recording.json', 'utf8')) as { recording: Recording }).recording;

test('the minimal case keeps only the spoiled result and what it needs', () => {
  expect(source.kickoffs.length).toBeGreaterThan(20);
  const minimal = minimalPlan(source, E3);
  expect(minimal.kickoffs.map((k) => k.name)).toEqual(['float-negative-zero']);
  expect(minimal.expect.results.map((r) => r.name)).toEqual(['float-negative-zero']);
  expect(minimal.topology).toEqual(source.topology);
  expect(() => minimalPlan(source, { id: 'X', result: 'no-such-kickoff' })).toThrow(/no kickoff no-such-kickoff/);
});

test('E3 witness from the recorded run: -0 leaves endo as the bytes of +0', () => {
  const minimal = minimalPlan(source, E3);
  const w = witnessOf(E3, 'endo@1fa6c227e', recording, judgeCase(minimal, recording));
  expect(w.status).toBe('present');
  expect(w.result).toMatch(/^violated: .*float-negative-zero/);
  expect(w.frames.map((f) => f.label)).toEqual(['op:deliver', 'op:deliver', 'op:deliver', 'op:deliver']);
  const call = w.frames.find((f) => f.source === 'alice' && syrupText(f.hex).includes("4'echo"))!;
  // The float right after the method symbol: 'D' and eight zero bytes — +0, where -0 was sent.
  expect(call.hex).toContain('276563686f' + '44' + '0000000000000000');
  expect(JSON.stringify(call.decoded)).toContain('"op":"op:deliver"');
  const md = formatWitnesses(E3, 'reports/findings/finding-e3-values-echo.yaml', [w, { ...w, column: 'endo@7d229a785' }]);
  expect(md).toContain('## E3 — ');
  expect(md).toContain('- reproduces at: endo@1fa6c227e, endo@7d229a785');
  expect(md).toContain(hexLines(call.hex)[0]);
  expect(md).toContain('the same 4 frames, byte for byte, as endo@1fa6c227e.');
  expect(md).toContain(`> ${E3.report}`);
});

test('a run whose spoiled result holds reads absent, frames kept', () => {
  const minimal = minimalPlan(source, E3);
  const j = judgeCase(minimal, recording);
  const holds = { ...j, expectations: j.expectations.map((v) => ({ ...v, verdict: 'holds' as const })) };
  const w = witnessOf(E3, 'endo@x', recording, holds);
  expect(w.status).toBe('absent');
  expect(w.frames.length).toBe(4);
  expect(formatWitnesses(E3, 'f.yaml', [w])).toContain('absent at endo@x');
  // A finding in the handshake keeps both op:start-session frames before the same four.
  const withHandshake = witnessOf({ ...E3, handshake: true }, 'endo@x', recording, holds);
  expect(withHandshake.frames.map((f) => f.label).slice(0, 2)).toEqual(['op:start-session', 'op:start-session']);
  expect(withHandshake.frames.length).toBe(6);
});

test('hex is grouped 16 bytes a line; Syrup text escapes what is not printable', () => {
  expect(hexLines('00'.repeat(17))).toEqual([Array(16).fill('00').join(' '), '00']);
  expect(syrupText('3c31302744' + '00ff')).toBe("<10'D\\x00\\xff");
});
