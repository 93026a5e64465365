/**
 * `conformance`: runs the `conformance` project (every scenario × conforming driver × seed) and
 * the `mutants` project (each mutant must be caught) through Playwright with the matrix
 * reporter, which leaves `reports/conformance.json` and `reports/conformance.html`. Prints where
 * they are and a one-line summary; the exit code is Playwright's (non-zero on any failure or
 * unexpected pass), and 1 when a conforming driver's case is `unknown` and its scenario has no
 * `expect.allowUnknown` reason (case/unknown-cases.ts). An empty scenario set is still reported (status `empty` in the JSON and
 * the HTML, and said on stdout); it is not a failure (exit 0), as the lead's stub decided.
 * Extra arguments go to Playwright (e.g. `npm run conformance -- --grep flush`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { buildMatrix, renderMatrixHtml, type Matrix } from '../../report/matrix.js';
import { coverageLine } from '../../report/coverage.js';
import { loadCatalog } from '../../case/catalog.js';
import { unknownNotAllowed } from '../../case/unknown-cases.js';
import type { CommandIo } from '../io.js';
import { findScenarioFiles } from '../../case/scenario-files.js';

export const MATRIX_JSON = 'reports/conformance.json';
export const MATRIX_HTML = 'reports/conformance.html';

export async function run(argv: string[], io: CommandIo): Promise<number> {
  const files = findScenarioFiles(['scenarios']);
  mkdirSync('reports', { recursive: true });
  if (files.length === 0) {
    const matrix = buildMatrix([]);
    writeFileSync(MATRIX_JSON, JSON.stringify({ ...matrix, message: 'no scenario files under scenarios/' }, null, 2) + '\n');
    writeFileSync(MATRIX_HTML, renderMatrixHtml(matrix));
    io.stdout(`conformance: 0 scenario files under scenarios/ — nothing was run (${MATRIX_JSON} says status "empty")`);
    return 0;
  }
  io.stdout(`conformance: ${files.length} scenario files; projects conformance + mutants`);
  const result = spawnSync(
    process.execPath,
    [
      'node_modules/@playwright/test/cli.js',
      'test',
      '--project=conformance',
      '--project=mutants',
      '--reporter=list,./harness/report/matrix-reporter.ts',
      ...argv,
    ],
    { stdio: 'inherit', env: { ...process.env, PLAYWRIGHT_HTML_OPEN: 'never' } },
  );
  const status = result.status ?? 1;
  if (existsSync(MATRIX_JSON)) {
    const m = JSON.parse(readFileSync(MATRIX_JSON, 'utf8')) as Matrix;
    const totals = Object.entries(m.totals).filter(([, n]) => n > 0).map(([k, n]) => `${n} ${k}`).join(', ');
    io.stdout(`conformance: ${m.status}; ${totals || 'no cases'}`);
    if (m.coverage) io.stdout(coverageLine(m.coverage));
    io.stdout(`matrix: ${MATRIX_HTML} (data: ${MATRIX_JSON}); evidence under reports/evidence/`);
    const unknown = unknownNotAllowed(m.cases, loadCatalog());
    if (unknown.length > 0) {
      io.stderr(`conformance: ${unknown.length} unknown case(s) of a conforming driver:\n${unknown.join('\n')}`);
      return status === 0 ? 1 : status;
    }
  } else {
    io.stderr(`conformance: Playwright left no ${MATRIX_JSON} (exit ${status})`);
    return status === 0 ? 1 : status;
  }
  return status;
}
