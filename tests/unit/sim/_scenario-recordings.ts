/**
 * Test helper: the Recording of every project scenario (scenarios/**, fragments excluded) for
 * seeds 1–3 with the reference driver, run in-process. Used to pin the simulation's output:
 * machinery changes (faster lock-step, new host calls) must not change a single byte.
 * Not for Node-free specs: it reads the scenario files and hashes with node:crypto.
 */
import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { inProcessPorts } from './_plans.js';
import { loadScenario } from '../../../harness/scenario/load.js';
import { getDriver } from '../../../harness/drivers/index.js';
import type { Plan } from '../../../harness/scenario/plan.js';
import { runPlan } from '../../../harness/sim/page-side/run-steps.js';
import { SimRun } from '../../../harness/sim/page-side/runner.js';

export const LOCK_SEEDS = [1, 2, 3] as const;

/** Every scenario file, sorted, relative to the project root; `_fragments` are not scenarios. */
export function scenarioFiles(dir = 'scenarios'): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) {
      if (!entry.startsWith('_')) out.push(...scenarioFiles(full));
    } else if (entry.endsWith('.yaml') && !namesNodeDriver(full)) out.push(full);
  }
  return out;
}

/** Scenarios whose nodes name their own driver (mixed topologies with endo nodes) need a browser
 * worker for those nodes, and external nodes are other processes run in free-run mode (real time,
 * no replay); the in-process reference recordings leave both out. */
function namesNodeDriver(file: string): boolean {
  const result = loadScenario(file);
  return !!result.plan && result.plan.topology.nodes.some((n) => (n.driver !== undefined && n.driver !== 'reference') || n.external !== undefined);
}

export function loadPlan(file: string): Plan {
  const result = loadScenario(file);
  if (!result.plan) throw new Error(`${file}: ${result.errors.map((e) => e.message).join('; ')}`);
  return result.plan;
}

/** The recording as JSON text (the byte sequence the lock pins). Wall time is faked: it is not recorded. */
export async function recordingJson(plan: Plan, seed: number): Promise<string> {
  let wall = 0;
  const run = new SimRun({ plan, seed, driver: 'reference', makePort: inProcessPorts(getDriver), wallMs: () => (wall += 1) });
  return JSON.stringify(await runPlan(run), withoutPromiseStyle);
}

/**
 * Drops `passStyle: "promise"` from table rows. Why: under Playwright's Node runner, async_hooks
 * add `{ destroyed }` to promises and flip it when the hook fires, so Endo's passStyleOf accepts
 * or rejects the same promise depending on timing (seen on fetch-sturdyref: the question row's
 * passStyle came and went between identical runs). Pages and workers have no async_hooks.
 */
function withoutPromiseStyle(key: string, value: unknown): unknown {
  return key === 'passStyle' && value === 'promise' ? undefined : value;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
