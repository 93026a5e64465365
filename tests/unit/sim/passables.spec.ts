/**
 * Goal: the passable library behind the value-fidelity scenarios — names revive inside args,
 * equality is kind-exact (so an echo that loses -0, turns a float into an integer, strips a BOM
 * or drops a key is caught), and a result is named only when it equals a library value.
 * Method: the library itself under the harness's Endo environment (no worker needed).
 */
import '../../../harness/ocapn/endo-setup.js';
import { test, expect } from '@playwright/test';
import { makePassable, passableNameOf, PASSABLE_NAMES, revivePassables, samePassable } from '../../../harness/sim/worker-side/apps/passables.js';

test('every library value is a passable equal to itself and named by its own name', () => {
  expect(PASSABLE_NAMES.length).toBeGreaterThanOrEqual(40);
  for (const name of PASSABLE_NAMES) {
    expect(samePassable(makePassable(name), makePassable(name)), name).toBe(true);
    expect(passableNameOf(makePassable(name)), name).toBe(name);
  }
});

test('equality is kind-exact: the near misses an echo could produce are different values', () => {
  const nearMisses: [string, unknown][] = [
    ['float-negative-zero', 0],
    ['float-seven', 7n],
    ['int-zero', 0],
    ['string-bom', 'x'],
    ['string-astral', '\u{1F600}'],
    ['bytes-hello', 'hello'],
    ['selector-hello', 'hello'],
    ['struct-empty-key', { x: 1n }],
    ['struct-type-key', { type: 'desc:export', position: 1 }],
    ['list-nested', [[[]]]],
    ['undefined-value', null],
    ['error-simple', Error('bang')],
  ];
  for (const [name, other] of nearMisses) expect(samePassable(makePassable(name), other), name).toBe(false);
  expect(samePassable(NaN, NaN)).toBe(true);
  expect(samePassable(new Uint8Array([104, 105]), new Uint8Array([104, 105]).buffer)).toBe(true);
});

test('args revive names anywhere inside; unknown names are an error naming the library', () => {
  const revived = revivePassables([{ $passable: 'int-huge' }, { nested: [{ $passable: 'float-nan' }] }, 'plain']) as unknown[];
  expect(revived[0]).toBe(2n ** 100n + 1n);
  expect(Number.isNaN((revived[1] as { nested: number[] }).nested[0])).toBe(true);
  expect(revived[2]).toBe('plain');
  expect(() => revivePassables({ $passable: 'nope' })).toThrow(/no passable named "nope" \(known: undefined-value/);
  expect(passableNameOf('just a string')).toBeUndefined();
});
