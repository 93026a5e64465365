/**
 * What an app instance is given by its node host: who it is, how to reach apps on other nodes,
 * virtual time, a seeded random stream, and a way to report app events. Spec anchor:
 * docs/architecture.md (scenarios contain no code; apps are a library of named behaviours); the app semantics are
 * those of fixtures/schemas/scenario.schema.json. View: one app object on one node.
 * Guarantees: apps see only virtual time and seeded randomness.
 */
import { Far } from '@endo/pass-style';
import type { Clock, Random } from '../../../ocapn/world.js';
import type { AppEventDraft } from '../../protocol.js';
import type { CallTag } from '../../recording.js';

export interface AppContext {
  /** The node hosting the app. */
  node: string;
  /** The app instance's name (also its default swiss name). */
  name: string;
  /** Every node of the topology, in plan order. */
  peers: readonly string[];
  /** Method names the plan's kickoffs use: generic apps (echo, forwarder, recorder, thrower)
   * answer every one of them, since a Far object must list its methods. */
  methods: readonly string[];
  clock: Clock;
  random: Random;
  /** App-level defects planted by a mutant driver (e.g. `forwarder-reorders`). */
  defects: readonly string[];
  emit(event: AppEventDraft): void;
  /** A `mark` node event (a traced code path, e.g. `forward:route-revisits-node`). */
  mark(name: string): void;
  /** A reference to the object registered under `swiss` at `node` (cached per pair). */
  lookup(node: string, swiss: string): Promise<object>;
  /** Runs `fn` as one turn of the node: transactional where the driver has turns (what `fn`
   * sends is written only if it returns), otherwise just run. Settles when the turn ended. */
  turn<T>(fn: () => T): Promise<T>;
  /** What this app kept when its node last stopped or was killed, on a `restart keep` (else undefined). */
  saved?: unknown;
  /** Registers how to read the (JSON) state this app keeps across `restart keep`. */
  persist(read: () => unknown): void;
  /** What an earlier `lookup` of the pair resolved to, if it has (synchronous; no fetch). */
  looked(node: string, swiss: string): object | undefined;
}

/**
 * The last argument of every harness-originated call: the tag {sender, ref, n}, plus, for calls
 * that travel a route, the nodes still to visit (forwarders pass the call on and pop the route).
 */
export interface CallEnvelope extends CallTag {
  route?: string[];
}

export function isCallEnvelope(value: unknown): value is CallEnvelope {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.sender === 'string' && typeof v.ref === 'string' && typeof v.n === 'number';
}

export interface SplitCall {
  args: unknown[];
  tag: CallTag | undefined;
  route: string[] | undefined;
}

/** Splits `raw` into (arguments, tag, route) when the last argument is an envelope. */
export function splitTag(raw: unknown[]): SplitCall {
  const last = raw[raw.length - 1];
  if (!isCallEnvelope(last)) return { args: raw, tag: undefined, route: undefined };
  const route = Array.isArray(last.route) ? [...last.route] : undefined;
  return { args: raw.slice(0, -1), tag: { sender: last.sender, ref: last.ref, n: last.n }, route };
}

/** Reports that a (maybe tagged) call reached `method` of this app. */
export function reportDispatch(ctx: AppContext, method: string, tag: CallTag | undefined): void {
  ctx.emit({ event: 'call-dispatched', object: ctx.name, method, ...(tag ? { tag } : {}) });
}

/** A promise that resolves after `ms` of virtual time (immediately for 0). */
export function virtualDelay(clock: Clock, ms: number): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve) => {
    clock.setTimer(clock.now() + ms, resolve);
  });
}

type Handler = (method: string, call: SplitCall) => unknown;

/** A Far object answering each of `names` (plus `extra`) through one handler, reporting dispatch
 * first. Extra methods with their own implementation win over the generic handler. */
export function makeGenericFar(ctx: AppContext, kind: string, handler: Handler, own: Record<string, Handler> = {}): object {
  const methods: Record<string, (...raw: unknown[]) => unknown> = {};
  for (const name of new Set([...ctx.methods, ...Object.keys(own)])) {
    const h = own[name] ?? handler;
    methods[name] = (...raw: unknown[]) => {
      const call = splitTag(raw);
      reportDispatch(ctx, name, call.tag);
      return h(name, call);
    };
  }
  return Far(`${kind} ${ctx.name}@${ctx.node}`, methods);
}
