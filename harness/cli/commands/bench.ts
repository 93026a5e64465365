/**
 * `bench`: runs every `tests/bench/*.bench.ts` (each exports `run()` and prints its own numbers).
 * Performance targets live here, never in timed unit tests.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CommandIo } from '../io.js';

export async function run(argv: string[], io: CommandIo): Promise<number> {
  const dir = path.resolve('tests/bench');
  const only = argv.filter((a) => !a.startsWith('-'));
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.bench.ts'))
    .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
    .sort();
  if (files.length === 0) {
    io.stderr(`bench: no benchmark matched in ${dir}`);
    return 1;
  }
  for (const file of files) {
    io.stdout(`\n# ${file}`);
    const mod = (await import(pathToFileURL(path.join(dir, file)).href)) as { run: () => Promise<void> };
    await mod.run();
  }
  return 0;
}
