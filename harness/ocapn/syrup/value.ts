/**
 * The Syrup value model: the JS shapes the codec reads and writes, one per Syrup type.
 * Spec: the `ocapn/syrup` draft specification.
 * View: wire-neutral — a SyrupValue says nothing about OCapN meaning (see wire/).
 * Guarantees: every Syrup value has exactly one JS shape and every shape is distinguishable by
 * `typeof`/`instanceof` alone, so readers never guess:
 *
 * | Syrup      | JS                                   | note                                   |
 * |------------|--------------------------------------|----------------------------------------|
 * | t / f      | `boolean`                            |                                        |
 * | integer    | `bigint`                             | integers are ALWAYS bigint             |
 * | float64    | `number`                             | a JS number is never an integer here   |
 * | bytestring | `Uint8Array`                         |                                        |
 * | string     | `string`                             |                                        |
 * | symbol     | `Sym` (`sym('fetch')`)               | compared by name                       |
 * | list       | `SyrupValue[]`                       |                                        |
 * | dictionary | `SyrupDict` (entries, wire order)    | the encoder sorts; decoder keeps order |
 * | set        | `SyrupSet` (items, wire order)       | the encoder sorts                      |
 * | record     | `SyrupRecord` (label + fields)       | label is any value (OCapN: a Sym)      |
 */

import { keepShape } from './keep-shapes.js';

export class Sym {
  constructor(readonly name: string) {}
  toString(): string {
    return `'${this.name}`;
  }
}

/** Shorthand constructor; symbols are plain values, not interned. */
export const sym = (name: string): Sym => new Sym(name);

export class SyrupDict {
  /** Entries in the order they were read (or given); `encode` writes them canonically sorted. */
  constructor(readonly entries: Array<[SyrupValue, SyrupValue]>) {}
}

export class SyrupSet {
  constructor(readonly items: SyrupValue[]) {}
}

export class SyrupRecord {
  constructor(
    readonly label: SyrupValue,
    readonly fields: SyrupValue[],
  ) {}
}

keepShape(new Sym(''));
keepShape(new SyrupDict([]));
keepShape(new SyrupSet([]));
keepShape(new SyrupRecord(false, []));

export type SyrupValue =
  | boolean
  | bigint
  | number
  | Uint8Array
  | string
  | Sym
  | SyrupValue[]
  | SyrupDict
  | SyrupSet
  | SyrupRecord;

/**
 * Where the three sources disagree (harness/ocapn/README.md has the full table):
 * - `spec`: the drafts — -0 preserved, astral characters allowed, Syrup key order everywhere.
 * - `endo`: endo HEAD — -0 collapsed on write and rejected on read, strings with code points
 *   ≥ U+10000 refused on write, structs (all-string-key dicts) written in JS string order,
 *   string/bytestring record labels tolerated by op readers, get/index/untag answers > 0.
 * - `python-suite`: the Python conformance suite — like `spec` on the Syrup level.
 */
export type Dialect = 'spec' | 'endo' | 'python-suite';

export const DIALECTS: readonly Dialect[] = ['spec', 'endo', 'python-suite'];

/** A short human name of a value's Syrup type, for error messages ("expected list, got string"). */
export function syrupTypeName(value: SyrupValue): string {
  switch (typeof value) {
    case 'boolean':
      return 'boolean';
    case 'bigint':
      return 'integer';
    case 'number':
      return 'float64';
    case 'string':
      return 'string';
    default:
      if (value instanceof Uint8Array) return 'bytestring';
      if (value instanceof Sym) return 'symbol';
      if (Array.isArray(value)) return 'list';
      if (value instanceof SyrupDict) return 'dictionary';
      if (value instanceof SyrupSet) return 'set';
      if (value instanceof SyrupRecord) {
        const label = value.label;
        return label instanceof Sym ? `record <${label.name}>` : 'record';
      }
      return 'unknown';
  }
}
