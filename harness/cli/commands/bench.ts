/**
 * `bench`: runs every `tests/bench/*.bench.ts` (each exports `run()` and prints its own numbers).
 * Performance targets live here, never in timed unit tests.
 * Benchmarks call `gc()` between passes, so they need `node --expose-gc`: without it this command
 * runs itself again in a child Node with the flag (same arguments, same output streams).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CommandIo } from '../io.js';

function rerunWithGc(argv: string[], io: CommandIo): number {
  const entry = process.argv[1];
  const child = spawnSync(process.execPath, [...process.execArgv, '--expose-gc', entry, 'bench', ...argv], { stdio: 'inherit' });
  if (child.error) {
    io.stderr(`bench: could not restart with --expose-gc (${child.error.message})`);
    return 1;
  }
  return child.status ?? 1;
}

export async function run(argv: string[], io: CommandIo): Promise<number> {
  if (typeof (globalThis as { gc?: unknown }).gc !== 'function' && !argv.includes('--no-gc')) return rerunWithGc(argv, io);
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
