/**
 * endo over TCP: the external scenarios (scenarios/external/, written against `serve`) with
 * every `serve` process replaced by endo's own node on endo's own TCP netlayer
 * (harness/serve/endo-peer.ts), in one framing for all of them — a case variant
 * `endo-tcp@<commit>/<framing>` beside the same scenario with those nodes as endo *workers*
 * (`endoWorkerPlan`), so the two ways of running endo can be compared case by case.
 * Guarantees: without an endo checkout nothing here starts a process (the variants skip with the
 * reason); a framing the checkout's netlayer cannot write is a skip naming it, never a silent
 * fallback; the rewritten command keeps every option of the `serve` one except `--framing`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EndoCheckout } from '../drivers/endo/checkout.js';
import { ENDO_FEATURE_GAPS } from '../drivers/endo/info.js';
import type { Plan, PlanNode } from '../scenario/plan.js';

export type EndoTcpFraming = 'length' | 'none';
/** length: endo's `'syrup'` framing (`<len>:<payload>`), its default since May 2026; none: bare messages. */
export const ENDO_TCP_FRAMINGS: readonly EndoTcpFraming[] = ['length', 'none'];

/** How the repository starts `serve` in a scenario (relative to the repository root). */
const SERVE_PREFIX = ['node', 'harness/cli/bin.mjs', 'serve'];
/** How it starts the endo peer instead (the loader resolves @endo/* to `--endo`'s checkout). */
export const ENDO_PEER_PREFIX = ['node', '--import', './harness/serve/endo-peer-loader.mjs', 'harness/serve/endo-peer.ts'];

export function endoTcpColumn(checkout: Pick<EndoCheckout, 'driver'>, framing: EndoTcpFraming): string {
  return `${checkout.driver.replace(/^endo/, 'endo-tcp')}/${framing}`;
}

export function isServeCommand(command: readonly string[] | null | undefined): boolean {
  return !!command && SERVE_PREFIX.every((part, i) => command[i] === part);
}

/** The endo peer's command for a `serve` command: same options, `--framing` set to `framing`. */
export function endoPeerCommand(serve: readonly string[], root: string, framing: EndoTcpFraming): string[] {
  const rest: string[] = [];
  const options = serve.slice(SERVE_PREFIX.length);
  for (let i = 0; i < options.length; i++) {
    if (options[i] === '--framing') i++;
    else if (options[i].startsWith('--framing=')) continue;
    else rest.push(options[i]);
  }
  return [...ENDO_PEER_PREFIX, '--endo', root, '--framing', framing, ...rest];
}

function serveNodes(plan: Plan): PlanNode[] {
  return plan.topology.nodes.filter((n) => isServeCommand(n.external?.command));
}

/** The plan with every `serve` node (or those named in `only`) an endo TCP peer in `framing`. */
export function endoTcpPlan(plan: Plan, checkout: Pick<EndoCheckout, 'root'>, framing: EndoTcpFraming, only?: readonly string[]): Plan {
  const nodes = plan.topology.nodes.map((n) =>
    isServeCommand(n.external?.command) && (!only || only.includes(n.name)) ? { ...n, external: { ...n.external!, command: endoPeerCommand(n.external!.command!, checkout.root, framing), framing } } : n,
  );
  return { ...plan, topology: { ...plan.topology, nodes } };
}

/** The same scenario with every `serve` node an endo worker of `column` hosting what it declares. */
export function endoWorkerPlan(plan: Plan, column: string): Plan {
  const nodes = plan.topology.nodes.map((n): PlanNode => {
    if (!isServeCommand(n.external?.command)) return n;
    const { external: _external, ...worker } = n;
    return { ...worker, driver: column };
  });
  return { ...plan, topology: { ...plan.topology, nodes } };
}

/** Whether the checkout's TCP netlayer has the framing option (endo's line since May 2026). */
export function endoTcpFramings(checkout: Pick<EndoCheckout, 'ocapnDir'>): EndoTcpFraming[] {
  const file = checkout.ocapnDir ? join(checkout.ocapnDir, 'src/netlayers/tcp-test-only.js') : '';
  if (!file || !existsSync(file)) return [];
  return readFileSync(file, 'utf8').includes("framing = 'syrup'") ? ['length', 'none'] : ['none'];
}

/** Features that are the hosting node's, so endo's own when it stands in for `serve`. */
export const HOST_FEATURES: readonly string[] = ['selector-on-function'];

/** Why the variant cannot run (absent when it can). */
export function endoTcpSkipReason(plan: Plan, checkout: EndoCheckout | undefined, framing: EndoTcpFraming, unset: string): string | undefined {
  if (!checkout) return unset;
  if (checkout.problem) return checkout.problem;
  if (serveNodes(plan).length === 0) return 'no serve node to replace with endo';
  const framings = endoTcpFramings(checkout);
  if (framings.length === 0) return `${checkout.driver}: no TCP netlayer (src/netlayers/tcp-test-only.js) in @endo/ocapn at ${checkout.ocapnDir ?? checkout.root}`;
  if (!framings.includes(framing)) return `${checkout.driver}: endo's TCP netlayer at this commit writes unframed Syrup only (its length-prefixed 'syrup' framing came later)`;
  // Over TCP endo hosts what `serve` hosts (the suite's objects, plain functions), so a feature of
  // the object host that endo lacks is endo's to lack here; the other features stay the page
  // nodes' (serve-stall's inactivity timeout is alice's), judged by the driver rules.
  const hostGaps = HOST_FEATURES.filter((f) => plan.features.includes(f) && ENDO_FEATURE_GAPS[f]);
  if (hostGaps.length > 0) return `${checkout.driver} over TCP lacks feature(s) ${hostGaps.join(', ')}: ${hostGaps.map((f) => ENDO_FEATURE_GAPS[f]).join('; ')}`;
  return undefined;
}
