/**
 * Argument parsing shared by `run` and `explore`: the scenario (id or path), seeds, driver.
 * Every error is a one-line message for exit code 2 (usage), found before a browser starts.
 */
import { existsSync } from 'node:fs';
import { knownDrivers, lookupDriver } from '../case/driver-skips.js';
import { isEndoDriver } from '../drivers/endo/info.js';
import { findScenario, loadCatalog, loadEntries, type ScenarioEntry } from '../case/catalog.js';

export class UsageError extends Error {}

/** `--name value` / `--name=value` options and positionals; unknown options are errors. */
export function parseOptions(argv: string[], known: readonly string[]): { positionals: string[]; options: Map<string, string> } {
  const positionals: string[] = [];
  const options = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(2, eq) : arg.slice(2);
    if (!known.includes(name)) throw new UsageError(`unknown option --${name} (known: ${known.map((k) => `--${k}`).join(', ')})`);
    const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || value.startsWith('--')) throw new UsageError(`--${name} needs a value`);
    options.set(name, value);
  }
  return { positionals, options };
}

/** `7`, `1..200`, `1,3,5..9` → seeds in order, without duplicates; non-negative integers. */
export function parseSeeds(text: string): number[] {
  const out: number[] = [];
  for (const part of text.split(',')) {
    const m = /^\s*(\d+)\s*(?:\.\.\s*(\d+)\s*)?$/.exec(part);
    if (!m) throw new UsageError(`bad seed range "${text}": write N, A..B or a comma list of those (e.g. 1..200)`);
    const a = Number(m[1]);
    const b = m[2] === undefined ? a : Number(m[2]);
    if (!Number.isSafeInteger(a) || !Number.isSafeInteger(b) || b < a) throw new UsageError(`bad seed range "${part.trim()}": the end must not be before the start`);
    if (b - a > 100_000) throw new UsageError(`seed range "${part.trim()}" is too long (at most 100001 seeds)`);
    for (let s = a; s <= b; s++) if (!out.includes(s)) out.push(s);
  }
  return out;
}

/** The scenario named on the command line: a file path, or an id / path under scenarios/. */
export function resolveScenario(name: string | undefined, catalog?: readonly ScenarioEntry[]): ScenarioEntry {
  const entries = resolveScenarioCases(name, catalog);
  if (entries.length > 1) throw new UsageError(`${name} runs under ${entries.length} flush designs: name one case (${entries.map((e) => e.plan!.id).join(', ')})`);
  return entries[0];
}

/**
 * Every case a name stands for: one, or one per design of a scenario run under several flush
 * designs (a sweep such as `explore` takes them all; resolveScenario asks for one).
 */
export function resolveScenarioCases(name: string | undefined, catalog?: readonly ScenarioEntry[]): ScenarioEntry[] {
  if (!name) throw new UsageError('name a scenario (its id, e.g. refcount-preserved, or its file)');
  let entries: ScenarioEntry[];
  if (existsSync(name) && /\.ya?ml$/.test(name)) {
    entries = loadEntries(name);
  } else {
    const all = catalog ?? loadCatalog();
    const entry = findScenario(all, name);
    const designs = all.filter((e) => e.plan?.design?.scenario === name);
    entries = designs.length > 1 && (!entry || entry.plan?.design) ? designs : entry ? [entry] : [];
  }
  if (entries.length === 0) throw new UsageError(`no scenario "${name}": not a file, and no scenario under scenarios/ has that id`);
  // A file that does not load is one entry, with its errors.
  if (entries[0].errors !== undefined) throw new UsageError(`${entries[0].file} does not load:\n${entries[0].errors}`);
  return entries;
}

/** The driver to run: `--driver`, else the scenario's first. */
export function resolveDriver(entry: ScenarioEntry, name: string | undefined): string {
  const named = name ?? entry.cases[0]?.driver ?? 'reference';
  // `--driver endo` is the first checkout's column (endo@<commit>), as a scenario's `driver: endo` is.
  const chosen = named === 'endo' ? knownDrivers().find((d) => isEndoDriver(d.name))!.name : named;
  if (!lookupDriver(chosen)) throw new UsageError(`unknown driver "${chosen}" (known: ${knownDrivers().map((d) => d.name).join(', ')})`);
  return chosen;
}
