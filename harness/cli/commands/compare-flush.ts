/**
 * `compare-flush [scenario…] [--seeds 1..50] [--designs a,b] [--driver D] [--workers K]
 * [--jitter MS] [--rules strict,split] [--models] [--out DIR]`: the flush design lab. Runs each scenario under every op:flush design — a scenario
 * with `designs:` under its own designs with each design's expectations, any other scenario
 * under every design with its own expectations — each seed in headless Chromium and judged as
 * the test runner judges it (case/judge.ts), and writes DIR/flush-designs.json and .html
 * (report/flush-lab.ts): per scenario × design, perRefFifo with a witness, frames, round trips,
 * long-way and short-way calls, time to the last delivery and to the shortened path. Without a
 * scenario: every scenario that lists designs. When DIR/conformance.json exists, the matrix page
 * is re-rendered with a link to the lab.
 * --jitter draws explore's kickoff timing jitter per seed; --rules adds lab variants beside each
 * design as specified: `strict` (options.strictForwarding, fenced designs with handoffs: shorten)
 * and `split` (the answer-queue-split node: an answer and its promise keep two queues). --models
 * runs the scenarios of fixtures/flush-models/published-verdicts.json (defaults: seeds 1..200,
 * jitter 10, rules strict) and writes DIR/flush-models.json and .html beside the lab report
 * (report/flush-models.ts); it exits 1 when a disagreement with a model has no written reason.
 * Exit 0 when the report was written (failing cases are measurements here; the conformance run
 * judges them), 2 on a usage error, before any browser starts.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadCatalog, loadEntries, type ScenarioEntry } from '../../case/catalog.js';
import { judgeCase } from '../../case/judge.js';
import { runInPage, waitForHarness } from '../../case/page-run.js';
import { runPool } from '../../explore/pool.js';
import { DEFAULT_EXPLORE, drawSchedule, materialize } from '../../explore/schedule.js';
import { buildModelsTable, modelScenarios, renderModelsHtml, type ModelsData } from '../../report/flush-models.js';
import { buildFlushLabReport, designRow, renderFlushLabHtml, seedMetrics, type ScenarioRows, type SeedMetrics } from '../../report/flush-lab.js';
import { renderMatrixHtml, type Matrix } from '../../report/matrix.js';
import { withDesign } from '../../scenario/designs.js';
import type { Plan } from '../../scenario/plan.js';
import { FLUSH_DESIGN_NAMES, designFactsOf, isFlushDesign, type FlushDesign as FlushDesignName } from '../../ocapn/flush/designs.js';
import { didYouMean } from '../../scenario/suggest.js';
import { getDriver, drivers } from '../../drivers/index.js';
import { openBrowserSession } from '../browser-session.js';
import { parseOptions, parseSeeds, UsageError } from '../cli-args.js';
import type { CommandIo } from '../io.js';

const USAGE = 'usage: ocapn-conformance compare-flush [scenario…] [--seeds 1..50] [--designs receiver-initiated,none] [--driver D] [--workers K] [--jitter MS] [--rules strict,split] [--models] [--out DIR]';
const MODELS_FILE = 'fixtures/flush-models/published-verdicts.json';
/** A design whose shortenings wait behind a fence (its `fenced` fact): strict forwarding applies. */
const fenced = (design: string): boolean => designFactsOf(design)?.fenced === true;

/** A lab rule variant: what it changes in a design's plan (or which node it runs). */
const RULES = {
  strict: { applies: (p: Plan) => fenced(p.options.flush) && p.options.handoffs === 'shorten', plan: (p: Plan): Plan => ({ ...p, options: { ...p.options, strictForwarding: true } }) },
  split: { applies: () => true, driver: 'answer-queue-split' },
} as const satisfies Record<string, { applies: (p: Plan) => boolean; plan?: (p: Plan) => Plan; driver?: string }>;
type Rule = keyof typeof RULES;
const ALL_DESIGNS: FlushDesignName[] = FLUSH_DESIGN_NAMES;

/** One lab column of a scenario: a design as specified or with a rule, and the node it runs. */
interface Column {
  name: string;
  plan: Plan;
  driver?: string;
}

interface Group {
  scenario: string;
  title: string;
  file: string;
  plans: Column[];
}

function parseRules(text: string | undefined): Rule[] {
  if (text === undefined) return [];
  const names = text.split(',').map((x) => x.trim()).filter(Boolean);
  const known = Object.keys(RULES);
  for (const n of names) if (!known.includes(n)) throw new UsageError(`unknown rule "${n}"${didYouMean(n, known)} (known: ${known.join(', ')})`);
  return names as Rule[];
}

/** The design as specified, then each rule that applies to it. */
function columnsOf(plan: Plan, rules: readonly Rule[]): Column[] {
  const design = plan.design!.name;
  const out: Column[] = [{ name: design, plan }];
  for (const r of rules) {
    const rule: { applies: (p: Plan) => boolean; plan?: (p: Plan) => Plan; driver?: string } = RULES[r];
    if (!rule.applies(plan)) continue;
    const variant = rule.plan ? rule.plan(plan) : plan;
    out.push({ name: `${design}+${r}`, plan: { ...variant, id: `${plan.id}+${r}` }, ...(rule.driver ? { driver: rule.driver } : {}) });
  }
  return out;
}

function parseDesigns(text: string | undefined): FlushDesignName[] {
  if (text === undefined) return ALL_DESIGNS;
  const names = text.split(',').map((s) => s.trim()).filter(Boolean);
  for (const n of names) if (!isFlushDesign(n)) throw new UsageError(`unknown design "${n}"${didYouMean(n, ALL_DESIGNS)} (known: ${ALL_DESIGNS.join(', ')})`);
  if (names.length === 0) throw new UsageError('--designs needs at least one design');
  return names.filter(isFlushDesign);
}

/** The entries a name stands for: a file's entries, a scenario's design entries, or one id. */
function entriesFor(name: string, catalog: readonly ScenarioEntry[]): ScenarioEntry[] {
  if (existsSync(name) && /\.ya?ml$/.test(name)) return loadEntries(name);
  const designs = catalog.filter((e) => e.plan?.design?.scenario === name);
  if (designs.length) return designs;
  const bare = name.replace(/\.ya?ml$/, '').replace(/^scenarios\//, '');
  const found = catalog.filter((e) => e.plan?.id === name || e.file.replace(/\.ya?ml$/, '').replace(/^scenarios\//, '') === bare);
  if (found.length) return found;
  const ids = [...new Set(catalog.flatMap((e) => (e.plan ? [e.plan.design?.scenario ?? e.plan.id] : [])))];
  throw new UsageError(`no scenario "${name}"${didYouMean(name, ids)}: not a file, and no scenario under scenarios/ has that id`);
}

/** One group per scenario: its design plans (filtered by --designs), or its plan under each design. */
function groupsFor(entries: readonly ScenarioEntry[], designs: readonly FlushDesignName[], rules: readonly Rule[]): Group[] {
  const groups = new Map<string, Group>();
  for (const e of entries) {
    if (e.errors !== undefined) throw new UsageError(`${e.file} does not load:\n${e.errors}`);
    const plan = e.plan!;
    const scenario = plan.design?.scenario ?? plan.id;
    const group = groups.get(scenario) ?? { scenario, title: plan.title, file: e.file, plans: [] };
    groups.set(scenario, group);
    const designPlans = plan.design ? ((designs as readonly string[]).includes(plan.design.name) ? [plan] : []) : designs.map((d) => withDesign(plan, d));
    for (const p of designPlans) group.plans.push(...columnsOf(p, rules));
  }
  return [...groups.values()].filter((g) => g.plans.length > 0);
}

interface LabArgs {
  groups: Group[];
  driver: string;
  seeds: number[] | undefined;
  workers: number;
  jitter: number;
  models: ModelsData | undefined;
  out: string;
}

function readModels(): ModelsData {
  return JSON.parse(readFileSync(MODELS_FILE, 'utf8')) as ModelsData;
}

function parseArgs(argv: string[]): LabArgs {
  // --models is a flag: it takes no value.
  const models = argv.includes('--models') ? readModels() : undefined;
  const { positionals, options } = parseOptions(argv.filter((a) => a !== '--models'), ['seeds', 'designs', 'driver', 'workers', 'jitter', 'rules', 'out']);
  const designs = parseDesigns(options.get('designs'));
  const rules = parseRules(options.get('rules') ?? (models ? 'strict' : undefined));
  const catalog = loadCatalog();
  const names = positionals.length ? positionals : models ? modelScenarios(models) : [];
  const entries = names.length ? names.flatMap((p) => entriesFor(p, catalog)) : catalog.filter((e) => e.plan?.design);
  if (entries.length === 0) throw new UsageError('no scenario lists designs: under scenarios/; name the scenarios to compare');
  const groups = groupsFor(entries, designs, rules);
  if (groups.length === 0) throw new UsageError(`none of those scenarios runs under ${designs.join(', ')}`);
  const driver = options.get('driver') ?? 'reference';
  if (!getDriver(driver)) throw new UsageError(`unknown driver "${driver}" (known: ${drivers.map((d) => d.name).join(', ')})`);
  const seeds = options.has('seeds') ? parseSeeds(options.get('seeds')!) : models ? parseSeeds('1..200') : undefined;
  const workers = Number(options.get('workers') ?? '1');
  if (!Number.isInteger(workers) || workers < 1 || workers > 16) throw new UsageError(`--workers takes 1..16 (got ${options.get('workers')})`);
  const jitter = Number(options.get('jitter') ?? (models ? '10' : '0'));
  if (!Number.isFinite(jitter) || jitter < 0) throw new UsageError(`--jitter takes a number of ms ≥ 0 (got ${options.get('jitter')})`);
  return { groups, driver, seeds, workers, jitter, models, out: options.get('out') ?? 'reports' };
}

export async function run(argv: string[], io: CommandIo): Promise<number> {
  let args: LabArgs;
  try {
    args = parseArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`compare-flush: ${error.message}\n${USAGE}`);
    return 2;
  }
  const { groups, driver, workers, out } = args;
  const jobs = groups.flatMap((g, gi) => g.plans.flatMap((col, pi) => (args.seeds ?? col.plan.seeds).map((seed) => ({ gi, pi, plan: col.plan, seed, driver: col.driver ?? driver }))));
  io.stdout(`compare-flush: ${groups.length} scenario(s) × designs, ${jobs.length} cases on ${workers} worker(s) [${driver}]${args.jitter ? `, kickoff jitter ${args.jitter} ms` : ''}`);
  const session = await openBrowserSession({ rebuild: process.env.OCAPN_NO_REBUILD !== '1' });
  let results: (SeedMetrics | undefined)[];
  try {
    const pages = [session.page];
    while (pages.length < workers) pages.push(await session.newPage());
    await Promise.all(pages.map((p) => waitForHarness(p)));
    ({ results } = await runPool(pages, jobs, async (page, job) => {
      // Explore's kickoff jitter: a function of the seed, so the lab's numbers replay.
      const plan = args.jitter > 0 ? materialize(job.plan, drawSchedule(job.plan, job.seed, { ...DEFAULT_EXPLORE, kickoffJitterMs: args.jitter, faults: [] })) : job.plan;
      const recording = await runInPage(page, plan, job.seed, job.driver);
      // perRefFifo is the lab's verdict under every design, named by the scenario or not.
      const j = judgeCase(plan, recording, { extraChecks: ['perRefFifo'] });
      return seedMetrics(job.seed, j.transcript, j.checks.verdicts, j.failures);
    }));
  } finally {
    await session.close();
  }
  const scenarios: ScenarioRows[] = groups.map((g, gi) => ({
    scenario: g.scenario,
    title: g.title,
    file: g.file,
    designs: g.plans.map((col, pi) =>
      designRow(
        col.name,
        col.plan.id,
        jobs.flatMap((job, k) => (job.gi === gi && job.pi === pi && results[k] ? [results[k]!] : [])),
      ),
    ),
  }));
  const allSeeds = [...new Set(jobs.map((j) => j.seed))].sort((a, b) => a - b);
  const usedDesigns = [...new Set(groups.flatMap((g) => g.plans.map((c) => c.name)))];
  const report = buildFlushLabReport(driver, allSeeds, usedDesigns, scenarios);
  mkdirSync(out, { recursive: true });
  const jsonFile = path.join(out, 'flush-designs.json');
  const htmlFile = path.join(out, 'flush-designs.html');
  writeFileSync(jsonFile, JSON.stringify(report, null, 2) + '\n');
  writeFileSync(htmlFile, renderFlushLabHtml(report));
  const matrixJson = path.join(out, 'conformance.json');
  if (existsSync(matrixJson)) {
    const matrix = JSON.parse(readFileSync(matrixJson, 'utf8')) as Matrix;
    writeFileSync(path.join(out, 'conformance.html'), renderMatrixHtml(matrix, { flushDesigns: 'flush-designs.html' }));
  }
  for (const s of scenarios) {
    for (const d of s.designs) {
      const fifo = d.violatingSeeds ? `perRefFifo violated in ${d.violatingSeeds}/${d.seedsRun} (seed ${d.witness!.seed}, frames ${d.witness!.frames.join(', ')})` : `perRefFifo never violated in ${d.seedsRun}`;
      io.stdout(`${d.planId}: ${fifo}; failed ${d.failedSeeds}/${d.seedsRun}; frames ${d.frames?.mean ?? '—'}; round trips ${d.roundTrips?.mean ?? '—'}; long/short ${d.longWay?.mean ?? '—'}/${d.shortWay?.mean ?? '—'}; shortened at ${d.shortenedAtMs?.mean ?? '—'} ms`);
    }
  }
  io.stdout('\ndesign               cases  violating  failed  frames  round-trips  shortened-at-ms');
  for (const h of report.headline) {
    io.stdout(`${h.design.padEnd(20)} ${String(h.cases).padStart(5)}  ${String(h.violatingSeeds).padStart(9)}  ${String(h.failedSeeds).padStart(6)}  ${String(h.frames ?? '—').padStart(6)}  ${String(h.roundTrips ?? '—').padStart(11)}  ${String(h.shortenedAtMs ?? '—').padStart(15)}`);
  }
  io.stdout(`\nwrote ${htmlFile} (data: ${jsonFile})`);
  return args.models ? writeModels(args.models, report, out, io) : 0;
}

/** The models table beside the lab report; 1 when a disagreement has no written reason. */
function writeModels(data: ModelsData, report: ReturnType<typeof buildFlushLabReport>, out: string, io: CommandIo): number {
  const table = buildModelsTable(data, report);
  writeFileSync(path.join(out, 'flush-models.json'), JSON.stringify(table, null, 2) + '\n');
  writeFileSync(path.join(out, 'flush-models.html'), renderModelsHtml(table, data));
  for (const r of table.rows) {
    if (r.cells.length === 0) io.stdout(`model ${r.topology}: no scenario (${r.gap ?? 'not run'})`);
    for (const c of r.cells) {
      const ours = c.ours.map((o) => `${o.scenario}${o.variant === 'as specified' ? '' : `+${o.variant}`} ${o.verdict}${o.verdict === 'violation' ? ` ${o.violating}/${o.seeds}` : ''}`).join(', ');
      io.stdout(`model ${r.topology} ${c.design}: model ${c.published?.verdict ?? '—'}; ours ${ours}; ${c.agreement === 'disagree' && !c.explanation ? 'UNEXPLAINED disagreement' : c.agreement}`);
    }
  }
  io.stdout(`wrote ${path.join(out, 'flush-models.html')} (data: flush-models.json)${table.unexplained.length ? `; ${table.unexplained.length} unexplained disagreement(s): ${table.unexplained.join(', ')}` : ''}`);
  return table.unexplained.length ? 1 : 0;
}
