/**
 * Goal: library values cross the Goblins peer's stdin/stdout without losing their kind: every
 * value of the passable library, typed for the peer and read back, is the same passable (-0 stays
 * -0, a bigint stays a bigint, bytes stay bytes, a selector stays a selector), and a value the
 * typed form cannot name never matches a library value by accident.
 * Method: the real library (harness/sim/worker-side/apps/passables.ts) and the real conversion; no Guile.
 */
import { test, expect } from '@playwright/test';
import { fromTyped, toTyped, typedArgs } from '../../../harness/case/goblins-passables.js';
import { makePassable, passableNameOf, PASSABLE_NAMES, samePassable } from '../../../harness/sim/worker-side/apps/passables.js';

test('goblins passables - every library value survives typed and back, and is named as itself', () => {
  for (const name of PASSABLE_NAMES) {
    const back = fromTyped(JSON.parse(JSON.stringify(toTyped(makePassable(name)))));
    expect(samePassable(makePassable(name), back), name).toBe(true);
    expect(passableNameOf(back), name).toBe(name);
  }
});

test('goblins passables - kinds stay apart: an int is not a float, -0 is not 0, an unknown Goblins value is no library value', () => {
  expect(toTyped(7)).toEqual({ $g: 'float', v: '7' });
  expect(toTyped(7n)).toEqual({ $g: 'int', v: '7' });
  expect(toTyped(-0)).toEqual({ $g: 'float', v: '-0' });
  expect(passableNameOf(fromTyped({ $g: 'float', v: '0' }))).toBeUndefined();
  expect(passableNameOf(fromTyped({ $g: 'other', v: '#<void>' }))).toBeUndefined();
  expect(typedArgs([{ $passable: 'int-zero' }, 'plain', { k: 1 }])).toEqual([{ $g: 'int', v: '0' }, 'plain', { k: 1 }]);
});
