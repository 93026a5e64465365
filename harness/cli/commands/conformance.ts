/**
 * `conformance`: runs every scenario against every conforming driver through Playwright's
 * `conformance` project and leaves the matrix in `reports/`. An empty scenario set is reported
 * as empty (and recorded as such in reports/conformance.json), never as a silent success.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import type { CommandIo } from '../io.js';
import { findScenarioFiles } from '../scenario-files.js';

export async function run(argv: string[], io: CommandIo): Promise<number> {
  const files = findScenarioFiles(['scenarios']);
  mkdirSync('reports', { recursive: true });
  if (files.length === 0) {
    writeFileSync(
      'reports/conformance.json',
      JSON.stringify({ status: 'empty', scenarios: 0, message: 'no scenario files under scenarios/' }, null, 2) + '\n',
    );
    io.stdout('conformance: 0 scenario files under scenarios/ — nothing was run (reports/conformance.json says so)');
    return 0;
  }
  io.stdout(`conformance: ${files.length} scenario files`);
  const result = spawnSync(
    process.execPath,
    ['node_modules/@playwright/test/cli.js', 'test', '--project=conformance*', ...argv],
    { stdio: 'inherit', env: { ...process.env, PLAYWRIGHT_HTML_OPEN: 'never' } },
  );
  return result.status ?? 1;
}
