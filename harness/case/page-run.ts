/**
 * Running one case in the harness page (`window.ocapnHarness.runPlan`) from Node, for the
 * Playwright runner and the CLI alike. The plan crosses the boundary as a JSON string and the
 * Recording comes back as one: Playwright's serialisable-type mapping of the whole Recording
 * type is too deep for tsc (TS2589), and a string is also the cheapest thing to move.
 * Guarantees: a run that throws in the page (not a node crash, which is in the recording's
 * outcome) is turned into a `crashed` Recording-shaped error by the caller, never a hang: the
 * page bounds every case by a wall deadline.
 */
import type { Plan } from '../scenario/plan.js';
import type { Recording } from '../sim/recording.js';
import { ExternalPeers, externalNodesOf, type BridgePage } from '../external/external-peers.js';
import { GoblinsPeers } from './goblins-peers.js';
import { bindCase, driversOfCase } from './driver-skips.js';
import { checkoutForDriver, isEndoDriver } from '../drivers/endo/checkout.js';
import type { ImplementationRecord } from '../sim/recording.js';

/** What of endo each endo column the case used runs on (the checkout's commit and versions). */
function implementationsOf(plan: Plan, driver: string): ImplementationRecord[] {
  return driversOfCase(plan, driver)
    .filter((d) => isEndoDriver(d))
    .sort()
    .flatMap((d) => {
      const c = checkoutForDriver(d);
      if (!c) return [];
      return [{ driver: d, package: '@endo/ocapn', ...(c.version ? { version: c.version } : {}), ...(c.commit ? { commit: c.commit } : {}), thirdParty: c.thirdParty }];
    });
}

/** The part of a Playwright Page this needs (from @playwright/test or playwright-core). */
export interface EvaluatingPage {
  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  waitForFunction(fn: () => boolean, arg?: unknown, options?: { timeout?: number }): Promise<unknown>;
  /** Needed only by plans with external nodes (the bridge's page → Node channel). */
  exposeFunction?: BridgePage['exposeFunction'];
}

/** Waits until the page has installed `window.ocapnHarness` (main.ts sets it, then `ready`). */
export async function waitForHarness(page: EvaluatingPage, timeoutMs = 30_000): Promise<void> {
  await page.waitForFunction(() => typeof (window as { ocapnHarness?: unknown }).ocapnHarness === 'object', undefined, { timeout: timeoutMs });
}

/**
 * A plan with external nodes: their processes are started (or reached) and bridged first, the
 * case runs in free-run mode, and everything is stopped after, whatever the outcome.
 */
export async function runInPage(page: EvaluatingPage, unbound: Plan, seed: number, driver: string, wallMsMax?: number): Promise<Recording> {
  const plan = bindCase(unbound, driver).plan;
  const recording = await runBoundInPage(page, plan, seed, driver, wallMsMax);
  const implementations = implementationsOf(plan, driver);
  if (implementations.length > 0) recording.header = { ...recording.header, implementations };
  return recording;
}

async function runBoundInPage(page: EvaluatingPage, plan: Plan, seed: number, driver: string, wallMsMax?: number): Promise<Recording> {
  // Goblins nodes are processes too (goblins-peers.ts): they join as external nodes.
  const goblins = new GoblinsPeers(plan, driver);
  if (externalNodesOf(plan).length === 0 && goblins.nodes.length === 0) return runPlanInPage(page, plan, seed, driver, wallMsMax);
  if (!page.exposeFunction) throw new Error(`${plan.id}: external nodes need a page that can expose functions (a Playwright Page)`);
  let peers: ExternalPeers | undefined;
  try {
    const bridged = await goblins.start();
    peers = new ExternalPeers(bridged, page as EvaluatingPage & Pick<BridgePage, 'exposeFunction'>);
    await peers.start();
    await goblins.attach(peers);
    return await runPlanInPage(page, bridged, seed, driver, wallMsMax, peers.locators);
  } finally {
    await peers?.stop();
    await goblins.stop();
  }
}

async function runPlanInPage(page: EvaluatingPage, plan: Plan, seed: number, driver: string, wallMsMax?: number, externals?: Record<string, string>): Promise<Recording> {
  const input = JSON.stringify({ plan, seed, driver, ...(wallMsMax ? { wallMsMax } : {}), ...(externals ? { externals } : {}) });
  const json = await page.evaluate(async (s: string) => {
    const api = (window as unknown as { ocapnHarness: { runPlan(o: unknown): Promise<unknown> } }).ocapnHarness;
    return JSON.stringify(await api.runPlan(JSON.parse(s)));
  }, input);
  return JSON.parse(json) as Recording;
}
