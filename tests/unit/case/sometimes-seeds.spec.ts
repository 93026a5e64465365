/**
 * Goal: a `sometimes` aggregate judges the seeds its column ran and says how many of the
 * scenario's seeds that is; a column that runs only some of them (a Goblins column: the first
 * three) cannot fail an entry none of those hit — the miss is reported as not judged, naming the
 * seeds and why — but an entry it did hit passes, and an impossible mark fails whatever the seeds.
 * The Goblins seed cap is stated where the aggregate reads it (seedCapOf).
 * Method: the real random-route scenario through the real loader; hits given per seed.
 */
import { test, expect } from '@playwright/test';
import { judgeSometimes, sometimesFailures, sometimesUnjudged } from '../../../harness/case/sometimes.js';
import { GOBLINS_MAX_SEEDS, seedCapOf, seedsFor } from '../../../harness/case/goblins-skips.js';
import { loadScenario } from '../../../harness/scenario/load.js';
import { parsePeerLine } from '../../../harness/drivers/goblins/commands.js';

function plan() {
  const r = loadScenario('scenarios/forwarding/random-route-two-to-six-hops.yaml');
  if (r.errors) throw new Error('does not load');
  return r.plan;
}

const MARK = 'mark:forward:route-revisits-node';

test('sometimes seeds - a Goblins column runs the first seeds only, and the cap says of how many', () => {
  const p = plan();
  expect(seedsFor(p, 'goblins')).toEqual(p.seeds.slice(0, GOBLINS_MAX_SEEDS));
  expect(seedCapOf(p, 'goblins')).toEqual({ of: p.seeds.length, why: expect.stringContaining('first 3 seeds') });
  expect(seedCapOf(p, 'reference')).toBeUndefined();
});

test('sometimes seeds - a miss over a capped seed set is not judged, with the seeds named', () => {
  const p = plan();
  const hits = new Map([1, 2, 3].map((s) => [s, [] as string[]]));
  const lines = judgeSometimes(p, hits, seedCapOf(p, 'goblins'));
  expect(sometimesFailures(lines)).toEqual([]);
  expect(sometimesUnjudged(lines)).toEqual([`sometimes not judged: ${MARK} (some route passes the same node twice) was hit by none of seeds 1, 2, 3, only 3 of the scenario's ${p.seeds.length} seeds (a case with Goblins nodes runs in real time, so only the first 3 seeds)`]);
  // The same miss over every seed of the scenario is a failure.
  const all = new Map(p.seeds.map((s) => [s, [] as string[]]));
  expect(sometimesFailures(judgeSometimes(p, all, seedCapOf(p, 'goblins')))).toHaveLength(1);
  expect(sometimesFailures(judgeSometimes(p, hits))).toHaveLength(1);
});

test('sometimes seeds - a hit in a capped seed set passes', () => {
  const p = plan();
  const lines = judgeSometimes(p, new Map([[1, []], [2, [MARK]], [3, []]]), seedCapOf(p, 'goblins'));
  expect(sometimesFailures(lines)).toEqual([]);
  expect(sometimesUnjudged(lines)).toEqual([]);
  expect(lines[0].seeds).toEqual([2]);
});

test('sometimes seeds - the Goblins peer program reports an app mark as a mark line', () => {
  expect(parsePeerLine('{"t":"mark","name":"forward:route-revisits-node"}')).toEqual({ t: 'mark', name: 'forward:route-revisits-node' });
  expect(parsePeerLine('{"t":"mark"}')).toEqual({ t: 'unreadable', line: '{"t":"mark"}' });
});
