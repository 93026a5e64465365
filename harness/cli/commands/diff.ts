/**
 * `diff <old conformance.json> <new conformance.json>`: what changed between two runs
 * (report/report-diff.ts). Exit 1 when a case newly fails (so CI can gate on it), 0 otherwise,
 * 2 on a usage error or when either file is not a conformance report of this schema version.
 */
import { diffReports, formatDiff } from '../../report/report-diff.js';
import { readReport } from '../../report/report-schema.js';
import type { CommandIo } from '../io.js';

export const DIFF_USAGE = 'usage: ocapn-conformance diff <old conformance.json> <new conformance.json>';

export async function run(argv: string[], io: CommandIo): Promise<number> {
  const files = argv.filter((a) => !a.startsWith('-'));
  const unknown = argv.filter((a) => a.startsWith('-'));
  if (files.length !== 2 || unknown.length > 0) {
    io.stderr(`${unknown.length ? `diff: unknown option ${unknown[0]}\n` : ''}${DIFF_USAGE}`);
    return 2;
  }
  const [before, after] = files.map(readReport);
  let bad = false;
  for (const [file, r] of [[files[0], before], [files[1], after]] as const) {
    if (!r.ok) {
      io.stderr(`diff: ${file}: ${r.problem}`);
      bad = true;
    }
  }
  if (bad || !before.ok || !after.ok) return 2;
  const d = diffReports(before.report, after.report);
  io.stdout(formatDiff(d));
  return d.newlyFailing.length > 0 ? 1 : 0;
}
