/**
 * Goal: changes to the simulation machinery (message batching between page and workers, new host
 * commands, free-run mode, file splits) leave lock-step recordings byte-identical. Method: every
 * project scenario × seeds 1–3 with the reference driver in-process, hashed (sha256 of the
 * Recording JSON) and compared with recording-lock.json, which was written BEFORE those changes.
 * A legitimate change elsewhere (a scenario edited, the reference node's wire output changed)
 * needs the lock re-written: OCAPN_UPDATE_SIM_LOCK=1 npx playwright test --project=unit
 * tests/unit/sim/recording-lock.spec.ts — and the reason stated in the commit. On a mismatch the
 * actual recording is written under reports/sim-lock/ for diffing.
 */
import { test, expect } from '@playwright/test';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { LOCK_SEEDS, loadPlan, recordingJson, scenarioFiles, sha256 } from './_scenario-recordings.js';

const LOCK_FILE = fileURLToPath(new URL('./recording-lock.json', import.meta.url));
const updating = process.env.OCAPN_UPDATE_SIM_LOCK === '1';

type Lock = Record<string, { sha256: string; bytes: number }>;

function readLock(): Lock {
  try {
    return JSON.parse(readFileSync(LOCK_FILE, 'utf8')) as Lock;
  } catch {
    return {};
  }
}

test.describe.configure({ mode: 'serial' });

const lock = readLock();
const seen: Lock = {};

for (const file of scenarioFiles()) {
  test(`recording lock: ${file} seeds ${LOCK_SEEDS.join(',')}`, async () => {
    test.setTimeout(120_000);
    const plan = loadPlan(file);
    for (const seed of LOCK_SEEDS) {
      const key = `${file}#${seed}`;
      const json = recordingJson(plan, seed);
      const text = await json;
      seen[key] = { sha256: sha256(text), bytes: text.length };
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
