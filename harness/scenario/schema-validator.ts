/**
 * The compiled scenario schema: fixtures/schemas/scenario.schema.json under ajv 8 (draft-07).
 * Compiled once per process (about 20 ms) and shared by every file a run checks.
 * Why these ajv options: allErrors so an author sees every problem at once; verbose so messages
 * can read the schema (property lists for did-you-mean, patternErrorMessage); discriminator so a
 * wrong app only reports the chosen app's keys. `patternErrorMessage` and `enumDescriptions` are
 * VS Code/YAML extension keywords (readable pattern errors, hover text per enum value);
 * `x-methods`/`x-any-method` document app methods for the semantic phase and `x-facts` each flush
 * design's facts (design-facts.ts); ajv only tolerates them.
 */
import { Ajv, type ValidateFunction } from 'ajv';
import { readFileSync } from 'node:fs';
import type { DesignFactsTable } from './design-facts.js';

/** Loose view of a schema node: enough to read what error messages need. */
export interface SchemaNode {
  $ref?: string;
  type?: string | string[];
  const?: unknown;
  enum?: unknown[];
  description?: string;
  patternErrorMessage?: string;
  properties?: Record<string, SchemaNode>;
  oneOf?: SchemaNode[];
  anyOf?: SchemaNode[];
  minProperties?: number;
  maxProperties?: number;
  [keyword: string]: unknown;
}

export interface ScenarioSchema extends SchemaNode {
  definitions: Record<string, SchemaNode>;
}

export const SCHEMA_URL = new URL('../../fixtures/schemas/scenario.schema.json', import.meta.url);

let schema: ScenarioSchema | undefined;
let validator: ValidateFunction | undefined;

export function getScenarioSchema(): ScenarioSchema {
  schema ??= JSON.parse(readFileSync(SCHEMA_URL, 'utf8')) as ScenarioSchema;
  return schema;
}

export function getScenarioValidator(): ValidateFunction {
  if (!validator) {
    const ajv = new Ajv({ allErrors: true, verbose: true, discriminator: true, strictTypes: false, allowUnionTypes: true });
    for (const keyword of ['patternErrorMessage', 'enumDescriptions', 'x-methods', 'x-any-method', 'x-facts']) ajv.addKeyword(keyword);
    validator = ajv.compile(getScenarioSchema());
  }
  return validator;
}

/** Each flush design's facts, as the node's registry declares them (harness/tools/schemas.ts). */
export function getDesignFacts(): DesignFactsTable {
  return getScenarioSchema().definitions.flushDesign['x-facts'] as DesignFactsTable;
}
