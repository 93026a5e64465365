/**
 * Goal: a `release` step that names a position (`PlanRef` kind `position`) reaches the driver as
 * `releasePosition(peer, position)` and has the same wire effect as releasing the kickoff result
 * that sits in that slot; a position with nothing imported fails the run with the reason.
 * Method: scenarios/basics/gc-release-import.yaml with its `release: { ref: c }` step rewritten
 * to name alice's import position 1 from bob, run in-process with the reference driver.
 */
import { test, expect } from '@playwright/test';
import { loadPlan, recordingJson } from './_scenario-recordings.js';
import type { Plan, PlanStep } from '../../../harness/scenario/plan.js';
import type { Recording } from '../../../harness/sim/recording.js';

function withReleaseAt(plan: Plan, position: number): Plan {
  const steps = plan.steps.map((s): PlanStep => (s.kind === 'release' ? { ...s, node: 'alice', peer: 'bob', ref: { kind: 'position', position } } : s));
  expect(steps.filter((s) => s.kind === 'release')).toHaveLength(1);
  return { ...plan, steps };
}

const framesOf = (r: Recording) => r.events.flatMap((e) => (e.kind === 'frame' && e.phase === 'sent' ? [`${e.source}>${e.target} ${e.bytesHex}`] : []));
const exportsAtEnd = (r: Recording) => {
  const last = r.events.filter((e) => e.kind === 'tables').at(-1);
  return last?.kind === 'tables' ? last.snapshot.sessions[0].exports.map((x) => x.position) : [];
};

test('release by position: op:gc-exports for that slot, same frames as releasing the kickoff result', async () => {
  const plan = loadPlan('scenarios/basics/gc-release-import.yaml');
  const byKickoff = JSON.parse(await recordingJson(plan, 1)) as Recording;
  const byPosition = JSON.parse(await recordingJson(withReleaseAt(plan, 1), 1)) as Recording;
  expect(byPosition.outcome.error).toBeUndefined();
  expect(byPosition.events.some((e) => e.kind === 'step' && e.step.startsWith('release') && e.step.includes('"position":1'))).toBe(true);
  const gc = framesOf(byPosition).filter((f) => Buffer.from(f.split(' ')[1], 'hex').toString('latin1').includes('op:gc-exports'));
  expect(gc).toHaveLength(1);
  expect(gc[0].startsWith('alice>bob ')).toBe(true);
  expect(framesOf(byPosition)).toEqual(framesOf(byKickoff));
  expect(exportsAtEnd(byPosition)).toEqual([0]);
});

test('release by position with nothing imported there fails the run, naming the slot and the peer', async () => {
  const plan = loadPlan('scenarios/basics/gc-release-import.yaml');
  const recording = JSON.parse(await recordingJson(withReleaseAt(plan, 7), 1)) as Recording;
  expect(recording.outcome.end).toBe('crashed');
  expect(recording.outcome.error?.node).toBe('alice');
  expect(recording.outcome.error?.message).toContain('release: no import at position 7 from bob');
});
