/**
 * Feature registry: every name a scenario may list under `features:`, with one doc line each
 * (test262's features.txt is the model). Drivers declare the features they support; a scenario
 * needing one a driver lacks is skipped with the reason, never failed.
 * Guarantees: the schema's `features` enum lists exactly these names (a unit test keeps them equal).
 */

export const FEATURES = {
  fetch: 'enlivening a sturdyref (bootstrap fetch) opens a session and yields a reference',
  deliver: 'op:deliver of a call with an answer position, and its answer',
  pipelining: 'sending to a promise (desc:answer) before it resolves',
  listen: 'op:listen on a promise the peer exported',
  gc: 'explicit release: op:gc-exports with wire deltas, op:gc-answers',
  break: 'a call whose answer is broken (the target throws or breaks its promise)',
  handshake: 'op:start-session: keys, location, signature validation',
  'crossed-hellos': 'two nodes dial each other at once; exactly one session survives',
  abort: 'op:abort and what it leaves behind: broken promises, no further frames',
  forwarding: 'calls that travel through forwarder apps over several hops',
  'op:flush': 'promise shortening with op:flush, any design',
  'op:flush/receiver-initiated': '<op:flush N> from the importer, <op:flush-done N> after the exporter swaps slot N',
  'op:flush/shortener-initiated': "<op:flush TO CONFIRM> from the shortener to the holder's resolver; the holder swaps in a fresh promise and confirms with a fresh resolver",
  'op:flush/marker': '<op:flush TO SHORTENER>: a FIFO marker that follows earlier messages down the old path before the holder switches (no swap)',
  'op:flush/none': 'naive promise shortening: the holder switches to the shorter path at once, with no fence',
  handoff: 'third-party handoffs: a reference another peer hosts is passed on as deposit-gift plus a signed desc:handoff-give (options.handoffs: shorten)',
  faults: 'kill, stop, reset, stall or partition during the run',
  restart: 'a node restarts with its state kept or fresh (a new incarnation)',
  partition: 'a link is cut and later healed',
  sturdyrefs: 'several sturdyrefs per node, swiss names other than the object name',
  'transactional-turns': 'a turn whose app code throws writes none of the sends it queued (the transactional profile)',
  // Behaviour OCapN leaves to the implementation; scenarios written around it say so.
  'inactivity-timeout': 'the node ends a session whose peer owes a reply and stays silent past its inactivity timeout (options.inactivityTimeoutMs); OCapN sets no such timer',
  'handshake-timeout': 'the node gives up on a connection that sends no valid op:start-session within its handshake timeout; OCapN sets no such timer',
  'promise-answers': 'a call whose result is a still unsettled promise is answered at once with that promise (desc:import-promise), so the caller holds an imported promise it can listen to or flush; answering only after settlement is allowed too',
  'restart-recognised': 'a call on a reference into a restarted peer\'s old incarnation breaks naming the restart (peer-restarted), told apart from a lost connection; OCapN carries no incarnation, so a node may as well only say the session ended',
  'virtual-time': 'the scenario judges the run at an exact instant (a mid-run expect that something has not happened yet, right after a wait), which the virtual clock makes exact and reproducible; in real time (free-run) the processes\' own timing races it',
  'selector-on-function': 'a call naming a method, sent to an object that is a plain function, breaks with no-method (the target has no such method); OCapN has no methods on the wire (a method name first is a convention), so applying the function to the whole argument list is allowed too',
  'abort-on-violation': 'a node that ends a session for a protocol violation (bad signature, undecodable frame, a limit) writes op:abort naming why before closing, rather than only closing',
} as const satisfies Record<string, string>;

export type FeatureName = keyof typeof FEATURES;

export const FEATURE_NAMES = Object.keys(FEATURES) as FeatureName[];
