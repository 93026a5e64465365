/**
 * `findings --witness [--out FILE] [--recordings]`: runs each finding's minimal scenario
 * (case/endo-witness.ts) on every endo column here and writes its byte witness (frames as hex,
 * Syrup text and decoded) to FILE (default harness/drivers/endo/witnesses/WITNESSES.md, the
 * minimal scenarios beside it).
 * `findings [--matrix FILE] [--json]`: endo's defects (drivers/endo/findings.ts) with their status
 * in each endo column of the last matrix (reports/conformance.json, written by `conformance`):
 * `present` when the finding's case failed naming the result the defect spoils, `absent` when
 * the case passed, `other failure` when it failed for something else, `skipped` with the reason,
 * `not run` when the matrix has no such case. Candidates (not yet isolated) are listed apart.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ENDO_CANDIDATES, ENDO_FINDINGS, type EndoFinding } from '../../drivers/endo/findings.js';
import { isEndoDriver } from '../../drivers/endo/info.js';
import { endoTcpColumn } from '../../case/endo-tcp.js';
import type { CommandIo } from '../io.js';
import { witness, WITNESS_DIR } from './findings-witness.js';
import { minimalId } from '../../case/endo-witness.js';
import { MATRIX_JSON } from './conformance.js';

interface MatrixCase {
  scenario: string;
  driver: string;
  seed: number;
  status: string;
  error?: string;
  skip?: string;
  evidence?: { name: string; href: string }[];
}

/** The case's own verdict named `name` (`result <kickoff>`, or a finding's own verdict) from its evidence (expectations.json, beside the
 * matrix): the matrix keeps only a case's first failure, a finding may be its second. */
function resultVerdict(c: MatrixCase, name: string, matrixDir: string | undefined): string | undefined {
  const href = c.evidence?.find((e) => e.name === 'expectations.json')?.href;
  if (matrixDir === undefined || href === undefined || !existsSync(join(matrixDir, href))) return undefined;
  const verdicts = JSON.parse(readFileSync(join(matrixDir, href), 'utf8')) as { name: string; verdict: string }[];
  return verdicts.find((v) => v.name === name)?.verdict;
}

export type FindingStatus = 'present' | 'absent' | 'other failure' | 'skipped' | 'not run';

/** A command that replays a finding's case: `run` for a case in a page worker; a finding shown
 * by endo's own node over TCP runs only as that spec's test (`run` starts no endo TCP peer). */
export function findingReplay(f: Pick<EndoFinding, 'scenario' | 'seed' | 'overTcp'>): string {
  if (!f.overTcp) return `npx ocapn-conformance run ${f.scenario} --seed ${f.seed} --driver endo`;
  return `npx playwright test --project=conformance tests/conformance/endo-tcp.spec.ts --grep "${f.scenario} \\[endo-tcp@[0-9a-f]+/${f.overTcp.framing}\\] seed ${f.seed}\\b"`;
}

/** The matrix column a finding's case runs in for the endo checkout `column`: the column itself,
 * or for a finding shown by endo's own node over TCP, that checkout's `endo-tcp@…/<framing>`. */
export function findingDriver(f: EndoFinding, column: string): string {
  return f.overTcp ? endoTcpColumn({ driver: column }, f.overTcp.framing) : column;
}

/** The status of one finding in one endo column of a matrix. */
export function findingStatus(f: EndoFinding, column: string, cases: readonly MatrixCase[], matrixDir?: string): { status: FindingStatus; detail?: string } {
  const driver = findingDriver(f, column);
  const c = cases.find((x) => x.scenario === f.scenario && x.driver === driver && x.seed === f.seed);
  if (!c) return { status: 'not run' };
  if (c.status === 'pass') return { status: 'absent' };
  if (c.status === 'skipped') return { status: 'skipped', ...(c.error ?? c.skip ? { detail: (c.error ?? c.skip)!.split('\n')[0] } : {}) };
  const verdict = resultVerdict(c, f.verdict ?? `result ${f.result}`, matrixDir);
  if (verdict === 'violated') return { status: 'present' };
  if (verdict === 'holds') return { status: 'absent', detail: `the case fails otherwise: ${(c.error ?? '').split('\n')[0]}` };
  const error = c.error ?? '';
  const names = f.verdict !== undefined ? error.includes(f.verdict) : new RegExp(`\\b(result|kickoff) ${f.result.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`).test(error);
  return names ? { status: 'present' } : { status: 'other failure', detail: error.split('\n')[0] };
}

export async function run(argv: string[], io: CommandIo): Promise<number> {
  if (argv.includes('--witness')) return witness(argv.filter((a) => a !== '--witness'), io);
  const at = argv.indexOf('--matrix');
  const file = at >= 0 ? argv[at + 1] : MATRIX_JSON;
  const unknown = argv.filter((a, i) => a !== '--json' && !(at >= 0 && (i === at || i === at + 1)));
  if (unknown.length > 0 || file === undefined) {
    io.stderr(`findings: ${unknown.length > 0 ? `unknown option ${unknown[0]}` : '--matrix needs a file'}\nusage: ocapn-conformance findings [--matrix FILE] [--json]`);
    return 2;
  }
  const cases: MatrixCase[] = existsSync(file) ? ((JSON.parse(readFileSync(file, 'utf8')) as { cases: MatrixCase[] }).cases ?? []) : [];
  // A mixed column (`endo@…+goblins`) runs endo beside another implementation: no endo finding is judged there.
  const columns = [...new Set(cases.map((c) => c.driver).filter((d) => isEndoDriver(d) && !d.includes('+')))].sort();
  const rows = [...ENDO_FINDINGS.map((f) => ({ f, candidate: false })), ...ENDO_CANDIDATES.map((f) => ({ f, candidate: true }))].map(({ f, candidate }) => ({
    ...f,
    candidate,
    columns: Object.fromEntries(columns.map((col) => [col, findingStatus(f, col, cases, dirname(file))])),
  }));
  if (argv.includes('--json')) {
    io.stdout(JSON.stringify({ matrix: file, columns, findings: rows }, null, 2));
    return 0;
  }
  if (columns.length === 0) io.stdout(`findings: ${file} has no endo column (run \`OCAPN_ENDO_PATH=<checkout>[:<checkout>…] npm run conformance\` first); statuses below are unknown`);
  for (const r of rows) {
    io.stdout(`${r.id}${r.candidate ? ' (candidate)' : ''} — ${r.title}`);
    const label = r.overTcp ? `endo-tcp@…/${r.overTcp.framing}` : 'endo@…';
    io.stdout(`  case: ${r.scenario} [${label}] seed ${r.seed}, ${r.verdict ?? `result ${r.result}`}; replay: ${findingReplay(r)}`);
    io.stdout(`  minimal case: ${WITNESS_DIR}/${minimalId(r)}.yaml; byte witness: ${WITNESS_DIR}/WITNESSES.md (regenerate: findings --witness)`);
    io.stdout(`  spec: ${r.spec}`);
    for (const [col, s] of Object.entries(r.columns)) io.stdout(`  ${col}: ${s.status}${s.detail ? ` (${s.detail})` : ''}`);
    if (r.note) io.stdout(`  note: ${r.note}`);
    io.stdout(`  report: ${r.report}`);
  }
  return 0;
}
