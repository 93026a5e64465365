/**
 * The page ↔ worker protocol of one node host, as structured-clone-safe data. Spec anchor:
 * docs/architecture.md (lock-step: the page sends one request, the worker processes it, drains
 * microtasks and replies with everything it produced, then is quiescent until the next request).
 * View: both ends; each request carries the virtual time at which it happens.
 * Guarantees: exactly one reply per request, with the same `id`; outputs and events in the order
 * the node produced them. Elsewhere: network-level I/O types in ../node-io.ts.
 */
import type { NodeEvent, NodeOptions, PersistentState } from '../drivers/driver.js';
import type { VirtualMs } from '../ocapn/world.js';
import type { JsonValue, PlanApp, PlanRef } from '../scenario/plan.js';
import type { NetInput, NetOutput } from './node-io.js';
import type { AppEvent, CallTag } from './recording.js';

export interface NodeInit {
  name: string;
  driver: string;
  seed: number;
  /** 32 bytes, hex; derived by the page from (seed, node name) so restarts keep the identity. */
  identitySeedHex: string;
  options: NodeOptions;
  incarnation: number;
  restoredState?: PersistentState;
  apps: PlanApp[];
  sturdyrefs: { swiss: string; object: string }[];
  /** Every node of the topology, in plan order (forwarders draw random hops among them). */
  peers: string[];
  /** App-level defects planted by a mutant driver (the page reads them from the Driver). */
  appDefects: string[];
  /** Every method name the plan's kickoffs call (generic apps answer all of them). */
  methods: string[];
  /** External nodes (other OS processes, bridged by the page): node name → its tcp-testing-only
   * locator. Sturdyrefs on them are dialled at that location; the page routes the connection. */
  externals?: Record<string, string>;
}

/** One send of a kickoff, fully resolved by the page (routes drawn, tag assigned). */
export interface KickoffSend {
  kickoff: string;
  tag: CallTag;
  op: 'call' | 'fetch' | 'listen';
  target: { kind: 'sturdyref'; node: string; swiss: string } | { kind: 'result'; kickoff: string };
  method: string | null;
  args: JsonValue[];
  /** Nodes still to visit after the target's node (forwarders); travels in the call's envelope. */
  route?: string[];
}

/** Frames the page has proved this node receives right after the `net` input it rides with
 * (harness/sim/page-side/lookahead.ts): taken one by one while every answer so far was safe. */
export interface NetAhead {
  inputs: { input: NetInput; nowMs: VirtualMs }[];
  /** The node's connections a safe answer may write on. */
  safeConns: string[];
  /** A safe answer sets no timer at or before this time. */
  horizonMs: VirtualMs;
}

/** What the node answered to one lookahead frame (a reply without id and result). */
export interface AheadReply {
  outputs: NetOutput[];
  events: HostEvent[];
  error?: { message: string; stack?: string };
}

export type HostCommand =
  | { type: 'init'; init: NodeInit }
  | { type: 'net'; input: NetInput; ahead?: NetAhead }
  | { type: 'kickoff'; send: KickoffSend }
  /** `name` labels the outcome (a `settled` app event with `kickoff: name`). */
  | { type: 'flush'; peer: string; ref: PlanRef; name: string | null }
  | { type: 'release'; peer: string; ref: PlanRef }
  | { type: 'tables' }
  | { type: 'shutdown' }
  | { type: 'export-state' };

export interface HostRequest {
  id: number;
  nowMs: VirtualMs;
  command: HostCommand;
}

/** An app or node event without the fields the page's recorder stamps. */
export type AppEventDraft = Omit<AppEvent, 'seq' | 'atMs' | 'kind' | 'node'>;
export type HostEvent = { kind: 'app'; event: AppEventDraft } | { kind: 'node'; event: NodeEvent };

export interface HostReply {
  id: number;
  outputs: NetOutput[];
  events: HostEvent[];
  /** For `tables` and `export-state`. */
  result?: unknown;
  /** The command threw: the run fails with this, the node name and the virtual time. */
  error?: { message: string; stack?: string };
  /** Answers to the lookahead frames the node took, in order (a prefix of `ahead.inputs`). */
  ahead?: AheadReply[];
}

/**
 * Page → worker, outside the lock-step requests: drop the node and everything it made, and serve
 * the next `init` from a fresh host, as a newly started worker would. No reply: the worker
 * handles its messages in order. Lets the page reuse a worker instead of paying its start-up again.
 */
export interface HostReset {
  reset: true;
}

/** Sent by the worker outside any request: something threw where nobody could catch it. */
export interface HostCrash {
  id: -1;
  crash: { message: string; stack?: string };
}
