/**
 * `ocapn-conformance encode [--dialect D] [--framed]`: a typed tree (JSON, the `decoded` format
 * of the vector file) on stdin → canonical Syrup as hex on stdout. Bad JSON or a bad tree: one
 * line naming the JSON path, exit 1, no stack.
 */
import type { CommandIo } from '../io.js';
import {
  DIALECTS,
  SyrupEncodeError,
  TypedTreeError,
  encode,
  encodeFrame,
  fromTypedTree,
  toHex,
  type Dialect,
} from '../../ocapn/syrup/index.js';

const USAGE = 'usage: ocapn-conformance encode [--dialect spec|endo|python-suite] [--framed] < typed-tree.json';

export async function run(argv: string[], io: CommandIo): Promise<number> {
  let dialect: Dialect = 'spec';
  let framed = false;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--framed') framed = true;
    else if (argv[i] === '--dialect' && DIALECTS.includes(argv[i + 1] as Dialect)) dialect = argv[++i] as Dialect;
    else {
      io.stderr(`encode: unexpected argument ${argv[i]}\n${USAGE}`);
      return 2;
    }
  }
  const input = new TextDecoder().decode(await io.readStdin());
  let tree: unknown;
  try {
    tree = JSON.parse(input);
  } catch (error) {
    io.stderr(`encode: stdin is not JSON (${(error as Error).message})`);
    return 1;
  }
  try {
    const bytes = encode(fromTypedTree(tree), { dialect });
    io.stdout(toHex(framed ? encodeFrame(bytes) : bytes));
    return 0;
  } catch (error) {
    if (error instanceof TypedTreeError || error instanceof SyrupEncodeError) {
      io.stderr(`encode: ${error.message}`);
      return 1;
    }
    throw error;
  }
}
