/**
 * The playground's Node side of the scenario language: a scenario document from the page becomes
 * YAML text, and the project's own loader turns that text into the Plan the page runs — so the
 * plan a live session runs is, by construction, the plan its saved file loads to. Saving writes
 * the same text after the same validation, plus what only a file has: a path inside the working
 * folder, no silent overwrite, and an id no other scenario under scenarios/ uses.
 * Spec anchor: README.md "The playground". Guarantees: every refusal is a list of messages for
 * the page (loader errors as `file:line:col: message`), never a throw.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadCatalog } from '../../case/catalog.js';
import { docToScenarioYaml, planToScenarioDoc } from '../../explore/to-scenario.js';
import { formatError } from '../../scenario/errors.js';
import { parseScenario } from '../../scenario/load.js';
import type { Plan } from '../../scenario/plan.js';

export type PlanAnswer = { plan: Plan; yaml: string } | { errors: string[] };
export type SaveAnswer = { file: string; yaml: string } | { errors: string[] };

const SCHEMA_FILE = 'fixtures/schemas/scenario.schema.json';
const SCENARIO_ROOT = 'scenarios';

/** The schema path the file's modeline names, relative to where the file is written. */
function schemaPathFor(file: string, root: string): string {
  return path.relative(path.dirname(file), path.join(root, SCHEMA_FILE)).split(path.sep).join('/');
}

export class ScenarioService {
  constructor(private readonly root: string = process.cwd()) {}

  /** The text of `doc` as it would be saved at `file` (relative to the working folder). */
  text(doc: object, file: string): string {
    const absolute = path.resolve(this.root, file);
    return docToScenarioYaml(doc, ['Saved by `ocapn-conformance playground`: what a session did, at the virtual times it did it.'], schemaPathFor(absolute, this.root));
  }

  /** Loads `doc` as if it were the file `file`: the plan, or every error the loader found. */
  plan(doc: object, file = 'playground.yaml'): PlanAnswer {
    const yaml = this.text(doc, file);
    const loaded = parseScenario(yaml, file, () => {
      throw new Error('a playground scenario includes no fragments');
    });
    if (loaded.errors) return { errors: loaded.errors.map((e) => formatError(e)) };
    return { plan: loaded.plan, yaml };
  }

  save(doc: object, file: string, overwrite: boolean): SaveAnswer {
    const problem = this.pathProblem(file, overwrite);
    if (problem) return { errors: [problem] };
    const answer = this.plan(doc, file);
    if ('errors' in answer) return answer;
    const clash = this.idClash(answer.plan.id, file);
    if (clash) return { errors: [clash] };
    const absolute = path.resolve(this.root, file);
    mkdirSync(path.dirname(absolute), { recursive: true });
    writeFileSync(absolute, answer.yaml);
    return { file: path.relative(this.root, absolute), yaml: answer.yaml };
  }

  private pathProblem(file: string, overwrite: boolean): string | undefined {
    if (!/\.ya?ml$/.test(file)) return `${file}: a scenario file ends in .yaml`;
    const absolute = path.resolve(this.root, file);
    const inside = path.relative(this.root, absolute);
    if (inside.startsWith('..') || path.isAbsolute(inside)) return `${file}: the playground writes only inside ${this.root}`;
    if (path.basename(absolute).startsWith('_')) return `${file}: a file starting with _ is a fragment, not a scenario`;
    if (existsSync(absolute) && !overwrite) return `${file} exists: choose another name, or tick "overwrite"`;
    return undefined;
  }

  /** Another scenario under scenarios/ with the same id (goldens and --grep need unique ids). */
  private idClash(id: string, file: string): string | undefined {
    const absolute = path.resolve(this.root, file);
    if (path.relative(path.join(this.root, SCENARIO_ROOT), absolute).startsWith('..')) return undefined;
    const other = loadCatalog(path.join(this.root, SCENARIO_ROOT)).find((e) => e.plan?.id === id && path.resolve(this.root, e.file) !== absolute);
    return other ? `id "${id}" is already used by ${path.relative(this.root, other.file)}: scenario ids must be unique (change the id)` : undefined;
  }
}

/** The document a session starts from when it opens `plan`: its steps apart, as the script. */
export function openedDoc(plan: Plan): { doc: Record<string, unknown>; script: unknown[] } {
  const { steps, ...doc } = planToScenarioDoc(plan) as Record<string, unknown> & { steps?: unknown[] };
  return { doc, script: steps ?? [] };
}

/** The document of an empty session. */
export function emptyDoc(seed: number): Record<string, unknown> {
  return {
    id: 'playground-session',
    title: 'a session made in the playground',
    features: [],
    seeds: seed,
    options: { flush: 'receiver-initiated', handoffs: 'proxy' },
    topology: { nodes: {} },
    kickoffs: [],
    expect: { checks: 'all' },
  };
}
