// Goal: the fault checkers judged on stored real recordings (fixtures/recordings/faults/, each
// with a provenance line naming the run that produced it): reference runs hold, and the mutants
// are caught by name with witnesses pointing at real frames. Guards against fault checkers that
// only work on hand-built transcripts. reconnectsAfter and cleanClose are shown violated on runs
// of the writes-after-reset and stop-resets mutants (their edge cases stay hand-built in
// reconnects-after.spec.ts and clean-close.spec.ts).
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { runChecks } from '../../../harness/checks/index.js';
import { validateTranscript } from '../../../harness/transcript/validate.js';
import type { Transcript } from '../../../harness/transcript/types.js';

function load(name: string): Transcript {
  const stored = JSON.parse(readFileSync(new URL(`../../../fixtures/recordings/faults/${name}.json`, import.meta.url), 'utf8')) as { provenance: string; transcript: Transcript };
  expect(stored.provenance).toMatch(/^recorded from a real run: npx ocapn-conformance run scenarios\/faults\/\S+\.yaml --seed 1 --driver \S+ /);
  return stored.transcript;
}

const verdictsOf = (name: string, checks: string[]) => runChecks(load(name), checks).verdicts.map((v) => `${v.name}: ${v.verdict}`);

test('every stored recording is a valid transcript', () => {
  for (const name of [
    'failing-turn-mid-chain-reference',
    'failing-turn-mid-chain-output-from-failed-turn',
    'stale-reference-after-fresh-restart-reference',
    'stale-reference-after-fresh-restart-resurrect-session',
    'reset-breaks-pending-call-reference',
    'restart-keep-re-enliven-reference',
    'reset-breaks-pending-call-writes-after-reset',
    'restart-keep-re-enliven-stop-resets',
  ]) {
    expect(validateTranscript(load(name)).text, name).toBe('');
  }
});

test('noOutputFromFailedTurn: holds on the reference run, violated by output-from-failed-turn with the leaked frame', () => {
  expect(verdictsOf('failing-turn-mid-chain-reference', ['noOutputFromFailedTurn'])).toEqual(['noOutputFromFailedTurn: holds']);
  const [v] = runChecks(load('failing-turn-mid-chain-output-from-failed-turn'), ['noOutputFromFailedTurn']).verdicts;
  expect(v.verdict).toBe('violated');
  expect(v.explanation).toMatch(/^noOutputFromFailedTurn violated: carol: a failed turn \(events \d+\.\.\d+\) held question 2 to dave, and frame \d+ \(op:deliver\) asked it anyway$/);
});

test('noStaleDelivery: holds on the reference run, violated by resurrect-session naming the stale call and its frame', () => {
  expect(verdictsOf('stale-reference-after-fresh-restart-reference', ['noStaleDelivery'])).toEqual(['noStaleDelivery: holds']);
  const [v] = runChecks(load('stale-reference-after-fresh-restart-resurrect-session'), ['noStaleDelivery']).verdicts;
  expect(v.verdict).toBe('violated');
  expect(v.explanation).toMatch(/^noStaleDelivery violated: bob: alice's call #1 on c \(a reference obtained before kill at event \d+\) reached the new incarnation in frame \d+ on c2$/);
});

test('reconnectsAfter holds on a real reset run; cleanClose holds on a real graceful stop', () => {
  expect(verdictsOf('reset-breaks-pending-call-reference', ['reconnectsAfter'])).toEqual(['reconnectsAfter: holds']);
  expect(verdictsOf('restart-keep-re-enliven-reference', ['cleanClose', 'noStaleDelivery'])).toEqual(['cleanClose: holds', 'noStaleDelivery: holds']);
});

test('reconnectsAfter: violated by writes-after-reset, whose next call is written on the connection the reset ended', () => {
  const t = load('reset-breaks-pending-call-writes-after-reset');
  const [v] = runChecks(t, ['reconnectsAfter']).verdicts;
  expect(v.verdict).toBe('violated');
  expect(v.explanation).toMatch(/^reconnectsAfter violated: alice wrote frame \d+ on c1 after reset ended it \(event \d+\)$/);
  // The witness is a real frame of the run: alice's `after` call, sent after c1's reset event.
  const frame = v.witness?.frames?.[0];
  const sent = t.events.find((e) => e.kind === 'frame' && e.phase === 'sent' && e.frame === frame);
  const reset = t.events.find((e) => e.kind === 'connection' && e.event === 'reset' && e.connection === 'c1');
  expect(sent?.kind === 'frame' && sent.phase === 'sent' && sent.op?.op).toBe('op:deliver');
  expect(sent!.seq).toBeGreaterThan(reset!.seq);
});

test('cleanClose: violated by stop-resets, whose stop ends its connection with a reset', () => {
  const t = load('restart-keep-re-enliven-stop-resets');
  const [v] = runChecks(t, ['cleanClose']).verdicts;
  expect(v.verdict).toBe('violated');
  expect(v.explanation).toMatch(/^cleanClose violated: bob stopped \(event \d+\) but c1 was reset, not closed \(event \d+\)$/);
  const [, resetSeq] = v.witness?.events ?? [];
  const reset = t.events.find((e) => e.seq === resetSeq);
  expect(reset?.kind === 'connection' && reset.event === 'reset' && reset.reason).toBe('reset by bob');
});
