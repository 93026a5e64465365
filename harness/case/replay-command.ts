/**
 * The replay command of a case as a reader can paste it on this machine: with the endo checkout
 * the case ran on named in OCAPN_ENDO_PATH (that one alone), since with several set up `run`
 * binds a mixed case's `driver: endo` nodes to the first. Node side (reads the checkouts).
 * Guarantees: a case that used no endo column gets the plain command (scenario/plan.ts).
 */
import { checkoutForDriver } from '../drivers/endo/checkout.js';
import { ENDO_PATH_VARIABLE, isEndoDriver } from '../drivers/endo/info.js';
import { replayCommand } from '../scenario/plan.js';
import type { RecordingHeader } from '../sim/recording.js';

type Replayed = Pick<RecordingHeader, 'scenarioId' | 'seed' | 'driver' | 'implementations'>;

/** `OCAPN_ENDO_PATH=<root> npx ocapn-conformance run …` for a case on one endo column. */
export function caseReplayCommand(header: Replayed, env: NodeJS.ProcessEnv = process.env, endoColumn?: string): string {
  const plain = replayCommand(header);
  const columns = [...new Set([...(endoColumn ? [endoColumn] : []), ...(isEndoDriver(header.driver) ? [header.driver] : []), ...(header.implementations ?? []).map((i) => i.driver).filter((d) => isEndoDriver(d))])];
  const roots = [...new Set(columns.map((c) => checkoutForDriver(c, env)?.root).filter((r): r is string => r !== undefined))];
  return roots.length === 1 ? `${ENDO_PATH_VARIABLE}=${roots[0]} ${plain}` : plain;
}
