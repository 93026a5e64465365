/**
 * The passable library across the Goblins peer's stdin and stdout. JSON cannot say "a bigint",
 * "-0", "bytes" or "a selector", so a library value (harness/sim/worker-side/apps/passables.ts) travels to the
 * peer as a typed object `{ $g: kind, v: … }` that peer.scm turns into the Goblins value of that
 * kind, and the peer reports a settled value in the same typed form, which `fromTyped` turns back
 * into the JS value so `passableNameOf` can say whether what came back is exactly what was sent.
 * Kinds Goblins has no value for (the Model's null) still travel: the peer refuses them and the
 * kickoff breaks naming the kind, never a silent substitute.
 * Guarantees: `fromTyped(toTyped(v))` is `samePassable` to v for every library value.
 */
// SES globals first: @endo/pass-style reads them when it is evaluated (this runs in the Playwright runner).
import '../ocapn/endo-setup.js';
import { getTag, makeTagged, passStyleOf } from '@endo/pass-style';
import harden from '@endo/harden';
import { makePassable } from '../sim/worker-side/apps/passables.js';
import type { Json } from '../drivers/goblins/commands.js';

const MARK = '$g';

function typed(kind: string, v?: Json): Json {
  return v === undefined ? { [MARK]: kind } : { [MARK]: kind, v };
}

function floatText(n: number): string {
  return Object.is(n, -0) ? '-0' : String(n);
}

/** A library value as the typed JSON the peer program reads. */
export function toTyped(value: unknown): Json {
  if (value === undefined) return typed('undefined');
  if (value === null) return typed('null');
  if (typeof value === 'bigint') return typed('int', value.toString());
  if (typeof value === 'number') return typed('float', floatText(value));
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'symbol') return typed('symbol', Symbol.keyFor(value) ?? value.description ?? '');
  if (value instanceof ArrayBuffer || value instanceof Uint8Array) return typed('bytes', [...new Uint8Array(value instanceof Uint8Array ? value : value.slice(0))]);
  if (Array.isArray(value)) return value.map(toTyped);
  if (value instanceof Error) return typed('error', value.message);
  if ((passStyleOf(value as never) as string) === 'tagged') return { [MARK]: 'tagged', tag: getTag(value as never), v: toTyped((value as { payload: unknown }).payload) };
  return typed('struct', Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, toTyped(v)]));
}

/** Replaces every `{ $passable: name }` inside kickoff args by the typed library value. */
export function typedArgs(args: unknown): Json {
  if (typeof args !== 'object' || args === null) return args as Json;
  if (Array.isArray(args)) return args.map(typedArgs);
  const keys = Object.keys(args);
  if (keys.length === 1 && typeof (args as { $passable?: unknown }).$passable === 'string') return toTyped(makePassable((args as { $passable: string }).$passable));
  return Object.fromEntries(Object.entries(args).map(([k, v]) => [k, typedArgs(v)]));
}

function isTyped(v: unknown): v is { [MARK]: string; v?: unknown; tag?: string } {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as Record<string, unknown>)[MARK] === 'string';
}

/** A value the peer reported in typed form, as the JS value (undefined for a kind it cannot be). */
export function fromTyped(v: unknown): unknown {
  if (Array.isArray(v)) return harden(v.map(fromTyped));
  if (!isTyped(v)) return v;
  switch (v[MARK]) {
    case 'undefined':
      return undefined;
    case 'null':
      return null;
    case 'int':
      return BigInt(String(v.v));
    case 'float':
      return Number(String(v.v));
    case 'symbol':
      return Symbol.for(String(v.v));
    case 'bytes':
      return new Uint8Array(v.v as number[]);
    case 'struct':
      return harden(Object.fromEntries((v.v as [string, unknown][]).map(([k, x]) => [k, fromTyped(x)])));
    case 'tagged':
      return makeTagged(String(v.tag), fromTyped(v.v) as never);
    case 'error':
      return harden(Error(String(v.v)));
    default:
      // `other`: a Goblins value with no library kind (a record Goblins made up, a reference).
      return harden({ goblins: String(v.v) });
  }
}

