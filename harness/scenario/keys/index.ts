/**
 * The registry of optional top-level scenario keys: one line per key, its definition in
 * keys/<key>.ts. Assembled from here: the schema's top-level properties for these keys
 * (schema-source.ts, after the core ones, in this order), their semantic checks (semantic.ts,
 * after the core checks, in this order), their Plan fields (normalise.ts, in this order: the
 * recording describes a plan by its JSON) and the types `ScenarioDoc` and `Plan` give them.
 * Adding a key: its module, a line here, `npm run schema`, and a test.
 */
import type { ScenarioDoc } from '../doc.js';
import type { SemanticContext } from '../semantic-context.js';
import type { SchemaFragment } from '../vocabulary.js';
import type { KeyDefinition } from './definition.js';
import { designs } from './designs.js';
import { explore } from './explore.js';
import { related } from './related.js';

export const KEYS = {
  designs,
  explore,
  related,
} as const;

type Keys = typeof KEYS;
export type KeyName = keyof Keys;
type BodyOf<K extends KeyName> = Keys[K] extends KeyDefinition<infer B, unknown> ? B : never;

/** The keys as a scenario document writes them, beside the core keys of `ScenarioDoc`. */
export type KeyDocs = { [K in KeyName]?: BodyOf<K> };
/** The keys' Plan fields, each present only when the scenario writes the key (plan.ts `Plan` extends this). */
export type PlanKeyFields = { [K in KeyName]?: ReturnType<Keys[K]['normalise']> };

const KEY_NAMES = Object.keys(KEYS) as KeyName[];

function keyOf(name: KeyName): KeyDefinition<unknown, unknown> {
  return KEYS[name] as KeyDefinition<unknown, unknown>;
}

/** The keys' bodies in a document that passed the schema (which knows every key). */
function bodyOf(doc: ScenarioDoc, name: KeyName): unknown {
  return (doc as ScenarioDoc & KeyDocs)[name];
}

export function keyProperties(): Record<string, SchemaFragment> {
  return Object.fromEntries(KEY_NAMES.map((name) => [name, keyOf(name).schema]));
}

export function checkKeys(ctx: SemanticContext): void {
  for (const name of KEY_NAMES) keyOf(name).check(bodyOf(ctx.doc, name), ctx);
}

export function planKeys(doc: ScenarioDoc): PlanKeyFields {
  const fields: Record<string, unknown> = {};
  for (const name of KEY_NAMES) {
    const body = bodyOf(doc, name);
    if (body !== undefined) fields[name] = keyOf(name).normalise(body, doc);
  }
  return fields as PlanKeyFields;
}
