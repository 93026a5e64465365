/**
 * Test helper: run a pack scenario (or a scenario written inline) in-process with the reference
 * driver and judge it exactly as the runner does. Real simulation, real nodes; no page.
 */
import { inProcessPorts } from '../sim/_plans.js';
import { getDriver } from '../../../harness/drivers/index.js';
import { judgeCase, type CaseJudgement } from '../../../harness/case/judge.js';
import { loadScenario, parseScenario } from '../../../harness/scenario/load.js';
import type { Plan } from '../../../harness/scenario/plan.js';
import type { Recording } from '../../../harness/sim/recording.js';
import { runPlan } from '../../../harness/sim/page-side/run-steps.js';
import { SimRun } from '../../../harness/sim/page-side/runner.js';

export function packPlan(file: string): Plan {
  const result = loadScenario(file);
  if (!result.plan) throw new Error(`${file} must load: ${result.errors.map((e) => e.message).join('; ')}`);
  return result.plan;
}

export function inlinePlan(text: string, file = 'scenarios/inline-test.yaml'): Plan {
  const result = parseScenario(text, file);
  if (!result.plan) throw new Error(`inline scenario must load: ${result.errors.map((e) => e.message).join('; ')}`);
  return result.plan;
}

export async function record(plan: Plan, seed = plan.seeds[0]): Promise<Recording> {
  let wall = 0;
  const run = new SimRun({ plan, seed, driver: 'reference', makePort: inProcessPorts(getDriver), wallMs: () => (wall += 1) });
  return runPlan(run);
}

export async function judged(plan: Plan, seed = plan.seeds[0]): Promise<CaseJudgement> {
  return judgeCase(plan, await record(plan, seed));
}

/** The plan with its `expect` changed. */
export function withExpect(plan: Plan, expect: Partial<Plan['expect']>): Plan {
  return { ...plan, expect: { ...plan.expect, ...expect } };
}
