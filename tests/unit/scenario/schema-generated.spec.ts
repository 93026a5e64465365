/**
 * Goal: the committed JSON Schemas are exactly what the registries generate, so a name added to a
 * vocabulary (an operation, a mark, a check, a feature, an app or method, a driver, a fault)
 * cannot reach the code without reaching `check` and the editor, and nobody edits the schema by
 * hand. Also: every enum is documented value by value, and the vocabularies are really the
 * registries' (one name of each, taken from its source).
 */
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { checkers } from '../../../harness/checks/index.js';
import { drivers } from '../../../harness/drivers/index.js';
import { OP_DEFS } from '../../../harness/ocapn/wire/operations.js';
import { FAULT_KINDS } from '../../../harness/scenario/steps/index.js';
import { buildSchemaFiles, getVocabularies } from '../../../harness/tools/schemas.js';

test('fixtures/schemas/*.json equal what `npm run schema` generates', () => {
  for (const [file, text] of Object.entries(buildSchemaFiles())) {
    expect(readFileSync(file, 'utf8'), `${file} is stale: run npm run schema and commit it`).toBe(text);
  }
});

test('every enum in the scenario schema has one description per value', () => {
  const schema = JSON.parse(buildSchemaFiles()['fixtures/schemas/scenario.schema.json']) as unknown;
  let enums = 0;
  const walk = (node: unknown, path: string): void => {
    if (node === null || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    if (Array.isArray(record.enum) && record.enum.length > 3) {
      enums++;
      expect(record.enumDescriptions, `${path} documents each value`).toHaveLength(record.enum.length);
    }
    for (const [key, child] of Object.entries(record)) walk(child, `${path}/${key}`);
  };
  walk(schema, '');
  expect(enums).toBeGreaterThanOrEqual(5);
});

test('the vocabularies are the registries themselves', () => {
  const v = getVocabularies();
  expect(Object.keys(v.checks)).toEqual(checkers.map((c) => c.name));
  expect(Object.keys(v.drivers)).toEqual(drivers.map((d) => d.name));
  expect(Object.keys(v.operations).sort()).toEqual([...new Set(OP_DEFS.map((d) => d.label))].sort());
  const steps = JSON.parse(buildSchemaFiles()['fixtures/schemas/scenario.schema.json']) as { definitions: { step: { properties: object } } };
  for (const fault of FAULT_KINDS) expect(Object.keys(steps.definitions.step.properties)).toContain(fault);
});
