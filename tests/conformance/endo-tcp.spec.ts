/**
 * Goal: endo's own node on endo's own TCP netlayer passes the external scenarios (written against
 * `serve`) as they run against `serve`, in both of endo's framings — and what differs from endo
 * run as a worker is visible case by case.
 * Method: per scenario under scenarios/external/ that starts `serve`, per endo checkout, three
 * variants of the one scenario: `[endo-tcp@<commit>/length]` and `[endo-tcp@<commit>/none]`
 * (every serve process replaced by harness/serve/endo-peer.ts, real TCP through the bridge)
 * and `[endo-worker@<commit>]` (those nodes as endo workers hosting what they declare). Each is a
 * reference case judged like any other. Without OCAPN_ENDO_PATH every variant is skipped with
 * the reason, so CI never depends on endo.
 */
import { loadCatalog, type CaseSpec } from '../../harness/case/catalog.js';
import { driverSkipReason } from '../../harness/case/driver-skips.js';
import { ENDO_UNSET_REASON, findEndoCheckouts, type EndoCheckout } from '../../harness/drivers/endo/checkout.js';
import { ENDO_TCP_FRAMINGS, endoTcpColumn, endoTcpPlan, endoTcpSkipReason, endoWorkerPlan, isServeCommand } from '../../harness/case/endo-tcp.js';
import type { Plan } from '../../harness/scenario/plan.js';
import { caseTags, runConformingCase, skipUnrunnable, test } from './_case-test.js';

const external = loadCatalog().filter((e) => e.file.startsWith('scenarios/external/') && e.plan && e.plan.topology.nodes.some((n) => isServeCommand(n.external?.command)));
const checkouts: (EndoCheckout | undefined)[] = findEndoCheckouts();
if (checkouts.length === 0) checkouts.push(undefined);

interface Variant {
  column: string;
  plan: Plan;
  skip?: string;
}

function variants(plan: Plan, checkout: EndoCheckout | undefined): Variant[] {
  const out: Variant[] = ENDO_TCP_FRAMINGS.map((framing) => {
    const skip = endoTcpSkipReason(plan, checkout, framing, ENDO_UNSET_REASON);
    return { column: checkout ? endoTcpColumn(checkout, framing) : `endo-tcp/${framing}`, plan: checkout && !skip ? endoTcpPlan(plan, checkout, framing) : plan, ...(skip ? { skip } : {}) };
  });
  const column = checkout?.driver ?? 'endo';
  const worker = endoWorkerPlan(plan, column);
  const skip = checkout ? (checkout.problem ?? driverSkipReason(worker, 'reference')) : ENDO_UNSET_REASON;
  out.push({ column: column.replace(/^endo/, 'endo-worker'), plan: worker, ...(skip ? { skip } : {}) });
  return out;
}

for (const entry of external) {
  const plan = entry.plan!;
  test.describe(`${plan.id} over endo (${entry.file})`, () => {
    for (const checkout of checkouts) {
      for (const v of variants(plan, checkout)) {
        for (const seed of plan.seeds) {
          const c: CaseSpec = { plan: v.plan, driver: 'reference', seed, ...(v.skip ? { skip: v.skip } : {}) };
          test(`${plan.id} [${v.column}] seed ${seed}`, { tag: caseTags(plan) }, async ({ harnessPage }, testInfo) => {
            skipUnrunnable(testInfo, c, v.column);
            await runConformingCase(harnessPage, testInfo, c, v.column);
          });
        }
      }
    }
  });
}
