import { readFileSync, readdirSync } from 'node:fs';
import { makeTranscript } from '../../../harness/transcript/from-recording.js';
import { validateTranscript } from '../../../harness/transcript/validate.js';
import { runChecks } from '../../../harness/checks/index.js';
import { loadScenario } from '../../../harness/scenario/load.js';
for (const f of readdirSync('/tmp/h5').filter((x) => x.startsWith('sc-')).sort()) {
  const rec = JSON.parse(readFileSync(`/tmp/h5/${f}`, 'utf8'));
  const t = makeTranscript(rec);
  const v = validateTranscript(t);
  const [, dir, ...rest] = f.replace('.json', '').split('-');
  const report = runChecks(t);
  const line = report.verdicts.map((x) => `${x.name}:${x.verdict[0]}${x.exercised}`).join(' ');
  console.log(`${f}: ${rec.outcome.end}${rec.outcome.error ? ' ERR ' + rec.outcome.error.message.slice(0, 80) : ''} valid=${v.ok}${v.ok ? '' : ' ' + v.text}`);
  console.log('   ' + line);
  for (const x of report.verdicts) if (x.verdict === 'violated') console.log('   >> ' + x.explanation);
}
