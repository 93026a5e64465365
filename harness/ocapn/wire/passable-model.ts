/**
 * The OCapN passable value model as JS values.
 * Spec: the Model draft, CapTP draft "Descriptors".
 * Guarantees: every passable kind has one JS shape, told apart by `typeof`/`instanceof`; a
 * *struct* is exactly a plain object (prototype `Object.prototype` or `null`) — every other
 * object kind is a class instance, so a struct with a `type` key is never mistaken for anything.
 *
 * | OCapN              | wire                                   | JS                              |
 * |--------------------|----------------------------------------|---------------------------------|
 * | Undefined / Null   | `<void>` / `<null>`                    | `undefined` / `null`            |
 * | Boolean, Integer   | `t`/`f`, `N+`/`N-`                     | `boolean`, `bigint`             |
 * | Float64            | `D…`                                   | `number`                        |
 * | String             | `N"…`                                  | `string`                        |
 * | Symbol (selector)  | `N'…`                                  | `Sym`                           |
 * | ByteArray          | `N:…`                                  | `Uint8Array`                    |
 * | List               | `[…]`                                  | `Passable[]`                    |
 * | Struct             | `{…}` with string keys                 | plain object                    |
 * | Tagged             | `<desc:tagged SYMBOL VALUE>`           | `Tagged` (tag as string)        |
 * | Error              | `<desc:error MESSAGE>`                 | `PassableError`                 |
 * | References         | `desc:export` … `desc:import-promise`  | `RefDesc`                       |
 * | SturdyRef          | `<ocapn-sturdyref …>`                  | `Sturdyref`                     |
 * | signed handoff     | `<desc:sig-envelope …>`                | `SigEnvelope`                   |
 * Sets are not passable.
 */
import { type Sym } from '../syrup/index.js';
import { type RefDesc } from './descriptors.js';
import { type SigEnvelope, type Sturdyref } from './components.js';

export class Tagged {
  constructor(
    readonly tag: string,
    readonly payload: Passable,
  ) {}
}

/** Only the message crosses the wire (endo drops everything else); not a JS Error on purpose:
 * no stack, compared by value. */
export class PassableError {
  constructor(readonly message: string) {}
}

export interface Struct {
  [key: string]: Passable;
}

export type Passable =
  | undefined
  | null
  | boolean
  | bigint
  | number
  | string
  | Sym
  | Uint8Array
  | Passable[]
  | Struct
  | Tagged
  | PassableError
  | RefDesc
  | Sturdyref
  | SigEnvelope;

export function isStruct(value: unknown): value is Struct {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Builds a struct from entries without letting a `__proto__` key reach the prototype. */
export function makeStruct(entries: Iterable<readonly [string, Passable]>): Struct {
  const out: Struct = {};
  for (const [key, value] of entries) {
    if (key === '__proto__') Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
    else out[key] = value;
  }
  return out;
}
