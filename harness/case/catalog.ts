/**
 * The case catalog: every scenario file under `scenarios/` loaded synchronously (usable at
 * Playwright collection time) and expanded into cases — (scenario, driver, seed) — for the
 * conforming drivers and for the mutants (mutant-catches.ts). Files with errors are kept as
 * `broken` entries so the runner turns each into a failing test; nothing is dropped.
 * Skips: a driver lacking one of the scenario's features yields a case with `skip` set (the
 * reason names the features), never a missing case.
 * Designs: a scenario with `designs:` becomes one entry per design (plan id `<id>@<design>`),
 * so everything downstream sees scenario × design as it sees any scenario.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { drivers, getDriver } from '../drivers/index.js';
import { formatError } from '../scenario/errors.js';
import { designPlans } from '../scenario/designs.js';
import { loadScenario } from '../scenario/load.js';
import type { Plan } from '../scenario/plan.js';
import { findScenarioFiles } from './scenario-files.js';
import { MUTANT_CATCHES } from './mutant-catches.js';
import { bindCase, driverSkipReason, knownDrivers, lookupDriver, mixedEndoColumns, nodeDriverProblems } from './driver-skips.js';
import { seedsFor } from './goblins-skips.js';
import { servesAsGoblins } from './goblins-serves.js';
import { GOBLINS_DRIVER_NAME } from '../drivers/goblins/info.js';
import { isEndoDriver } from '../drivers/endo/info.js';

export interface CaseSpec {
  plan: Plan;
  driver: string;
  seed: number;
  /** Set when the driver cannot run this scenario: the reason. */
  skip?: string;
  /** Nodes moved to the reference node because the column cannot play them (substitute.ts):
   * node → what the column lacks there. Absent when every node runs the case's driver. */
  roles?: Record<string, string[]>;
  /** For a mixed case (`driver: endo` nodes) on another driver when several endo checkouts are
   * set up: the column its endo nodes run; the case is made once per column (caseLabel). */
  endoColumn?: string;
  /** For mutants: the defect and the checks that must catch it. */
  mutant?: { defect: string; checks: string[] };
}

export interface ScenarioEntry {
  file: string;
  plan?: Plan;
  /** Load errors, formatted `file:line:col: message` with frames (when the file is broken). */
  errors?: string;
  /** Problems of the entry as a whole that are not YAML errors (e.g. an unknown driver). */
  problems: string[];
  cases: CaseSpec[];
  mutantCases: CaseSpec[];
}

export const SCENARIO_ROOT = 'scenarios';

/** Conforming drivers, endo as one column per checkout (driver-skips.ts, knownDrivers). */
export function conformingDrivers(): string[] {
  return knownDrivers().filter((d) => d.conforming).map((d) => d.name);
}

export function mutantDrivers(): string[] {
  return drivers.filter((d) => !d.conforming).map((d) => d.name);
}

function caseFor(unbound: Plan, driver: string, seed: number, endoColumn?: string): CaseSpec {
  const { plan, moved } = bindCase(unbound, driver, process.env, endoColumn);
  const skip = driverSkipReason(plan, driver);
  const roles = Object.keys(moved).length > 0 && !skip ? { roles: moved } : {};
  const column = endoColumn ? { endoColumn } : {};
  return skip ? { plan, driver, seed, skip, ...column } : { plan, driver, seed, ...roles, ...column };
}

/** The case's column label: its driver, `+endo@<commit>` for a mixed case made once per endo
 * checkout, `+goblins` when a node of another driver's case runs on Goblins (so a Goblins defect
 * is never counted in the reference or an endo column). Titles, the matrix and sometimes files
 * tell the columns apart by it; a Goblins column's own case is plain `goblins` (+endo@…). */
export function caseLabel(c: Pick<CaseSpec, 'driver' | 'endoColumn'> & { plan?: Pick<Plan, 'topology'> }): string {
  const endo = c.endoColumn ? `+${c.endoColumn}` : '';
  const goblins = c.driver !== GOBLINS_DRIVER_NAME && c.plan?.topology.nodes.some((n) => n.driver === GOBLINS_DRIVER_NAME) ? `+${GOBLINS_DRIVER_NAME}` : '';
  return `${c.driver}${endo}${goblins}`;
}

export function expandPlan(file: string, plan: Plan): ScenarioEntry {
  const problems: string[] = [];
  // A scenario naming the endo family runs on every endo column.
  const names = plan.drivers === 'all-conforming' ? conformingDrivers() : plan.drivers.flatMap((n) => (n === 'endo' ? knownDrivers().filter((d) => isEndoDriver(d.name)).map((d) => d.name) : [n]));
  for (const n of names) if (!lookupDriver(n)) problems.push(`${file}: unknown driver "${n}" (known: ${drivers.map((d) => d.name).join(', ')})`);
  if (plan.seeds.length === 0) problems.push(`${file}: no seeds`);
  problems.push(...nodeDriverProblems(file, plan));
  const cases = names
    .filter((n) => lookupDriver(n))
    .flatMap((driver) => mixedEndoColumns(plan, driver).flatMap((column) => seedsFor(plan, driver).map((seed) => caseFor(plan, driver, seed, column))));
  // The external pack suite-style: its `serve` processes replaced by Goblins processes.
  const againstGoblins = names.includes(GOBLINS_DRIVER_NAME) ? undefined : servesAsGoblins(plan);
  if (againstGoblins) cases.push(...seedsFor(againstGoblins, GOBLINS_DRIVER_NAME).map((seed) => caseFor(againstGoblins, GOBLINS_DRIVER_NAME, seed)));
  const mutantCases: CaseSpec[] = [];
  for (const [driver, catches] of Object.entries(MUTANT_CATCHES)) {
    const d = getDriver(driver);
    for (const c of catches) {
      if (c.scenario !== plan.id) continue;
      if (!d) {
        problems.push(`mutant-catches.ts: unknown mutant driver "${driver}"`);
        continue;
      }
      const seeds = c.seeds ?? plan.seeds;
      for (const seed of seeds) mutantCases.push({ ...caseFor(plan, driver, seed), mutant: { defect: d.defect ?? driver, checks: c.checks } });
    }
  }
  return { file, plan, problems, cases, mutantCases };
}

/**
 * The entries of one scenario file: one, or one per design for a scenario with `designs:`
 * (scenario/designs.ts: each design's plan has the id `<scenario>@<design>`).
 */
export function loadEntries(file: string): ScenarioEntry[] {
  const result = loadScenario(file);
  if (result.errors) return [{ file, errors: result.errors.map(formatError).join('\n'), problems: [], cases: [], mutantCases: [] }];
  return designPlans(result.plan).map((plan) => expandPlan(file, plan));
}

/** The first entry of a file (its only one unless the scenario lists designs). */
export function loadEntry(file: string): ScenarioEntry {
  return loadEntries(file)[0];
}

/** Every scenario file (fragments `_*` excluded), loaded, in path order, designs expanded. */
export function loadCatalog(root = SCENARIO_ROOT): ScenarioEntry[] {
  return findScenarioFiles([root]).flatMap(loadEntries);
}

/** Problems of the catalog as a whole: duplicate ids, mutants no scenario catches. */
export function catalogProblems(entries: readonly ScenarioEntry[]): string[] {
  const out: string[] = [];
  const byId = new Map<string, string>();
  for (const e of entries) {
    if (!e.plan) continue;
    const other = byId.get(e.plan.id);
    if (other) out.push(`scenario id "${e.plan.id}" is used by both ${other} and ${e.file} (goldens and --grep need unique ids)`);
    else byId.set(e.plan.id, e.file);
  }
  for (const m of mutantDrivers()) {
    const caught = entries.some((e) => e.mutantCases.some((c) => c.driver === m && !c.skip));
    if (!caught) out.push(`mutant ${m} is caught by no scenario (declare one in harness/case/mutant-catches.ts)`);
  }
  return out;
}

/** The `id:` a scenario file declares, read from its text (for files whose plan did not load). */
function declaredId(file: string): string | undefined {
  try {
    return /^id:\s*["']?([^\s"'#]+)/m.exec(readFileSync(file, 'utf8'))?.[1];
  } catch {
    return undefined;
  }
}

/**
 * Finds a scenario by id, by file path, by a path under scenarios/ without extension, or by its
 * file name. A file with errors is found by the id it declares too, so the caller can show the
 * errors rather than say no scenario has that id.
 */
export function findScenario(entries: readonly ScenarioEntry[], name: string): ScenarioEntry | undefined {
  const bare = name.replace(/\.ya?ml$/, '').replace(/^scenarios\//, '');
  const stem = (file: string) => file.replace(/\.ya?ml$/, '').replace(/^scenarios\//, '');
  return (
    entries.find((e) => e.plan?.id === name || e.file === name || stem(e.file) === bare) ??
    entries.find((e) => e.errors !== undefined && (declaredId(e.file) === name || path.basename(stem(e.file)) === bare))
  );
}

/** The golden files the conforming cases of the catalog produce (for pruning). */
export function caseKey(c: Pick<CaseSpec, 'driver' | 'seed' | 'endoColumn'> & { plan: Pick<Plan, 'id' | 'topology'> }): string {
  return `${c.plan.id} [${caseLabel(c)}] seed ${c.seed}`;
}
