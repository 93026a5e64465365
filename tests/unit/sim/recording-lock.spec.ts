/**
 * Goal: changes to the simulation machinery (message batching between page and workers, new host
 * commands, free-run mode, file splits) leave lock-step recordings byte-identical. Method: every
 * project scenario × seeds 1–3 with the reference driver in-process, hashed (sha256 of the
 * Recording JSON) and compared with recording-lock.json, which was written BEFORE those changes.
 * An edited scenario (its Plan hash differs) fails too, naming the refresh command: a skip here once
 * left one scenario unlocked for a whole stop without anyone seeing it. A legitimate
 * change elsewhere (the reference node's wire output changed) needs the lock re-written: OCAPN_UPDATE_SIM_LOCK=1 npx playwright test --project=unit
 * tests/unit/sim/recording-lock.spec.ts — and the reason stated in the commit. On a mismatch the
 * actual recording is written under reports/sim-lock/ for diffing.
 */
import { test, expect } from '@playwright/test';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { LOCK_SEEDS, loadPlan, recordingJson, scenarioFiles, sha256 } from './_scenario-recordings.js';

const LOCK_FILE = fileURLToPath(new URL('./recording-lock.json', import.meta.url));
const updating = process.env.OCAPN_UPDATE_SIM_LOCK === '1';

/** `plan`: sha256 of the loaded Plan, so an edited scenario is told apart from a changed recording. */
type Lock = Record<string, { plan: string; sha256: string; bytes: number }>;

function readLock(): Lock {
  try {
    return JSON.parse(readFileSync(LOCK_FILE, 'utf8')) as Lock;
  } catch {
    return {};
  }
}

// Rewriting the lock gathers every case's hash in this worker's `seen`, so it runs in one worker,
// in order; checking it needs no order, and spreads over the workers.
test.describe.configure({ mode: updating ? 'serial' : 'parallel' });

const lock = readLock();
const seen: Lock = {};

for (const file of scenarioFiles()) {
  test(`recording lock: ${file} seeds ${LOCK_SEEDS.join(',')}`, async () => {
    test.setTimeout(120_000);
    const plan = loadPlan(file);
    const planHash = sha256(JSON.stringify(plan));
    // An edited scenario is refreshed in the commit that edits it; until then it fails, so a
    // scenario can never sit outside the lock unnoticed.
    const edited = !updating && LOCK_SEEDS.some((seed) => lock[`${file}#${seed}`]?.plan !== planHash);
    expect(edited, `${file} changed since the lock was written (its Plan hash differs): refresh the lock in the same commit — OCAPN_UPDATE_SIM_LOCK=1 npx playwright test --project=unit tests/unit/sim/recording-lock.spec.ts`).toBe(false);
    for (const seed of LOCK_SEEDS) {
      const key = `${file}#${seed}`;
      const text = await recordingJson(plan, seed);
      seen[key] = { plan: planHash, sha256: sha256(text), bytes: text.length };
      if (updating) continue;
      if (lock[key]?.sha256 !== seen[key].sha256) {
        mkdirSync('reports/sim-lock', { recursive: true });
        writeFileSync(`reports/sim-lock/${key.replace(/[/#]/g, '_')}.json`, text);
      }
      expect(seen[key], key).toEqual(lock[key]);
    }
  });
}

test('recording lock: every locked case still exists (and the lock is re-written on request)', () => {
  if (updating) {
    const sorted = Object.fromEntries(Object.keys(seen).sort().map((k) => [k, seen[k]]));
    writeFileSync(LOCK_FILE, JSON.stringify(sorted, null, 2) + '\n');
    return;
  }
  const cases = scenarioFiles().flatMap((f) => LOCK_SEEDS.map((s) => `${f}#${s}`));
  expect(Object.keys(lock).sort()).toEqual(cases.sort());
});
