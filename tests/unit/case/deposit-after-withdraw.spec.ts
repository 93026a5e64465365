// Goal: depositBeforeWithdraw catches a real exporter that fulfils a withdraw-gift before its
// deposit arrived (the deposit-after-withdraw mutant), on the scenario built for it, while the
// reference node holds on the same seeds. Method: both drivers from the registry, run in-process,
// judged by the runner's judge.
import { test, expect } from '@playwright/test';
import { inProcessPorts } from '../sim/_plans.js';
import { getDriver } from '../../../harness/drivers/index.js';
import { judgeCase } from '../../../harness/case/judge.js';
import { loadEntries } from '../../../harness/case/catalog.js';
import { runPlan } from '../../../harness/sim/page-side/run-steps.js';
import { SimRun } from '../../../harness/sim/page-side/runner.js';

const plan = loadEntries('scenarios/shortening/gift-withdrawn-before-deposit.yaml').find((e) => e.plan?.design?.name === 'shortener-initiated')!.plan!;

async function judged(driver: string, seed: number) {
  let wall = 0;
  const run = new SimRun({ plan, seed, driver, makePort: inProcessPorts(getDriver), wallMs: () => (wall += 1) });
  return judgeCase(plan, await runPlan(run));
}

for (const seed of plan.seeds) {
  test(`seed ${seed}: the mutant is caught by depositBeforeWithdraw; the reference node holds`, async () => {
    const mutant = await judged('deposit-after-withdraw', seed);
    const v = mutant.checks.verdicts.find((x) => x.name === 'depositBeforeWithdraw')!;
    expect(v.verdict).toBe('violated');
    expect(v.explanation).toContain('before its deposit');
    const reference = await judged('reference', seed);
    expect(reference.checks.verdicts.find((x) => x.name === 'depositBeforeWithdraw')?.verdict).toBe('holds');
  });
}
