/**
 * Harness-originated calls inside a node host: a kickoff send becomes `E(target)[method](...args,
 * tag)`, its result is kept by kickoff name (later kickoffs may pipeline on it; flush and release
 * steps may name it), and its settlement is reported as an app event with a JSON-friendly value.
 * View: the calling node. Guarantees: `call-originated` is reported before the call is made;
 * exactly one `settled` per send; single-element arrays holding a promise (a wrapped forwarder
 * answer) are followed to the value at the end of the chain. Args may name library passables
 * (`{ $passable: name }`, apps/passables.ts); such a call's result, when it equals a library
 * value, is reported by that name.
 */
import { E } from '@endo/eventual-send';
import { getInterfaceOf } from '@endo/pass-style';
import harden from '@endo/harden';
import { passableNameOf, revivePassables } from './apps/passables.js';
import type { CallTag } from '../recording.js';
import { categoryOf } from '../../ocapn/break-reason.js';
import type { AppEventDraft, KickoffSend } from '../protocol.js';

export interface KickoffEnv {
  lookup(node: string, swiss: string): Promise<object>;
  emit(event: AppEventDraft): void;
  /** The node's driver naming its presences (DriverNode.interfaceOf), when it does. */
  interfaceOf?(value: object): string | undefined;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

type InterfaceOf = (value: object) => string | undefined;

/** A value as plain JSON data for the recording (remotables and promises become labels;
 * `interfaceOf` names a driver's presences first, DriverNode.interfaceOf). */
export function toPlain(value: unknown, depth = 0, interfaceOf?: InterfaceOf): unknown {
  if (depth > 32) return '[deep]';
  switch (typeof value) {
    case 'undefined':
      return null;
    case 'bigint':
      return `${value}n`;
    case 'symbol':
      return String(value);
    case 'function':
      return '[function]';
    case 'object':
      break;
    default:
      return value;
  }
  if (value === null) return null;
  if (isThenable(value)) return '[promise]';
  if (Array.isArray(value)) return value.map((v) => toPlain(v, depth + 1, interfaceOf));
  if (value instanceof Error) return { error: value.message };
  const iface = getInterfaceOf(value);
  if (iface !== undefined) return `[remotable ${interfaceOf?.(value) ?? iface}]`;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) out[key] = toPlain((value as Record<string, unknown>)[key], depth + 1, interfaceOf);
  return out;
}

/** Follows `[promise]` wrappers (forwarder `wrapped` mode) to the value at the end. */
async function unwrapChain(value: unknown): Promise<unknown> {
  let current = value;
  for (let hops = 0; hops < 100_000; hops++) {
    if (Array.isArray(current) && current.length === 1 && isThenable(current[0])) current = await current[0];
    else return current;
  }
  return current;
}

/**
 * The recorded reason of a break: the error's message, then its `cause` chain as `(cause: …)`
 * (endo breaks every question of an ended session with one message and says why in the cause;
 * the reference node's errors have none, so its recordings do not change).
 */
export function reasonOf(error: unknown, depth = 0): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: unknown }).cause;
  return cause === undefined || depth > 4 ? error.message : `${error.message} (cause: ${reasonOf(cause, depth + 1)})`;
}

export class Kickoffs {
  /** Kickoff name → the promise of its latest send's result. */
  readonly results = new Map<string, Promise<unknown>>();
  /** Kickoff name → what its latest send fulfilled to (a presence for a fetch), once it has. */
  readonly fulfilled = new Map<string, unknown>();

  constructor(private readonly env: KickoffEnv) {}

  start(send: KickoffSend): void {
    const { kickoff, tag } = send;
    const target = this.targetOf(send);
    this.env.emit({ event: 'call-originated', kickoff, tag, ...(send.method ? { method: send.method } : {}) });
    let result: Promise<unknown>;
    if (send.op === 'fetch') result = target;
    else if (send.op === 'listen') result = E.when(target);
    else {
      const method = send.method ?? 'call';
      // E() queues the call on the target promise, so a call on a pending result pipelines.
      const args = send.args.map(revivePassables);
      result = (E(target) as Record<string, (...a: unknown[]) => Promise<unknown>>)[method](...harden(args), harden({ ...tag, ...(send.route ? { route: send.route } : {}) }));
    }
    this.results.set(kickoff, result);
    this.report(kickoff, tag, result, JSON.stringify(send.args).includes('"$passable"'));
  }

  private targetOf(send: KickoffSend): Promise<object> {
    if (send.target.kind === 'sturdyref') return this.env.lookup(send.target.node, send.target.swiss);
    const earlier = this.results.get(send.target.kickoff);
    if (!earlier) return Promise.reject(Error(`kickoff "${send.kickoff}": no result of kickoff "${send.target.kickoff}" on this node yet`));
    return earlier as Promise<object>;
  }

  /** Lets go of a kickoff's result (a released reference a driver collects). */
  forget(name: string): void {
    this.results.delete(name);
    this.fulfilled.delete(name);
  }

  /** Reports the settlement of `promise` under `name` (also used for flush outcomes). */
  report(name: string, tag: CallTag | undefined, promise: Promise<unknown>, library = false): void {
    const plain = (value: unknown): unknown => {
      const known = library ? passableNameOf(value) : undefined;
      return known !== undefined ? { $passable: known } : toPlain(value, 0, this.env.interfaceOf);
    };
    const base = { event: 'settled' as const, kickoff: name, ...(tag ? { tag } : {}) };
    promise
      .then((value) => {
        this.fulfilled.set(name, value);
        return unwrapChain(value);
      })
      .then(
      (value) => this.env.emit({ ...base, outcome: 'fulfilled', value: plain(value) }),
      (error: unknown) => {
        // The reference node names its break's category; other drivers' errors carry text only.
        const category = categoryOf(error);
        this.env.emit({ ...base, outcome: 'broken', reason: reasonOf(error), ...(category ? { category } : {}) });
      },
    );
  }
}
