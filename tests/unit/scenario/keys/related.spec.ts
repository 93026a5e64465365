/**
 * Goal: the `related` key, whole — the schema takes a list of scenario ids and refuses a bad one,
 * the semantic check refuses the scenario's own id where it is written, and the Plan carries the
 * list only when the scenario writes it (plans without it keep their shape).
 * Method: small scenario texts through the real loader (schema, semantics, normalise).
 */
import { expect, test } from '@playwright/test';
import { formatErrorLine } from '../../../../harness/scenario/errors.js';
import { parseScenario } from '../../../../harness/scenario/load.js';

const scenario = (related: string) => `
id: lone-node
title: one node that does nothing
${related}
topology:
  nodes:
    alice: {}
`;

const load = (related: string) => parseScenario(scenario(related), 'related.yaml', () => '');

test('related: the plan carries the ids, in file order, only when written', () => {
  expect(load('related: [echo-partitioned, echo-strict]').plan?.related).toEqual(['echo-partitioned', 'echo-strict']);
  const without = load('').plan;
  expect(without).toBeDefined();
  expect(without && 'related' in without).toBe(false);
});

test('related: its own id is refused at file:line:col', () => {
  const result = load('related: [echo-partitioned, lone-node]');
  expect(result.plan).toBeUndefined();
  expect(result.errors?.map(formatErrorLine)).toEqual([`related.yaml:4:29: related[1]: "lone-node" is this scenario's own id; list other scenarios`]);
});

test('related: the schema refuses an id that is not a slug, and an empty list', () => {
  const bad = load('related: [Echo_Partitioned]');
  expect(bad.errors?.[0]?.message).toMatch(/related\[0\]/);
  expect(load('related: []').errors?.[0]?.message).toMatch(/related/);
});
