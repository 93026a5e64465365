/**
 * Structure check: the merged scenario data against fixtures/schemas/scenario.schema.json (ajv 8,
 * draft-07, allErrors), with ajv's errors rewritten as `file:line:col: <path> <sentence>`.
 * View: the author's — every message names the path, what was expected and what was found.
 * Guarantees: one message per fault. anyOf noise is collapsed: every anyOf in the schema tells its
 * branches apart by JSON type, so the branch matching the value's type speaks and the others
 * are silent; when no branch matches, one "must be A, B or C" message replaces them all.
 * Elsewhere: ajv setup and schema loading in schema-validator.ts; names and references in semantic.ts.
 */
import type { ErrorObject } from 'ajv';
import { describeValue, formatPath, makeError, type ScenarioError } from './errors.js';
import { findOrigin } from './origins.js';
import type { Located } from './source.js';
import { didYouMean, getSuggestion } from './suggest.js';
import { getScenarioSchema, getScenarioValidator, type SchemaNode } from './schema-validator.js';

type Path = string[];

export function checkSchema(located: Located): ScenarioError[] {
  const validate = getScenarioValidator();
  if (validate(located.data)) return [];
  const raw = collapseAnyOf(validate.errors ?? [], located.data);
  const errors: ScenarioError[] = [];
  const skipTags = new Set(raw.filter((e) => e.keyword === 'required').map((e) => e.instancePath));
  // A misspelt key also makes the real one missing; the did-you-mean already says so.
  const misspelt = new Set(raw.filter((e) => e.keyword === 'additionalProperties').map((e) => {
    const known = Object.keys((e.parentSchema as SchemaNode | undefined)?.properties ?? {});
    return `${e.instancePath}|${getSuggestion(String(e.params.additionalProperty), known)}`;
  }));
  for (const error of raw) {
    if (error.keyword === 'propertyNames') continue; // its inner error carries the name
    if (error.keyword === 'required' && misspelt.has(`${error.instancePath}|${String(error.params.missingProperty)}`)) continue;
    if (error.keyword === 'discriminator' && error.params.error === 'tag' && skipTags.has(error.instancePath)) continue;
    errors.push(toScenarioError(error, located));
  }
  return errors;
}

function splitPointer(pointer: string): Path {
  if (pointer === '') return [];
  return pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function getAt(data: unknown, path: Path): unknown {
  let value = data;
  for (const segment of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}

function isUnder(pointer: string, prefix: string): boolean {
  return pointer === prefix || pointer.startsWith(prefix + '/');
}

/** Processes errors in ajv's order: branch errors precede their anyOf error, nested ones first. */
function collapseAnyOf(errors: ErrorObject[], data: unknown): ErrorObject[] {
  const out: ErrorObject[] = [];
  for (const error of errors) {
    if (error.keyword !== 'anyOf') {
      out.push(error);
      continue;
    }
    const group: ErrorObject[] = [];
    while (out.length > 0 && isUnder(out[out.length - 1].instancePath, error.instancePath)) group.unshift(out.pop()!);
    out.push(...chooseBranchErrors(error, group, getAt(data, splitPointer(error.instancePath))));
  }
  return out;
}

function chooseBranchErrors(anyOf: ErrorObject, group: ErrorObject[], value: unknown): ErrorObject[] {
  const branches = (anyOf.schema as SchemaNode[]).map(resolveRef);
  const matching = branches.filter((b) => acceptsType(b, value));
  if (matching.length !== 1) {
    const expected = joinAlternatives(branches.map(describeBranch));
    return [{ ...anyOf, keyword: 'x-alternatives', message: `must be ${expected} (got ${describeValue(value)})` }];
  }
  const isConstBranch = 'const' in matching[0] || 'enum' in matching[0];
  if (isConstBranch && group.some((e) => e.instancePath === anyOf.instancePath && (e.keyword === 'const' || e.keyword === 'enum'))) {
    // A word that is not the one allowed word: name the other forms too (`"quiescent" or a map`).
    const words = 'const' in matching[0] ? [String(matching[0].const)] : (matching[0].enum ?? []).map(String);
    const hint = typeof value === 'string' ? didYouMean(value, words) : '';
    const expected = joinAlternatives(branches.map(describeBranch));
    return [{ ...anyOf, keyword: 'x-alternatives', message: `must be ${expected} (got ${describeValue(value)})${hint}` }];
  }
  // The branches whose type does not match say so at exactly this path; drop those words.
  return group.filter((e) => {
    if (e.instancePath !== anyOf.instancePath) return true;
    if (e.keyword === 'type') return false;
    if ((e.keyword === 'const' || e.keyword === 'enum') && !isConstBranch) return false;
    return true;
  });
}

function resolveRef(node: SchemaNode): SchemaNode {
  let current = node;
  while (typeof current.$ref === 'string') {
    const name = current.$ref.replace('#/definitions/', '');
    current = { ...getScenarioSchema().definitions[name], ...withoutRef(current) };
  }
  return current;
}

function withoutRef(node: SchemaNode): SchemaNode {
  const { $ref: _ignored, ...rest } = node;
  return rest;
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value === 'object' ? 'object' : typeof value;
}

function acceptsType(branch: SchemaNode, value: unknown): boolean {
  const actual = jsonType(value);
  if (branch.type !== undefined) {
    const types = Array.isArray(branch.type) ? branch.type : [branch.type];
    return types.some((t) => t === actual || (t === 'integer' && Number.isInteger(value)));
  }
  if ('const' in branch) return jsonType(branch.const) === actual;
  if (Array.isArray(branch.enum)) return branch.enum.some((v) => jsonType(v) === actual);
  return true;
}

const TYPE_WORDS: Record<string, string> = {
  integer: 'an integer',
  number: 'a number',
  string: 'a string',
  boolean: 'true or false',
  array: 'a list',
  object: 'a map',
  null: 'null',
};

function describeBranch(branch: SchemaNode): string {
  if ('const' in branch) return JSON.stringify(branch.const);
  if (typeof branch.patternErrorMessage === 'string') return branch.patternErrorMessage.replace(/^must be /, '');
  if (Array.isArray(branch.enum)) return branch.enum.length <= 8 ? `one of ${branch.enum.map(String).join(', ')},` : `${nounFromDescription(branch)},`;
  const types = Array.isArray(branch.type) ? branch.type : [branch.type ?? 'any value'];
  return joinAlternatives(types.map((t) => TYPE_WORDS[t] ?? t));
}

function joinAlternatives(words: string[]): string {
  return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

function toScenarioError(error: ErrorObject, located: Located): ScenarioError {
  const path = splitPointer(error.instancePath);
  const value = getAt(located.data, path);
  const here = findOrigin(located.origins, path);
  const at = (child: string, onKey: boolean) => {
    const tree = here.children.get(child);
    return tree ? (onKey ? tree.key ?? tree.value : tree.value) : here.value;
  };
  const where = formatPath(path);
  const parent = (error.parentSchema ?? {}) as SchemaNode;
  const params = error.params as Record<string, unknown>;
  const got = `(got ${describeValue(value)})`;
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const known = Object.keys(parent.properties ?? {});
      return makeError('schema', at(key, true), `${where} has unknown key "${key}"${didYouMean(key, known)}`);
    }
    case 'required':
      return makeError('schema', here.value, `${where} is missing required key "${String(params.missingProperty)}"`);
    case 'discriminator': {
      const tag = String(params.tag);
      if (params.error !== 'mapping') return makeError('schema', at(tag, false), `${where}.${tag} must be a string naming an app`);
      const apps = (parent.oneOf ?? []).map((b) => String(b.properties?.[tag]?.const));
      const found = String(params.tagValue);
      return makeError('schema', at(tag, false), `${where}.${tag} must be one of ${apps.join(', ')} (got "${found}")${didYouMean(found, apps)}`);
    }
    case 'uniqueItems': {
      const later = String(params.i);
      return makeError('schema', at(later, false), `${where} lists ${describeValue((value as unknown[])[Number(later)])} twice`);
    }
    default:
      break;
  }
  if (error.propertyName !== undefined) {
    const name = error.propertyName;
    // The key is quoted already, so the sentence needs no "(got ...)".
    const text = sentence(error, parent, name, '').replace(/ {2,}/g, ' ').trim();
    return makeError('schema', at(name, true), `${where} key "${name}" ${text}`);
  }
  return makeError('schema', here.value, `${where} ${sentence(error, parent, value, got)}`);
}

/** The part after the path: `must be an integer (got "three")`. */
function sentence(error: ErrorObject, parent: SchemaNode, value: unknown, got: string): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'x-alternatives':
      return error.message ?? '';
    case 'type': {
      const types = String(params.type).split(',');
      return `must be ${joinAlternatives(types.map((t) => TYPE_WORDS[t] ?? t))} ${got}`;
    }
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map(String);
      const hint = typeof value === 'string' ? didYouMean(value, allowed) : '';
      const expected = allowed.length <= 8 ? `one of ${allowed.join(', ')}` : nounFromDescription(parent);
      return `must be ${expected} ${got}${hint}`;
    }
    case 'const': {
      const allowed = String(params.allowedValue);
      const hint = typeof value === 'string' ? didYouMean(value, [allowed]) : '';
      return `must be ${JSON.stringify(params.allowedValue)} ${got}${hint}`;
    }
    case 'pattern':
      return `${typeof parent.patternErrorMessage === 'string' ? parent.patternErrorMessage : `must match ${String(params.pattern)}`} ${got}`;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return `must be ${String(params.comparison)} ${String(params.limit)} ${got}`;
    case 'minItems':
    case 'maxItems': {
      const count = Array.isArray(value) ? value.length : 0;
      const bound = error.keyword === 'minItems' ? 'at least' : 'at most';
      return `must have ${bound} ${String(params.limit)} item${params.limit === 1 ? '' : 's'} (got ${count})`;
    }
    case 'minLength':
      return 'must not be empty';
    case 'minProperties':
    case 'maxProperties': {
      const keys = value && typeof value === 'object' ? Object.keys(value) : [];
      if (parent.minProperties === 1 && parent.maxProperties === 1) {
        const noun = parent.description?.startsWith('Exactly one action') ? 'action' : 'key';
        return `must have exactly one ${noun} (got ${keys.length ? keys.join(', ') : 'none'})`;
      }
      return keys.length === 0 ? 'must not be empty' : (error.message ?? '');
    }
    default:
      return error.message ?? 'is invalid';
  }
}

function nounFromDescription(parent: SchemaNode): string {
  const text = typeof parent.description === 'string' ? parent.description : 'an allowed value';
  return text.replace(/\.$/, '').replace(/^(An?) /, (article: string) => article.toLowerCase());
}
