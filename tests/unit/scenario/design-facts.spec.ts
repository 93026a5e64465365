/**
 * Goal: the scenario layer knows each flush design by the facts the node's registry declares, and
 * those facts reach it unchanged through the generated schema; the defaults a scenario without
 * options.flush runs under are the designs that declare them, exactly one each.
 */
import { expect, test } from '@playwright/test';
import { FLUSH_DESIGNS } from '../../../harness/ocapn/flush/designs.js';
import { defaultDesign, designsWhere } from '../../../harness/scenario/design-facts.js';
import { getDesignFacts } from '../../../harness/scenario/schema-validator.js';

test('the schema carries every design with the facts its module declares', () => {
  expect(getDesignFacts()).toEqual(Object.fromEntries(Object.entries(FLUSH_DESIGNS).map(([name, d]) => [name, d.facts])));
});

test('the defaults and the fenced designs are read from the facts', () => {
  const facts = getDesignFacts();
  expect([defaultDesign(facts, true), defaultDesign(facts, false)]).toEqual(['receiver-initiated', 'none']);
  expect(designsWhere(facts, (f) => f.fenced)).toEqual(['shortener-initiated', 'marker', 'marker-first-hop']);
  expect(designsWhere(facts, (f) => f.strictRelaysRideBehindFlush)).toEqual(['marker', 'marker-first-hop']);
});

test('a facts table with two defaults for one case, or none, is refused by name', () => {
  const facts = getDesignFacts();
  const two = { ...facts, extra: { ...facts.none } };
  expect(() => defaultDesign(two, false)).toThrow('exactly one flush design must be the default when no step flushes (got none, extra)');
  const { none: _none, ...without } = facts;
  expect(() => defaultDesign(without, false)).toThrow('(got no design)');
});
