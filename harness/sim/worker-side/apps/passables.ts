/**
 * The passable library: named values of every kind the OCapN wire carries, for value-fidelity
 * scenarios. Scenario args are JSON, which cannot say "a bigint", "-0", "a byte array" or "a
 * selector"; an arg `{ $passable: <name> }` (anywhere inside the args) stands for the library value
 * of that name, built inside the worker with the worker's own pass-style. A settled value equal to
 * a library value (same pass style, same contents: -0 is not 0, NaN is NaN, a float 7 is not the
 * integer 7) is recorded as `{ $passable: <name> }`, so `expect.results` can ask that what came
 * back is exactly what was sent. Kinds follow the vector file's passables and the edge cases a
 * codec gets wrong: unusual but valid strings, selectors and struct keys, deep nesting.
 * Not here: references, promises and sturdyrefs (scenarios pass those as kickoff results).
 */
import { getTag, makeTagged, passStyleOf } from '@endo/pass-style';
import harden from '@endo/harden';

type Make = () => unknown;

function bytes(values: number[]): ArrayBuffer {
  const buffer = new Uint8Array(values).buffer;
  // Immutable where the worker's pass-style has them (its byteArray style), else a plain copy.
  const immutable = (buffer as ArrayBuffer & { sliceToImmutable?: () => ArrayBuffer }).sliceToImmutable;
  return immutable ? immutable.call(buffer) : buffer;
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

function nested(depth: number): unknown {
  let value: unknown = { leaf: 'bottom' };
  for (let i = depth; i > 0; i--) value = { level: BigInt(i), inner: value, list: [value === null ? null : 'x'] };
  return value;
}

export const PASSABLES: Readonly<Record<string, Make>> = {
  'undefined-value': () => undefined,
  'null-value': () => null,
  'boolean-true': () => true,
  'boolean-false': () => false,
  'int-zero': () => 0n,
  'int-negative': () => -1n,
  'int-huge': () => 2n ** 100n + 1n,
  'int-negative-huge': () => -(2n ** 100n),
  'float-seven': () => 7,
  'float-fraction': () => 0.1,
  'float-negative-zero': () => -0,
  'float-nan': () => NaN,
  'float-infinity': () => Infinity,
  'float-negative-infinity': () => -Infinity,
  'float-tiny': () => 5e-324,
  'float-max': () => Number.MAX_VALUE,
  'string-empty': () => '',
  'string-nul': () => 'a\u0000b',
  'string-astral': () => '\u{1F600}\u{1D11E}',
  'string-combining': () => 'e\u0301',
  'string-bom': () => '\uFEFFx',
  'string-syrup-lookalike': () => '3:abc"5+<t>[]{}',
  'string-long': () => 'ab'.repeat(5000),
  'bytes-empty': () => bytes([]),
  'bytes-hello': () => bytes([104, 101, 108, 108, 111]),
  'bytes-all': () => bytes(range(256)),
  'selector-hello': () => Symbol.for('hello'),
  'selector-odd': () => Symbol.for('with space:and-colon'),
  'list-empty': () => [],
  'list-nested': () => [[[[]]]],
  'list-mixed': () => [null, undefined, true, 1n, 1.5, 'x', bytes([1, 2]), Symbol.for('s'), [], {}],
  'struct-empty': () => ({}),
  'struct-empty-key': () => ({ '': 1n }),
  'struct-type-key': () => ({ type: 'desc:export', position: 1n }),
  'struct-unusual-keys': () => ({ ' ': 1n, '\u00e9': 2n, '\u{1F600}': 3n, '10': 4n, '9': 5n, 'a\u0000b': 6n, 'desc:import-object': 7n }),
  'struct-nested': () => nested(6),
  'tagged-simple': () => makeTagged('point', { x: 1n, y: 2n }),
  'tagged-nested': () => makeTagged('outer', makeTagged('inner', [1n, 'two'])),
  'error-simple': () => Error('boom'),
  'error-special': () => Error('\u00fc\n"<quoted>" & \u{1F600}'),
};

export const PASSABLE_NAMES: readonly string[] = Object.keys(PASSABLES);

export function makePassable(name: string): unknown {
  const make = PASSABLES[name];
  if (!make) throw new Error(`no passable named "${name}" (known: ${PASSABLE_NAMES.join(', ')})`);
  return harden(make());
}

function isRef(value: unknown): value is { $passable: string } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 1 && typeof (value as { $passable?: unknown }).$passable === 'string';
}

/** Replaces every `{ $passable: name }` inside JSON args by the library value. */
export function revivePassables(value: unknown): unknown {
  if (isRef(value)) return makePassable(value.$passable);
  if (Array.isArray(value)) return value.map(revivePassables);
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = revivePassables(v);
    return out;
  }
  return value;
}

function bytesOf(value: unknown): Uint8Array | undefined {
  if (value instanceof Uint8Array) return value;
  if (value instanceof ArrayBuffer) return new Uint8Array(value.slice(0));
  return undefined;
}

function styleOf(value: unknown): string {
  try {
    return passStyleOf(value as never);
  } catch {
    return 'unpassable';
  }
}

/** Same passable: same kind and contents (floats by Object.is, errors by message). */
export function samePassable(a: unknown, b: unknown): boolean {
  if (typeof a !== typeof b) return false;
  if (typeof a === 'number') return Object.is(a, b);
  if (typeof a !== 'object' || a === null || b === null) return a === b;
  const ba = bytesOf(a);
  const bb = bytesOf(b);
  if (ba || bb) return !!ba && !!bb && ba.length === bb.length && ba.every((x, i) => x === bb[i]);
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => samePassable(x, b[i]));
  }
  if (a instanceof Error || b instanceof Error) return a instanceof Error && b instanceof Error && a.message === b.message;
  const sa = styleOf(a);
  if (sa !== styleOf(b)) return false;
  if (sa === 'tagged') return getTag(a as never) === getTag(b as never) && samePassable((a as { payload: unknown }).payload, (b as { payload: unknown }).payload);
  if (sa !== 'copyRecord') return a === b;
  const ka = Object.keys(a).sort();
  const kb = Object.keys(b as object).sort();
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && samePassable((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** The library name of a value equal to `value`, if any (kind-exact: see samePassable). */
export function passableNameOf(value: unknown): string | undefined {
  // Hardened like what was sent: pass-style only judges frozen records.
  for (const name of PASSABLE_NAMES) if (samePassable(makePassable(name), value)) return name;
  return undefined;
}
