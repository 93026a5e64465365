/**
 * Reads `op:deliver` — the bulk of any CapTP stream — straight from bytes into an Op, without the
 * SyrupValue tree and the per-item path bookkeeping of `decode` + `opFromSyrup`.
 * Guarantees: returns an Op only when `opFromSyrup(decode(bytes))` would return an equal one
 * (same SyrupReader checks at the same depths, same dictionary order rule, records inside
 * passables converted by `fromSyrup` itself); returns undefined — or throws — in every other
 * case, and decodeOp then takes the value route, whose result or error is the documented one.
 */
import { DictKeyOrder, type Dialect, type SyrupReader } from '../syrup/index.js';
import { fromSyrup } from './passable-codec.js';
import type { Passable, Struct } from './passable-model.js';
import { RefDesc, type RefDescType } from './descriptors.js';
import type { OpDeliver } from './operations.js';

/** Signals "not a shape this reader handles"; never escapes decodeOp. */
const NOT_HANDLED = new Error('op-reader: not handled');

/** The canonical bytes of a symbol (`11'desc:export`), to match labels without decoding them. */
const symbolBytes = (name: string) => Uint8Array.from(`${name.length}'${name}`, (c) => c.charCodeAt(0));
const LABELS = new Map<string, Uint8Array>(
  ['op:deliver', 'desc:export', 'desc:answer', 'desc:import-object', 'desc:import-promise'].map((n) => [n, symbolBytes(n)]),
);

/** Consumes the symbol `name` when the reader is at its canonical bytes; else reads nothing. */
function takeSymbol(r: SyrupReader, name: string): boolean {
  const want = LABELS.get(name)!;
  const bytes = r.bytes;
  const at = r.pos;
  if (at + want.length > bytes.length) return false;
  for (let i = 0; i < want.length; i++) if (bytes[at + i] !== want[i]) return false;
  r.pos = at + want.length;
  return true;
}

function readDesc(r: SyrupReader, a: RefDescType, b: RefDescType, depth: number): RefDesc {
  const start = r.pos;
  if (r.peek('a descriptor') !== 0x3c) throw NOT_HANDLED;
  r.enter(depth, start);
  r.pos = start + 1;
  const type = takeSymbol(r, a) ? a : takeSymbol(r, b) ? b : undefined;
  if (type === undefined) throw NOT_HANDLED;
  const position = r.readValue(depth + 1);
  if (typeof position !== 'bigint' || position < 0n || !r.atClose(0x3e, 'record', start)) throw NOT_HANDLED;
  return new RefDesc(type, position);
}

function readPassable(r: SyrupReader, depth: number, dialect: Dialect): Passable {
  const start = r.pos;
  const lead = r.peek('a value');
  if (lead === 0x5b) {
    r.enter(depth, start);
    r.pos = start + 1;
    const items: Passable[] = [];
    while (!r.atClose(0x5d, 'list', start)) items.push(readPassable(r, depth + 1, dialect));
    return items;
  }
  if (lead === 0x7b) {
    r.enter(depth, start);
    r.pos = start + 1;
    const order = new DictKeyOrder(r, r.dictOrder);
    const struct: Struct = {};
    while (!r.atClose(0x7d, 'dictionary', start)) {
      const keyStart = r.pos;
      const key = r.readValue(depth + 1);
      order.admit(key, keyStart, r.pos);
      if (typeof key !== 'string') throw NOT_HANDLED;
      const value = readPassable(r, depth + 1, dialect);
      if (key === '__proto__') Object.defineProperty(struct, key, { value, enumerable: true, writable: true, configurable: true });
      else struct[key] = value;
    }
    return struct;
  }
  if (lead === 0x3c) return fromSyrup(r.readRecord(start, depth), dialect);
  if (lead === 0x23) throw NOT_HANDLED; // sets are not passable
  return r.readValue(depth) as Passable; // atoms are their own passables
}

/** The whole buffer as `<op:deliver TO ARGS ANSWER RESOLVE-ME>`, or undefined / a throw. */
export function readDeliver(r: SyrupReader, dialect: Dialect): OpDeliver | undefined {
  const bytes = r.bytes;
  if (bytes.length === 0 || bytes[0] !== 0x3c) return undefined;
  r.enter(0, 0);
  r.pos = 1;
  if (!takeSymbol(r, 'op:deliver')) return undefined;
  const to = readDesc(r, 'desc:export', 'desc:answer', 1) as RefDesc<'desc:export' | 'desc:answer'>;
  const argsStart = r.pos;
  if (r.peek('a list') !== 0x5b) return undefined;
  r.enter(1, argsStart);
  r.pos = argsStart + 1;
  const args: Passable[] = [];
  while (!r.atClose(0x5d, 'list', argsStart)) args.push(readPassable(r, 2, dialect));
  let answer: bigint | false = false;
  if (r.peek('a value') === 0x66) r.pos++;
  else {
    const n = r.readValue(1);
    if (typeof n !== 'bigint' || n < 0n) return undefined;
    answer = n;
  }
  let resolveMe: RefDesc<'desc:import-object' | 'desc:import-promise'> | false = false;
  if (r.peek('a value') === 0x66) r.pos++;
  else resolveMe = readDesc(r, 'desc:import-object', 'desc:import-promise', 1) as RefDesc<'desc:import-object' | 'desc:import-promise'>;
  if (!r.atClose(0x3e, 'record', 0) || r.pos !== bytes.length) return undefined;
  return { type: 'op:deliver', to, args, answer, resolveMe };
}
