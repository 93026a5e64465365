/**
 * JS values ↔ OCapN passables for one session: the Endo idiom on our side (Far objects,
 * HandledPromise presences, hardened data) and the wire model (`wire/`) on the other.
 * Spec: the Model draft; CapTP draft "Descriptors" (harness/ocapn/README.md, "Passables").
 * View: the session's. Reference decisions (which descriptor, which position, refcounts) are
 * the session's business and arrive as `RefHooks`; this module only walks values.
 * Guarantees: never returns a half-converted value — an unpassable input throws
 * `PassableEncodeError` before anything is sent (the caller stages refcounts per message).
 */
import { harden } from '../endo-setup.js';
import { makeTagged, passStyleOf, getTag } from '@endo/pass-style';
import { Sym } from '../syrup/index.js';
import { PassableEncodeError, PassableError, Tagged, isStruct, makeStruct, type Passable } from '../wire/index.js';
import { RefDesc } from '../wire/descriptors.js';
import { SigEnvelope, Sturdyref } from '../wire/components.js';
import { latin1 } from '../syrup/bytes.js';

export interface RefHooks {
  /** Is this object one the session must send as a reference even if it looks like data? */
  isReference(value: object): boolean;
  /** Writes a reference: allocates or finds the position and stages its refcount — or, for a
   * reference another session hosts and the node hands off, the signed give that stands for it. */
  toDesc(value: object): RefDesc | SigEnvelope;
  /** Reads a reference; throws ProtocolViolation for positions never introduced. */
  fromDesc(desc: RefDesc): unknown;
  /** A signed handoff-give arrived where a reference may stand. */
  fromHandoff(envelope: SigEnvelope): unknown;
  /** A symbol the peer wrote; passable symbols are registered ones (`Symbol.for`). */
  fromSymbol?(name: string): symbol;
}

function styleOf(value: unknown): string | undefined {
  try {
    return passStyleOf(value as never);
  } catch {
    return undefined;
  }
}

export function toPassable(value: unknown, hooks: RefHooks): Passable {
  switch (typeof value) {
    case 'undefined':
    case 'boolean':
    case 'bigint':
    case 'number':
    case 'string':
      return value;
    case 'symbol':
      return new Sym(Symbol.keyFor(value) ?? value.description ?? '');
    case 'function':
      return hooks.toDesc(value);
  }
  if (value === null) return null;
  const obj = value as object;
  if (hooks.isReference(obj)) return hooks.toDesc(obj);
  if (obj instanceof Sym || obj instanceof Uint8Array) return obj;
  // A signed handoff certificate passes as it is (the receiver's side of a handoff sends one).
  if (obj instanceof SigEnvelope) return obj;
  if (obj instanceof ArrayBuffer) return new Uint8Array(obj.slice(0));
  if (Array.isArray(obj)) return obj.map((item) => toPassable(item, hooks));
  if (obj instanceof Error) return new PassableError(obj.message);
  if (obj instanceof Promise) return hooks.toDesc(obj);
  const style = styleOf(obj);
  if (style === 'tagged') return new Tagged(getTag(obj as never), toPassable((obj as { payload: unknown }).payload, hooks));
  if (style === 'remotable' || style === 'promise') return hooks.toDesc(obj);
  if (isStruct(obj) && style !== 'remotable') {
    return makeStruct(Object.keys(obj).map((key) => [key, toPassable((obj as Record<string, unknown>)[key], hooks)] as const));
  }
  throw new PassableEncodeError(`not passable: ${obj.constructor?.name ?? 'object'}`);
}

/** The harness's SturdyRefLocator shape (`drivers/driver.ts`), rebuilt from the wire form. */
function sturdyrefValue(ref: Sturdyref): unknown {
  return harden({
    location: { transport: ref.peer.transport, designator: ref.peer.designator, hints: ref.peer.hints },
    swiss: latin1(ref.swissNum),
  });
}

export function fromPassable(value: Passable, hooks: RefHooks): unknown {
  switch (typeof value) {
    case 'undefined':
    case 'boolean':
    case 'bigint':
    case 'number':
    case 'string':
      return value;
  }
  if (value === null) return null;
  if (value instanceof Sym) return hooks.fromSymbol ? hooks.fromSymbol(value.name) : Symbol.for(value.name);
  if (value instanceof Uint8Array) return value;
  if (Array.isArray(value)) return harden(value.map((item) => fromPassable(item, hooks)));
  if (value instanceof RefDesc) return hooks.fromDesc(value);
  if (value instanceof Tagged) return makeTagged(value.tag, fromPassable(value.payload, hooks) as never);
  if (value instanceof PassableError) return harden(new Error(value.message));
  if (value instanceof Sturdyref) return sturdyrefValue(value);
  if (value instanceof SigEnvelope) return hooks.fromHandoff(value);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    Object.defineProperty(out, key, { value: fromPassable(value[key], hooks), enumerable: true, writable: true, configurable: true });
  }
  return harden(out);
}
