// Goal: the fault checkers judged on stored real recordings (fixtures/recordings/faults/, each
// with a provenance line naming the run that produced it): reference runs hold, and the mutants
// are caught by name with witnesses pointing at real frames. Guards against fault checkers that
// only work on hand-built transcripts.
// Not here: reconnectsAfter and cleanClose violated. No node can produce those in the simulation
// (a connection's host drops writes once it ended, and the network closes a stopped node's
// leftover connections gracefully), so their violations are judged on hand-built transcripts in
// reconnects-after.spec.ts and clean-close.spec.ts.
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
