/**
 * What the `goblins` driver is, without Goblins: name, features, and why the rest is missing.
 * Shared by the catalog (which skips what a Goblins node cannot run, with these reasons), the
 * `drivers` command and the Playwright side that starts Goblins peer processes
 * (harness/case/goblins-peers.ts). Goblins itself is Spritely's Guile Goblins, run as one OS
 * process per node (peer.scm beside this file); a feature listed as a gap is declared missing,
 * never faked. Gaps say whose they are: Goblins' own, or this driver's (the peer program).
 */
import { WIRE_ONLY_FEATURES } from '../features.js';

export const GOBLINS_DRIVER_NAME = 'goblins';
export const GOBLINS_PATH_VARIABLE = 'OCAPN_GOBLINS_PATH';
export const GOBLINS_UNSET_REASON = `goblins driver: set ${GOBLINS_PATH_VARIABLE} to a folder where Guile Goblins loads (npx ocapn-conformance goblins setup <folder>)`;

/** `restart`: kill, stop and a fresh restart end and start the Guile process itself.
 * `handoff`: Goblins always hands a third-party reference off (deposit-gift and a signed
 * desc:handoff-give; it has no proxying mode, like endo), so it plays a node of a `handoffs:
 * shorten` scenario as written; a gift naming a page node's `sim` location is dialled at that
 * node's relay (peer.scm's sim netlayer), so the withdrawing session crosses the page network. */
export const GOBLINS_FEATURES: readonly string[] = [...WIRE_ONLY_FEATURES, 'restart', 'restart-recognised', 'handoff'];

/** Why each scenario feature a Goblins node lacks is missing (the skip reason names it). */
export const GOBLINS_FEATURE_GAPS: Readonly<Record<string, string>> = {
  gc: 'Goblins releases imports only when Guile\'s collector finalizes them (guardians, polled once a second), and forcing it does not make a release happen at its step: with every hold of the peer program on a fetched import dropped and (gc) forced 10 times over 5 s, Goblins 0.18 wrote no op:gc-exports (measured; FINDINGS.md L2), so a release step cannot be made to happen at its time',
  'op:flush': 'Goblins 0.18 speaks no op:flush',
  'op:flush/receiver-initiated': 'Goblins 0.18 speaks no op:flush',
  'op:flush/shortener-initiated': 'Goblins 0.18 speaks no op:flush',
  'op:flush/marker': 'Goblins 0.18 speaks no op:flush',
  'op:flush/none': 'the driver cannot make Goblins shorten promises without a fence',
  'virtual-time': 'Goblins nodes are processes running in real time (free-run), so an expectation about one exact instant (answers still on their way once the calls have arrived) races their own timing: seen in partition-hold-delivers-after-heal seed 3, `held` fulfilled at the step that expects it pending',
  'selector-on-function': 'the peer program hosts no plain-function object (driver gap: the harness apps are objects with methods), so what a Goblins node does with a method name sent to a function is not staged',
  'transactional-turns': 'the peer program has no `failing` app yet (driver gap), so a failed turn cannot be staged on a Goblins node',
};

/** Link faults act in the page network, which carries every Goblins connection; kill, stop and
 * a fresh restart end or start the process; pause and resume are refused case by case
 * (harness/case/goblins-skips.ts) with this reason. */
export const GOBLINS_NODE_FAULT_GAP = 'goblins driver: pause and resume on a Goblins process are not wired (driver gap: the page network could hold its deliveries, but the process\'s own timers would run on, which is not a paused node); kill, stop, fresh restart and link faults are';

/** Why `restart: { mode: keep }` of a Goblins node is refused. */
export const GOBLINS_RESTART_KEEP_GAP = 'goblins driver: a restart that keeps state is not offered (driver gap): a fresh restart re-registers the same apps under the same swiss numbers from the init file, but the apps are not persistent actors, so their state (a counter\'s count) and Goblins\' session state cannot be carried into the new process (Goblins 0.18 persistence would need the apps rewritten as persistent actors with a store)';

/** Why `tables()` cannot be answered. */
export const GOBLINS_TABLES_GAP = 'Goblins offers its peer program no listing of its CapTP import/export/answer tables';
