/**
 * Writes operations straight to Syrup bytes, without first building the SyrupValue tree that
 * `opToSyrup` + `encode` go through (that tree is most of the cost of encoding a message).
 * Guarantees: the bytes equal `encode(opToSyrup(op), { dialect })` — same writer methods, same
 * depth limit, same dictionary order; anything but plain data (tagged, errors, sturdyrefs,
 * envelopes, undefined/null) is converted by `toSyrup` and written by the generic writer.
 * On any failure encodeOp takes the value route, whose error is the documented one.
 */
import { Sym, SyrupEncodeError, type SyrupWriter } from '../syrup/index.js';
import { toSyrup } from '../passable/codec.js';
import { isStruct, type Passable } from '../passable/model.js';
import { RefDesc } from './descriptors.js';
import type { OpDef } from './operations.js';

export function writeRefDescTo(desc: RefDesc, w: SyrupWriter): void {
  w.byte(0x3c);
  w.symbol(desc.type);
  w.int(desc.position);
  w.byte(0x3e);
}

export function writePassableTo(value: Passable, w: SyrupWriter, depth: number): void {
  if (depth > 10_000) throw new SyrupEncodeError('value nests too deeply (cycle?)');
  switch (typeof value) {
    case 'boolean':
      w.byte(value ? 0x74 : 0x66);
      return;
    case 'bigint':
      w.int(value);
      return;
    case 'number':
      w.float(value);
      return;
    case 'string':
      w.string(value);
      return;
  }
  if (value instanceof Sym) {
    w.symbol(value.name);
  } else if (value instanceof Uint8Array) {
    w.bytes(value);
  } else if (Array.isArray(value)) {
    w.byte(0x5b);
    for (let i = 0; i < value.length; i++) writePassableTo(value[i], w, depth + 1);
    w.byte(0x5d);
  } else if (value instanceof RefDesc) {
    writeRefDescTo(value, w);
  } else if (isStruct(value)) {
    w.byte(0x7b);
    const base = w.beginEntries();
    const keys = Object.keys(value);
    for (const key of keys) {
      const start = w.len;
      w.string(key);
      const keyEnd = w.len;
      writePassableTo(value[key], w, depth + 1);
      w.endEntry(start, keyEnd);
    }
    w.sortEntries(base, 'dictionary key', w.dialect === 'endo' ? keys : undefined);
    w.byte(0x7d);
  } else {
    w.value(toSyrup(value), depth);
  }
}

/** `<label field…>` with each field written by its type (directly when the type can). */
export function writeOpTo(def: OpDef, op: Record<string, unknown>, w: SyrupWriter): void {
  w.byte(0x3c);
  w.symbol(def.label);
  for (const [name, type, optional] of def.fields) {
    const x = op[name];
    if (optional === 'optional' && x === undefined) break;
    if (type.writeTo) type.writeTo(x, w, 1);
    else w.value(type.write(x), 1);
  }
  w.byte(0x3e);
}
