/**
 * What the `endo` driver is, without endo's code: name, features, and why the rest is missing.
 * Shared by the catalog (which skips what endo cannot run, with these reasons) and the adapter
 * (adapter.ts, bundled only into the endo worker). Facts about endo's @endo/ocapn as of the
 * commit named in README.md; a feature listed as a gap is declared missing, never faked.
 */
import { WIRE_ONLY_FEATURES } from '../features.js';

export const ENDO_DRIVER_NAME = 'endo';
export const ENDO_PATH_VARIABLE = 'OCAPN_ENDO_PATH';
export const ENDO_UNSET_REASON = `endo driver: set ${ENDO_PATH_VARIABLE} to an endo checkout`;

/** Why each scenario feature endo lacks is missing (the skip reason names it). */
export const ENDO_FEATURE_GAPS: Readonly<Record<string, string>> = {
  'op:flush': 'this endo checkout does not speak op:flush (it is on an endo branch: README.md names it)',
  'op:flush/receiver-initiated': 'this endo checkout does not speak op:flush (it is on an endo branch: README.md names it)',
  'transactional-turns': 'endo sends what a method queued even when the method then throws (plain CapTP has no transactional turns)',
  handoff: 'this endo checkout has no third-party handoffs (no desc:handoff-give): it cannot pass on a reference another peer hosts except by proxying',
  'op:flush/shortener-initiated': 'endo main speaks no op:flush; the shortener-initiated form exists only on an endo branch the driver does not load',
  'op:flush/marker': 'endo main speaks no op:flush; the marker form exists only on an endo branch the driver does not load',
  'op:flush/none': 'the driver cannot make endo shorten promises without a fence',
  'inactivity-timeout': 'endo keeps no inactivity timer: a session whose peer stays silent stays open until the transport ends (a choice OCapN leaves open)',
  'handshake-timeout': 'endo keeps no handshake timer: a connection that never completes op:start-session waits until the transport ends (a choice OCapN leaves open)',
  'promise-answers': 'endo answers a call only once its result settles, so the caller never holds the answer as an imported promise to listen to or flush (answering after settlement is allowed)',
  'restart-recognised': 'endo keeps no notion of a peer\'s incarnation (a fresh session key pair per connection, no long-lived identity key): a call on a reference into a restarted peer\'s old session breaks as that session\'s disconnect, not naming the restart (a choice OCapN leaves open)',
  'selector-on-function': 'endo applies a plain function to the whole argument list, the method name first (over TCP, serve-basics: `hello` to the suite\'s echo, a function, is fulfilled with ["Symbol(greet)","hi",…]; a choice OCapN leaves open)',
  'abort-on-violation': 'endo closes the connection on an undecodable frame or a bad location signature without writing op:abort first (a choice OCapN leaves open)',
};

/**
 * `restart`: a restart is a new endo client (makeClient) in a new worker. endo has no long-lived
 * key pair to carry over — it draws a fresh session key pair for every connection
 * (makeSelfIdentity per makeConnection) and is known to its peers by its location, whose
 * designator the World gives by node name, the same in every incarnation; its swissnum table is
 * filled from the plan's sturdyrefs at every start (registerSturdyRef), the same swiss numbers
 * naming the same apps. `keep` brings the apps' persisted state back (the worker host's part),
 * `fresh` does not; endo itself keeps nothing else across a restart (no session resumption).
 * `gc`: endo drops an import only when its FinalizationRegistry sees the presence collected; at a
 * release step the host lets go of its holds and the driver forces gc() in the worker (adapter.ts,
 * "release by collection"), so endo writes its own op:gc-exports at that step.
 */
export const ENDO_FEATURES: readonly string[] = [...WIRE_ONLY_FEATURES, 'restart', 'gc', 'virtual-time'];

/** Listed only when the checkout speaks the receiver-initiated op:flush (checkout.ts detects it;
 * endo's main line does not, an endo branch does: `<op:flush N>` / `<op:flush-done N>`). */
export const ENDO_FLUSH_FEATURES: readonly string[] = ['op:flush', 'op:flush/receiver-initiated'];

/** Listed when the checkout hands off third-party references (checkout.ts detects it; endo's
 * main line has since 2025). endo always hands off — it has no proxying mode — so it plays a
 * node of a `handoffs: shorten` scenario as written; what it does in a `proxy` one is its own. */
export const ENDO_HANDOFF_FEATURES: readonly string[] = ['handoff'];

/** Why `tables()` cannot be answered: endo keeps its tables private and lists none of them. */
export const ENDO_TABLES_GAP = 'endo exposes no listing of its import/export/answer tables (reading them would mean probing positions)';

/**
 * endo columns. Each checkout named by OCAPN_ENDO_PATH (a path list: several checkouts side by
 * side) is a driver of its own, named by its commit — `endo@1fa6c227e` — so one matrix shows
 * endo's lines next to each other and a golden is recorded per endo commit. `endo` alone is the
 * column without a checkout (every case skipped with the reason) or with one whose commit is
 * unknown. A scenario names the family (`driver: endo`): in an endo column's case that is the
 * column itself, elsewhere the first checkout.
 */
export const ENDO_COMMIT_LENGTH = 9;

export function isEndoDriver(name: string | undefined): boolean {
  return name === ENDO_DRIVER_NAME || (name !== undefined && name.startsWith(`${ENDO_DRIVER_NAME}@`));
}

export function endoColumnName(commit: string | undefined): string {
  return commit ? `${ENDO_DRIVER_NAME}@${commit.slice(0, ENDO_COMMIT_LENGTH)}` : ENDO_DRIVER_NAME;
}

/** The worker bundle an endo column's nodes run in (built next to the page, one per checkout). */
export function endoWorkerFile(driver: string): string {
  return driver === ENDO_DRIVER_NAME ? 'endo-worker.js' : `endo-worker-${driver.slice(ENDO_DRIVER_NAME.length + 1)}.js`;
}
