/**
 * The conformance matrix: the report's model (matrix-model.ts: cases, implementations and
 * mutants, summary, coverage), its page (matrix-html.ts) and reports/README.md, in one import.
 */
export * from './matrix-model.js';
export { renderMatrixHtml, type MatrixLinks } from './matrix-html.js';

/**
 * `reports/README.md`: what each artefact is and which to open first. Static on
 * purpose: the file is also committed (reports/ is otherwise git-ignored), so a run must leave
 * it byte-identical; counts live in conformance.html/json.
 */
export function renderReportsReadme(): string {
  return `# reports/ (generated, git-ignored but for this page)

Open **conformance.html** first, written by \`npm run conformance\`: the summary per
implementation, then scenarios × implementations (each cell the worst status over its seeds, each
seed linking to its evidence), the harness self-test (mutants) and protocol coverage.

| path | what it is |
|---|---|
| \`conformance.html\` | the report: summary per implementation, the matrix, self-test, coverage, totals |
| \`conformance.json\` | the same data, for machines (schema \`fixtures/schemas/conformance.schema.json\`; \`cases[]\`: scenario, driver, seed, status, violated checks and witnesses, evidence; \`summary\`, \`coverage\`); compare two with \`npx ocapn-conformance diff old.json new.json\` |
| \`flush-designs.html\` | only after \`compare-flush\`: every op:flush design side by side per scenario (perRefFifo with witness, frames, round trips, long/short way, time to shorten); data in \`flush-designs.json\` |
| \`evidence/<scenario>/<driver>-seed-<n>/sequence.svg\` | the run as a sequence diagram: open this first for a failing case (beyond 600 rows, the first 400 and last 150 are drawn and one row summarises the rest) |
| \`…/viewer.html\` | the replay viewer: step through the run frame by frame with each node's tables and the decoded frame; one self-contained file (also \`npx ocapn-conformance view <folder>\`) |
| \`…/verdicts.json\` | every check's verdict, exercised count, witness and explanation line |
| \`…/transcript.json\` | the canonical transcript (one event per line; same format as the goldens) |
| \`…/sequence.md\` | the diagram as Mermaid, for pasting into an issue or PR |
| \`…/tables.json\` | each node's final tables (\`final\`) and every snapshot taken during the run (\`snapshots\`) |
| \`…/replay.txt\` | the command that replays the case headless |
| \`…/golden-diff.txt\` | only when the golden did not match: the full diff (the failure message shows the start) |
| \`playwright-html/\` | Playwright's HTML report: every test with its attachments |
| \`test-results.json\` | Playwright's JSON results (\`.ci/run\` counts from it) |
| \`test-output/\` | per-test output folders of the last Playwright run |

Statuses: pass; FAIL; unknown (passed, but a named check could not decide); expected failure (a
mutant driver caught as it must be); UNEXPECTED PASS (a mutant that no check caught — a failure).
`;
}
