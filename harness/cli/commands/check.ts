/**
 * `ocapn-conformance check [paths...] [--plan]`: validates scenario files (default: scenarios/).
 * Prints every error of every file as `file:line:col: message` with a code frame and exits 1 on
 * any; otherwise prints `N scenarios OK`. `--plan` also prints each valid file's Plan as JSON
 * (what the simulation will run). Files and folders starting with `_` are fragments, skipped
 * when walking a folder (they are checked inside the scenarios that include them).
 */
import { formatError } from '../../scenario/errors.js';
import { loadScenario } from '../../scenario/load.js';
import { findScenarioFiles } from '../../case/scenario-files.js';

interface Io {
  stdout(s: string): void;
  stderr(s: string): void;
}

export async function run(argv: string[], io: Io): Promise<number> {
  const printPlans = argv.includes('--plan');
  const unknown = argv.filter((a) => a.startsWith('-') && a !== '--plan');
  if (unknown.length > 0) {
    io.stderr(`check: unknown option ${unknown[0]}\nusage: ocapn-conformance check [paths...] [--plan]`);
    return 2;
  }
  const paths = argv.filter((a) => !a.startsWith('-'));
  const roots = paths.length > 0 ? paths : ['scenarios'];
  const files = findScenarioFiles(roots);
  if (files.length === 0) {
    io.stderr(`check: no scenario files (*.yaml) under ${roots.join(', ')}`);
    return 1;
  }
  // Wall time of the whole check, reported so a slow schema or loader shows up in everyday use.
  const started = process.hrtime.bigint();
  let failed = 0;
  for (const file of files) {
    const result = loadScenario(file);
    if (result.errors) {
      failed++;
      io.stderr(result.errors.map(formatError).join('\n'));
    } else if (printPlans) {
      io.stdout(JSON.stringify(result.plan, null, 2));
    }
  }
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const noun = (n: number) => `${n} scenario${n === 1 ? '' : 's'}`;
  if (failed > 0) {
    io.stderr(`${failed} of ${noun(files.length)} failed the check`);
    return 1;
  }
  io.stdout(`${noun(files.length)} OK (${ms.toFixed(0)} ms)`);
  return 0;
}
