/**
 * `ocapn-conformance` command dispatcher: the one composition root of the harness. Each command
 * lives in `commands/<name>.ts` and exports `run(argv, io)`; this file only routes and reports.
 */
import { processIo, type CommandIo, type Command } from './io.js';

// A computed specifier keeps the type check independent of which commands exist yet; tsx maps
// `.js` to the `.ts` source at run time.
const loadCommand = (name: string): Promise<{ run: Command }> => import(`./commands/${name}.js`);

interface CommandEntry {
  summary: string;
  load: () => Promise<{ run: Command }>;
}

export const commands: Record<string, CommandEntry> = {
  decode: { summary: 'decode Syrup bytes (--hex HEX | FILE) to JSON', load: () => loadCommand('decode') },
  encode: { summary: 'encode a typed tree (JSON on stdin) to hex', load: () => loadCommand('encode') },
  check: { summary: 'validate scenario files [paths...]', load: () => loadCommand('check') },
  new: { summary: 'scaffold a scenario: new <id>', load: () => loadCommand('new') },
  conformance: { summary: 'run every scenario against every conforming driver, write reports/', load: () => loadCommand('conformance') },
  run: { summary: 'run one scenario headless: run <scenario> [--seed N] [--driver D] [--out DIR]', load: () => loadCommand('run') },
  explore: { summary: 'seed sweep: explore <scenario> --seeds 1..200 [--driver D]', load: () => loadCommand('explore') },
  goldens: { summary: 'goldens prune [--dry-run]: remove goldens no case produces', load: () => loadCommand('goldens') },
  drivers: { summary: 'list drivers, their features and the endo checkout (OCAPN_ENDO_PATH) [--json]', load: () => loadCommand('drivers') },
  bench: { summary: 'run the benchmarks (codec, simulation)', load: () => loadCommand('bench') },
};

function usage(): string {
  const width = Math.max(...Object.keys(commands).map((k) => k.length));
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return ['usage: ocapn-conformance <command> [options]', '', 'commands:', ...lines].join('\n');
}

export async function main(argv: string[], io: CommandIo = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(usage());
    return name ? 0 : 2;
  }
  const entry = commands[name];
  if (!entry) {
    io.stderr(`ocapn-conformance: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  let mod: { run: Command };
  try {
    mod = await entry.load();
  } catch (error) {
    io.stderr(`ocapn-conformance: command "${name}" is not available yet (${(error as Error).message})`);
    return 2;
  }
  return mod.run(rest, io);
}
