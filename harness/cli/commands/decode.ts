/**
 * `ocapn-conformance decode (--hex HEX | FILE) [--view op|typed] [--framed] [--dialect D]`:
 * Syrup bytes → JSON. Default view `op` (the operation view; a value that is not an `op:` record
 * is shown as its typed tree). Several back-to-back values (or `--framed` `<len>:` frames)
 * print as a JSON array. Malformed input: one line naming offset and rule, exit 1, no stack.
 */
import { readFileSync } from 'node:fs';
import type { CommandIo } from '../io.js';
import {
  DIALECTS,
  FrameError,
  FrameReader,
  SyrupDecodeError,
  SyrupRecord,
  Sym,
  decodeOne,
  fromHex,
  toTypedTree,
  type Dialect,
  type SyrupValue,
} from '../../ocapn/syrup/index.js';
import { OpDecodeError, opFromSyrup, toOpView } from '../../ocapn/wire/index.js';

const USAGE = 'usage: ocapn-conformance decode (--hex HEX | FILE) [--view op|typed] [--framed] [--dialect spec|endo|python-suite]';

interface Args {
  hex?: string;
  file?: string;
  view: 'op' | 'typed';
  framed: boolean;
  dialect: Dialect;
}

function parseArgs(argv: string[]): Args | string {
  const args: Args = { view: 'op', framed: false, dialect: 'spec' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => (i + 1 < argv.length ? argv[++i] : undefined);
    if (a === '--hex') {
      args.hex = next();
      if (args.hex === undefined) return '--hex needs a value';
    } else if (a === '--view') {
      const v = next();
      if (v !== 'op' && v !== 'typed') return `--view must be op or typed (got ${v ?? 'nothing'})`;
      args.view = v;
    } else if (a === '--framed') {
      args.framed = true;
    } else if (a === '--dialect') {
      const d = next();
      if (!DIALECTS.includes(d as Dialect)) return `--dialect must be one of ${DIALECTS.join(', ')} (got ${d ?? 'nothing'})`;
      args.dialect = d as Dialect;
    } else if (a.startsWith('-')) {
      return `unknown option ${a}`;
    } else if (args.file === undefined) {
      args.file = a;
    } else {
      return `unexpected argument ${a}`;
    }
  }
  if ((args.hex === undefined) === (args.file === undefined)) return 'give exactly one of --hex HEX or FILE';
  return args;
}

const isOpRecord = (v: SyrupValue) => v instanceof SyrupRecord && v.label instanceof Sym && v.label.name.startsWith('op:');

function show(value: SyrupValue, args: Args): unknown {
  if (args.view === 'typed' || !isOpRecord(value)) return toTypedTree(value);
  return toOpView(opFromSyrup(value, args.dialect));
}

/** Values back to back in one buffer (a lone value is the common case). */
function readAll(bytes: Uint8Array, dialect: Dialect, source?: string): SyrupValue[] {
  if (bytes.length === 0) throw new SyrupDecodeError('empty-input', 0, 'no bytes to decode', source);
  const values: SyrupValue[] = [];
  for (let at = 0; at < bytes.length; ) {
    const { value, end } = decodeOne(bytes, at, { dialect, source });
    values.push(value);
    at = end;
  }
  return values;
}

export async function run(argv: string[], io: CommandIo): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    io.stderr(`decode: ${args}\n${USAGE}`);
    return 2;
  }
  let bytes: Uint8Array;
  if (args.hex !== undefined) {
    const parsed = fromHex(args.hex.replace(/^0x/i, ''));
    if (!parsed) {
      io.stderr('decode: --hex is not an even-length hex string');
      return 1;
    }
    bytes = parsed;
  } else {
    try {
      bytes = new Uint8Array(readFileSync(args.file!));
    } catch (error) {
      io.stderr(`decode: cannot read ${args.file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
      return 1;
    }
  }
  try {
    let shown: unknown[];
    if (args.framed) {
      const reader = new FrameReader();
      const frames = reader.push(bytes);
      reader.end();
      shown = frames.flatMap((f, i) => readAll(f, args.dialect, `frame #${i}`).map((v) => show(v, args)));
    } else {
      shown = readAll(bytes, args.dialect).map((v) => show(v, args));
    }
    io.stdout(JSON.stringify(shown.length === 1 ? shown[0] : shown, null, 2));
    return 0;
  } catch (error) {
    if (error instanceof SyrupDecodeError || error instanceof OpDecodeError || error instanceof FrameError) {
      io.stderr(`decode: ${error.message}`);
      return 1;
    }
    throw error;
  }
}
