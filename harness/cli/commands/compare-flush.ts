/**
 * `compare-flush [scenario…] [--seeds 1..50] [--designs a,b] [--driver D] [--workers K]
 * [--out DIR]`: the flush design lab. Runs each scenario under every op:flush design — a scenario
 * with `designs:` under its own designs with each design's expectations, any other scenario
 * under every design with its own expectations — each seed in headless Chromium and judged as
 * the test runner judges it (case/judge.ts), and writes DIR/flush-designs.json and .html
 * (report/flush-lab.ts): per scenario × design, perRefFifo with a witness, frames, round trips,
 * long-way and short-way calls, time to the last delivery and to the shortened path. Without a
 * scenario: every scenario that lists designs. When DIR/conformance.json exists, the matrix page
 * is re-rendered with a link to the lab.
 * Exit 0 when the report was written (failing cases are measurements here; the conformance run
 * judges them), 2 on a usage error, before any browser starts.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadCatalog, loadEntries, type ScenarioEntry } from '../../case/catalog.js';
import { judgeCase } from '../../case/judge.js';
import { runInPage, waitForHarness } from '../../case/page-run.js';
import { runPool } from '../../explore/pool.js';
import { buildFlushLabReport, designRow, renderFlushLabHtml, seedMetrics, type ScenarioRows, type SeedMetrics } from '../../report/flush-lab.js';
import { renderMatrixHtml, type Matrix } from '../../report/matrix.js';
import { withDesign } from '../../scenario/designs.js';
import type { Plan } from '../../scenario/plan.js';
import { FLUSH_DESIGNS, type FlushDesign as FlushDesignName } from '../../ocapn/flush/designs.js';
import { didYouMean } from '../../scenario/suggest.js';
import { getDriver, drivers } from '../../drivers/index.js';
import { openBrowserSession } from '../browser-session.js';
import { parseOptions, parseSeeds, UsageError } from '../cli-args.js';
import type { CommandIo } from '../io.js';

const USAGE = 'usage: ocapn-conformance compare-flush [scenario…] [--seeds 1..50] [--designs receiver-initiated,none] [--driver D] [--workers K] [--out DIR]';
const ALL_DESIGNS = Object.keys(FLUSH_DESIGNS) as FlushDesignName[];

interface Group {
  scenario: string;
  title: string;
  file: string;
  plans: Plan[];
}

function parseDesigns(text: string | undefined): FlushDesignName[] {
  if (text === undefined) return ALL_DESIGNS;
  const names = text.split(',').map((s) => s.trim()).filter(Boolean);
  for (const n of names) if (!(n in FLUSH_DESIGNS)) throw new UsageError(`unknown design "${n}"${didYouMean(n, ALL_DESIGNS)} (known: ${ALL_DESIGNS.join(', ')})`);
  if (names.length === 0) throw new UsageError('--designs needs at least one design');
  return names as FlushDesignName[];
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
function groupsFor(entries: readonly ScenarioEntry[], designs: readonly FlushDesignName[]): Group[] {
  const groups = new Map<string, Group>();
  for (const e of entries) {
    if (e.errors !== undefined) throw new UsageError(`${e.file} does not load:\n${e.errors}`);
    const plan = e.plan!;
    const scenario = plan.design?.scenario ?? plan.id;
    const group = groups.get(scenario) ?? { scenario, title: plan.title, file: e.file, plans: [] };
    groups.set(scenario, group);
    if (plan.design) {
      if ((designs as readonly string[]).includes(plan.design.name)) group.plans.push(plan);
    } else {
      for (const d of designs) group.plans.push(withDesign(plan, d));
    }
  }
  return [...groups.values()].filter((g) => g.plans.length > 0);
}

export async function run(argv: string[], io: CommandIo): Promise<number> {
  let args;
  try {
    const { positionals, options } = parseOptions(argv, ['seeds', 'designs', 'driver', 'workers', 'out']);
    const designs = parseDesigns(options.get('designs'));
    const catalog = loadCatalog();
    const entries = positionals.length ? positionals.flatMap((p) => entriesFor(p, catalog)) : catalog.filter((e) => e.plan?.design);
    if (entries.length === 0) throw new UsageError('no scenario lists designs: under scenarios/; name the scenarios to compare');
    const groups = groupsFor(entries, designs);
    if (groups.length === 0) throw new UsageError(`none of those scenarios runs under ${designs.join(', ')}`);
    const driver = options.get('driver') ?? 'reference';
    if (!getDriver(driver)) throw new UsageError(`unknown driver "${driver}" (known: ${drivers.map((d) => d.name).join(', ')})`);
    const seeds = options.has('seeds') ? parseSeeds(options.get('seeds')!) : undefined;
    const workers = Number(options.get('workers') ?? '1');
    if (!Number.isInteger(workers) || workers < 1 || workers > 16) throw new UsageError(`--workers takes 1..16 (got ${options.get('workers')})`);
    args = { groups, designs, driver, seeds, workers, out: options.get('out') ?? 'reports' };
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`compare-flush: ${error.message}\n${USAGE}`);
    return 2;
  }
  const { groups, driver, workers, out } = args;
  const jobs = groups.flatMap((g, gi) => g.plans.flatMap((plan, pi) => (args.seeds ?? plan.seeds).map((seed) => ({ gi, pi, plan, seed }))));
  io.stdout(`compare-flush: ${groups.length} scenario(s) × designs, ${jobs.length} cases on ${workers} worker(s) [${driver}]`);
  const session = await openBrowserSession({ rebuild: process.env.OCAPN_NO_REBUILD !== '1' });
  let results: (SeedMetrics | undefined)[];
  try {
    const pages = [session.page];
    while (pages.length < workers) pages.push(await session.newPage());
    await Promise.all(pages.map((p) => waitForHarness(p)));
    ({ results } = await runPool(pages, jobs, async (page, job) => {
      const recording = await runInPage(page, job.plan, job.seed, driver);
      const j = judgeCase(job.plan, recording);
      return seedMetrics(job.seed, j.transcript, j.checks.verdicts, j.failures);
    }));
  } finally {
    await session.close();
  }
  const scenarios: ScenarioRows[] = groups.map((g, gi) => ({
    scenario: g.scenario,
    title: g.title,
    file: g.file,
    designs: g.plans.map((plan, pi) =>
      designRow(
        plan.design!.name,
        plan.id,
        jobs.flatMap((job, k) => (job.gi === gi && job.pi === pi && results[k] ? [results[k]!] : [])),
      ),
    ),
  }));
  const allSeeds = [...new Set(jobs.map((j) => j.seed))].sort((a, b) => a - b);
  const usedDesigns = [...new Set(groups.flatMap((g) => g.plans.map((p) => p.design!.name)))];
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
  return 0;
}
