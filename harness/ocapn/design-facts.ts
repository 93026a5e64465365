/**
 * What a flush design declares about itself, beside its behaviour (captp/flush-port.ts): the
 * facts the rest of the harness would otherwise read off its name. Each design module states
 * them (flush/<design>.ts); the registry (flush/designs.ts) carries them to the generated
 * scenario schema (the scenario layer's checks and defaults read them there), to the recorded
 * run's design (transcript/design-facts.ts, for the checks), to node roles and compare-flush.
 * Why a leaf with no imports: the scenario layer may import this one file of the node (types
 * only), so both sides name the same shape and neither names a design.
 */

export interface FlushDesignFacts {
  /** A shortening waits behind a fence this design builds, so strict forwarding
   * (options.strictForwarding) has something to keep relayed calls behind. */
  readonly fenced: boolean;
  /** Under strict forwarding, the calls a node relays keep the old path and travel it behind
   * this design's op:flush, on purpose: flushFence does not count them as sent through an open
   * fence (perRefFifo judges the order they get). */
  readonly strictRelaysRideBehindFlush: boolean;
  /** The scenario's explicit `flush` step is this design's (the node's requestFlush speaks it). */
  readonly explicitFlush: boolean;
  /** Which nodes must implement the design: the two nodes of each explicit flush step, or every
   * node (it acts at every shortening, along the whole path). */
  readonly nodes: 'flush-step-pair' | 'every-node';
  /** The design a scenario runs under when it names none (options.flush): the one for scenarios
   * with a flush step, the one for those without. Exactly one design declares each. */
  readonly defaultWhen?: 'a-step-flushes' | 'no-step-flushes';
}
