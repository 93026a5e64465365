import { readFileSync } from 'node:fs';
import { makeTranscript } from '../../../harness/transcript/from-recording.js';
import { validateTranscript } from '../../../harness/transcript/validate.js';
import { runChecks, formatVerdicts } from '../../../harness/checks/index.js';
for (const f of process.argv.slice(2)) {
  const rec = JSON.parse(readFileSync(`/tmp/h5/${f}.json`, 'utf8'));
  const t = makeTranscript(rec);
  const v = validateTranscript(t);
  console.log(`== ${f}: driver ${rec.header.driver} end ${rec.outcome.end} ${JSON.stringify(rec.outcome.results)} valid ${v.ok} ${v.text}`);
  console.log(formatVerdicts(runChecks(t)).split('\n').filter((l) => !l.includes(' unknown: ')).join('\n'));
}
