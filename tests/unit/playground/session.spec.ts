/**
 * Goal: the playground's promise — every point the clock can stand at is either written as a
 * wait that replays to exactly that point, or refused with a reason; what a session did, saved,
 * replays to the same transcript; the file side refuses what would not load or would clash.
 * Method: the real session controller (harness/playground/session.ts) with in-process reference
 * hosts instead of workers, the real loader behind the CLI's ScenarioService, and runPlan (what
 * `run` does in the page) on the saved plan.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { getDriver } from '../../../harness/drivers/index.js';
import { openedDoc, ScenarioService } from '../../../harness/cli/playground/scenario-service.js';
import { judgeCase } from '../../../harness/case/judge.js';
import { docWithSteps } from '../../../harness/playground/doc-edits.js';
import { expectHere } from '../../../harness/playground/expect-here.js';
import { PlaygroundSession, type ScenarioBackend } from '../../../harness/playground/session.js';
import type { ScenarioDoc, StepDoc } from '../../../harness/scenario/doc.js';
import { loadScenario } from '../../../harness/scenario/load.js';
import { runPlan } from '../../../harness/sim/page-side/run-steps.js';
import { SimRun } from '../../../harness/sim/page-side/runner.js';
import { makeTranscript } from '../../../harness/transcript/from-recording.js';
import { transcriptToText } from '../../../harness/transcript/canonical-json.js';
import { inProcessPorts } from '../sim/_plans.js';

const service = new ScenarioService();
const backend: ScenarioBackend = {
  plan: async (doc) => service.plan(doc),
  save: async (doc, file, overwrite) => service.save(doc, file, overwrite),
};

function opened(file: string): { doc: ScenarioDoc; script: StepDoc[] } {
  const loaded = loadScenario(file);
  expect(loaded.errors ?? []).toEqual([]);
  const { doc, script } = openedDoc(loaded.plan!);
  return { doc: doc as unknown as ScenarioDoc, script: script as StepDoc[] };
}

const session = (doc: ScenarioDoc, script: StepDoc[] = [], seed = 1) => new PlaygroundSession(backend, inProcessPorts(getDriver), doc, script, seed);

test('every clock position is written as a wait that stops a re-run exactly there, or refused with a reason', async () => {
  test.setTimeout(120_000);
  const { doc } = opened('scenarios/forwarding/fixed-route-four-hops.yaml');
  const forms = { untilMs: 0, frame: 0, refused: 0 };
  for (let k = 1; k <= 60; k++) {
    const s = session(doc, [], 2);
    expect(await s.open()).toEqual([]);
    for (let i = 0; i < k; i++) expect(await s.clock({ kind: 'event' })).toEqual([]);
    if (s.run!.isQuiescent() && s.moved < k) break;
    const at = { deliveries: s.run!.deliveries, nowMs: s.nowMs };
    const blocked = s.actionBlocked();
    if (blocked) {
      expect(blocked).toContain('no wait can name');
      forms.refused++;
      continue;
    }
    // Commit the position alone: the session re-runs the file and checks it stands where it stood.
    expect(await s.act(undefined)).toEqual([]);
    expect({ deliveries: s.run!.deliveries, nowMs: s.nowMs }).toEqual(at);
    const wait = s.steps[0].wait as Record<string, unknown>;
    forms[wait.untilMs !== undefined ? 'untilMs' : 'frame']++;
  }
  // The walk met both exact forms and the positions between them.
  expect(forms.untilMs).toBeGreaterThan(0);
  expect(forms.frame).toBeGreaterThan(0);
  expect(forms.refused).toBeGreaterThan(0);
});

test('a session with a kickoff, a flush, a partition and a kill, saved, replays to the same transcript', async () => {
  const { doc } = opened('scenarios/flush/deliveries-in-flight-before-ack.yaml');
  const s = session(doc);
  expect(await s.open()).toEqual([]);
  await s.clock({ kind: 'frame', label: 'op:listen' });
  expect(await s.act({ kickoff: 'z' })).toEqual([]);
  await s.clock({ kind: 'instant' });
  await s.clock({ kind: 'instant' });
  expect(await s.act({ flush: { export: 'p', name: 'fp' } })).toEqual([]);
  expect(await s.act({ kickoff: 'w' })).toEqual([]);
  for (let i = 0; i < 5; i++) await s.clock({ kind: 'instant' });
  expect(await s.act({ partition: { between: ['bob', 'carol'], mode: 'hold' } })).toEqual([]);
  await s.clock({ kind: 'instant' });
  expect(await s.act({ heal: ['bob', 'carol'] })).toEqual([]);
  await s.clock({ kind: 'instant' });
  // The state here, stated as an expect step: results and every live node's tables.
  const here = expectHere(s.run!.outcome('deadline').results, await s.tables());
  expect(Object.keys((here.expect as { tables?: object } | undefined)?.tables ?? {})).toEqual(['alice', 'bob', 'carol']);
  expect(await s.act(here)).toEqual([]);
  expect(await s.act({ kill: 'carol' })).toEqual([]);
  const dir = mkdtempSync(path.join('reports', 'playground-unit-'));
  try {
    const file = path.join(dir, 'session.yaml');
    const saved = await s.save(file, false);
    expect('errors' in saved ? saved.errors : []).toEqual([]);
    const live = await s.finish();
    const plan = loadScenario(file).plan!;
    const replay = await runPlan(new SimRun({ plan, seed: 1, driver: 'reference', makePort: inProcessPorts(getDriver), wallMs: () => performance.now() }));
    expect(transcriptToText(makeTranscript(replay))).toBe(transcriptToText(makeTranscript(live!)));
    // The expect step written from the live state holds on the replay (and was judged: tables).
    const judged = judgeCase(plan, replay).expectations;
    expect(judged.filter((v) => v.verdict !== 'holds').map((v) => v.explanation)).toEqual([]);
    expect(judged.some((v) => v.explanation.includes('tables'))).toBe(true);
    // Saving over it again is refused unless asked for.
    const again = await s.save(file, false);
    expect('errors' in again && again.errors[0]).toContain('exists');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the file side: a name clash, a path outside the folder, a fragment name and a loader error are refused with the reason', () => {
  const { doc } = opened('scenarios/forwarding/fixed-route-four-hops.yaml');
  const clash = service.save(doc, 'scenarios/forwarding/zz-clash.yaml', false);
  expect('errors' in clash && clash.errors[0]).toContain('id "fixed-route-four-hops" is already used by scenarios/forwarding/fixed-route-four-hops.yaml');
  expect(existsSync('scenarios/forwarding/zz-clash.yaml')).toBe(false);
  expect(service.save(doc, '../outside.yaml', false)).toEqual({ errors: [expect.stringContaining('writes only inside')] });
  expect(service.save(doc, 'reports/_fragment.yaml', false)).toEqual({ errors: [expect.stringContaining('fragment')] });
  expect(service.save(doc, 'reports/x.txt', false)).toEqual({ errors: [expect.stringContaining('.yaml')] });
  const bad = service.plan({ ...doc, steps: [{ kill: 'nobody' }] } as unknown as object, 'reports/bad.yaml');
  expect('errors' in bad && bad.errors[0]).toMatch(/^reports\/bad\.yaml:\d+:\d+: steps\[0\]\.kill: unknown node "nobody"/);
});

test('a kickoff a step starts stays out of the file until a step starts it', () => {
  const doc = { id: 'x', title: 't', topology: { nodes: { a: {} } }, kickoffs: [{ name: 'now', from: 'a', target: 'a.hop' }, { name: 'later', from: 'a', target: 'a.hop', at: 'step' as const }], expect: { checks: 'all' as const } };
  expect(docWithSteps(doc, []).kickoffs?.map((k) => k.name)).toEqual(['now']);
  const withStep = docWithSteps(doc, [{ kickoff: 'later' }]);
  expect(withStep.kickoffs?.map((k) => k.name)).toEqual(['now', 'later']);
  expect(Object.keys(withStep)).toEqual(['id', 'title', 'topology', 'kickoffs', 'steps', 'expect']);
  // A result expected of a flush no step makes yet is left out with it.
  const flushed = { ...doc, expect: { checks: 'all' as const, results: { fp: null, now: 1 } } };
  expect(docWithSteps(flushed, []).expect?.results).toEqual({ now: 1 });
  expect(docWithSteps(flushed, [{ flush: { export: 'now', name: 'fp' } }]).expect?.results).toEqual({ fp: null, now: 1 });
});
