/**
 * Goal: the reference node gives a category for every break it makes, so no project scenario
 * has a reference result the checks must guess. What a reference node records without a category
 * is text that reached it across the wire (a callee's no-method or failed turn, a break an app
 * relayed, an app's own error), and that text is never uncategorised.
 * Method: every project scenario's seed-1 recording with the reference driver, in-process; each
 * broken `settled` event is checked: without a category it may not name a session of its own
 * node (that break is the node's, not relayed), and the node must have named most categories.
 * The types (harness/ocapn/break-reason.ts) make a session end, a waiter or a refused flush
 * without a category a compile error; this covers the paths a type cannot see (thrown errors).
 */
import { test, expect } from '@playwright/test';
import { loadPlan, recordingJson, scenarioFiles } from './_scenario-recordings.js';
import { appMessages } from '../../../harness/case/judge.js';
import { categoriseBreak } from '../../../harness/checks/break-rules.js';
import { BREAK_CATEGORIES } from '../../../harness/ocapn/break-reason.js';
import type { Recording } from '../../../harness/sim/recording.js';

test('every broken reference result carries its category, or text that the wire rules, relayed words or app messages categorise', async () => {
  test.setTimeout(300_000);
  const uncategorised: string[] = [];
  let given = 0;
  let text = 0;
  for (const file of scenarioFiles()) {
    const plan = loadPlan(file);
    const recording = JSON.parse(await recordingJson(plan, 1)) as Recording;
    // node → the peers it had a session with: a break naming one of those is the node's own.
    const peers = new Map<string, Set<string>>();
    for (const e of recording.events) {
      if (e.kind === 'node' && e.event.type === 'session-open') peers.set(e.node, (peers.get(e.node) ?? new Set()).add(e.event.peer));
    }
    for (const e of recording.events) {
      if (e.kind !== 'app' || e.event !== 'settled' || e.outcome !== 'broken') continue;
      if (e.category !== undefined) {
        expect(Object.keys(BREAK_CATEGORIES)).toContain(e.category);
        given++;
        continue;
      }
      text++;
      const own = /^session with (\S+) (?:ended|failed|has ended):/.exec(e.reason ?? '');
      if (own && peers.get(e.node)?.has(own[1])) uncategorised.push(`${file} ${e.kickoff}: ${e.node}'s own session break without a category: ${e.reason}`);
      if (categoriseBreak({ reason: e.reason }, appMessages(plan), 'reference') === undefined) uncategorised.push(`${file} ${e.kickoff}: ${e.reason}`);
    }
  }
  expect(uncategorised).toEqual([]);
  // Most breaks are the node's own: had a site lost its category, its results would move here.
  expect(given).toBeGreaterThan(text);
});
