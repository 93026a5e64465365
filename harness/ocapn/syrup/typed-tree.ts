/**
 * The lossless typed-tree JSON view of a Syrup value: exactly the `decoded` format of
 * `fixtures/vectors/ocapn-vectors.json`. Transcripts store it next to the raw hex.
 * Guarantees: `fromTypedTree(toTypedTree(v))` equals v (floats bit-exact through `hex`);
 * dictionary entries and set items stay in the order of the value (wire order after decode).
 * Float `value` is a JSON number, or the string "NaN", "Infinity", "-Infinity" or "-0" (JSON has
 * no spelling for them); `hex` is authoritative on the way back.
 */
import { fromHex, isPrintableAscii, latin1, toHex } from './bytes.js';
import { Sym, SyrupDict, SyrupRecord, SyrupSet, type SyrupValue } from './value.js';

export type FloatView = number | 'NaN' | 'Infinity' | '-Infinity' | '-0';

export type TypedTree =
  | { type: 'bool'; value: boolean }
  | { type: 'int'; value: string }
  | { type: 'float64'; hex: string; value: FloatView }
  | { type: 'bytes'; hex: string; ascii?: string }
  | { type: 'string'; value: string }
  | { type: 'symbol'; value: string }
  | { type: 'list'; items: TypedTree[] }
  | { type: 'set'; items: TypedTree[] }
  | { type: 'dict'; entries: Array<[TypedTree, TypedTree]> }
  | { type: 'record'; label: TypedTree; fields: TypedTree[] };

export class TypedTreeError extends Error {
  override name = 'TypedTreeError';
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`typed tree ${path}: ${message}`);
  }
}

export function floatHex(value: number): string {
  const view = new DataView(new ArrayBuffer(8));
  if (Number.isNaN(value)) view.setUint32(0, 0x7ff80000);
  else view.setFloat64(0, value);
  return toHex(new Uint8Array(view.buffer));
}

function floatView(value: number): FloatView {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';
  if (Object.is(value, -0)) return '-0';
  return value;
}

export function toTypedTree(value: SyrupValue): TypedTree {
  switch (typeof value) {
    case 'boolean':
      return { type: 'bool', value };
    case 'bigint':
      return { type: 'int', value: value.toString() };
    case 'number':
      return { type: 'float64', hex: floatHex(value), value: floatView(value) };
    case 'string':
      return { type: 'string', value };
  }
  if (value instanceof Uint8Array) {
    const hex = toHex(value);
    return isPrintableAscii(value) ? { type: 'bytes', hex, ascii: latin1(value) } : { type: 'bytes', hex };
  }
  if (value instanceof Sym) return { type: 'symbol', value: value.name };
  if (Array.isArray(value)) return { type: 'list', items: value.map(toTypedTree) };
  if (value instanceof SyrupSet) return { type: 'set', items: value.items.map(toTypedTree) };
  if (value instanceof SyrupDict) {
    return { type: 'dict', entries: value.entries.map(([k, v]) => [toTypedTree(k), toTypedTree(v)]) };
  }
  if (value instanceof SyrupRecord) {
    return { type: 'record', label: toTypedTree(value.label), fields: value.fields.map(toTypedTree) };
  }
  throw new TypedTreeError('$', 'not a Syrup value');
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

function need<T>(ok: boolean, path: string, message: string, value: T): T {
  if (!ok) throw new TypedTreeError(path, message);
  return value;
}

function floatFromTree(node: Record<string, unknown>, path: string): number {
  if (typeof node.hex === 'string') {
    const bytes = fromHex(node.hex);
    need(bytes !== undefined && bytes.length === 8, `${path}.hex`, 'expected 16 hex digits', 0);
    return new DataView(bytes!.buffer).getFloat64(0);
  }
  const v = node.value;
  if (typeof v === 'number') return v;
  const special: Record<string, number> = { NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity, '-0': -0 };
  if (typeof v === 'string' && v in special) return special[v];
  throw new TypedTreeError(path, 'float64 needs hex or a numeric value');
}

/** Parses a typed tree (e.g. from JSON) back into a value, naming the JSON path of any fault. */
export function fromTypedTree(tree: unknown, path = '$'): SyrupValue {
  if (!isObject(tree) || typeof tree.type !== 'string') {
    throw new TypedTreeError(path, 'expected an object with a "type" field');
  }
  const t = tree;
  switch (t.type) {
    case 'bool':
      return need(typeof t.value === 'boolean', path, 'bool needs a boolean value', t.value as boolean);
    case 'int':
      need(typeof t.value === 'string' && /^-?(0|[1-9][0-9]*)$/.test(t.value), path, 'int needs a decimal string value', 0);
      return BigInt(t.value as string);
    case 'float64':
      return floatFromTree(t, path);
    case 'bytes': {
      if (typeof t.hex === 'string') {
        const bytes = fromHex(t.hex);
        return need(bytes !== undefined, `${path}.hex`, 'not hex', bytes!);
      }
      need(typeof t.ascii === 'string', path, 'bytes needs hex (or ascii)', 0);
      return Uint8Array.from(t.ascii as string, (c) => c.charCodeAt(0) & 0xff);
    }
    case 'string':
      return need(typeof t.value === 'string', path, 'string needs a string value', t.value as string);
    case 'symbol':
      need(typeof t.value === 'string', path, 'symbol needs a string value', 0);
      return new Sym(t.value as string);
    case 'list':
    case 'set': {
      need(Array.isArray(t.items), path, `${t.type} needs an items array`, 0);
      const items = (t.items as unknown[]).map((x, i) => fromTypedTree(x, `${path}.items[${i}]`));
      return t.type === 'list' ? items : new SyrupSet(items);
    }
    case 'dict': {
      need(Array.isArray(t.entries), path, 'dict needs an entries array', 0);
      const entries = (t.entries as unknown[]).map((e, i): [SyrupValue, SyrupValue] => {
        const p = `${path}.entries[${i}]`;
        need(Array.isArray(e) && e.length === 2, p, 'entry must be a [key, value] pair', 0);
        const pair = e as unknown[];
        return [fromTypedTree(pair[0], `${p}[0]`), fromTypedTree(pair[1], `${p}[1]`)];
      });
      return new SyrupDict(entries);
    }
    case 'record': {
      need(Array.isArray(t.fields), path, 'record needs a fields array', 0);
      const label = fromTypedTree(t.label, `${path}.label`);
      return new SyrupRecord(label, (t.fields as unknown[]).map((f, i) => fromTypedTree(f, `${path}.fields[${i}]`)));
    }
    default:
      throw new TypedTreeError(path, `unknown type "${t.type}"`);
  }
}
