/**
 * One seeded random-passable generator for the codec's property tests. Each test supplies the
 * leaves it cares about (texts around a length threshold, big integers, sturdyrefs…); the shape
 * of the tree — lists, structs, tagged values and errors down to a depth — is shared.
 */
import { sym, type Dialect } from '../../../harness/ocapn/syrup/index.js';
import { PassableError, Tagged, makeStruct, type Passable } from '../../../harness/ocapn/wire/index.js';
import { RefDesc } from '../../../harness/ocapn/wire/index.js';
import type { Prng } from './syrup/_prng.js';

export interface PassableLeaves {
  /** A string; `astral` says whether code points above U+FFFF are allowed. */
  text(p: Prng, astral: boolean): string;
  integer(p: Prng): bigint;
  float(p: Prng, dialect: Dialect): number;
  bytes(p: Prng): Uint8Array;
  /** Further leaf kinds (drawn like the others), e.g. sturdyrefs. */
  extra?: ReadonlyArray<(p: Prng, dialect: Dialect) => Passable>;
}

const REF_TYPES = ['desc:export', 'desc:answer', 'desc:import-object', 'desc:import-promise'] as const;

/** Containers stop below depth 4, so every tree is finite and small. */
export function makePassableGenerator(leaves: PassableLeaves): (p: Prng, depth: number, dialect: Dialect) => Passable {
  const extra = leaves.extra ?? [];
  const LEAVES = 8 + extra.length;
  const gen = (p: Prng, depth: number, dialect: Dialect): Passable => {
    const astral = dialect !== 'endo';
    const kind = p.r(depth > 3 ? LEAVES : LEAVES + 4);
    if (kind >= 8 && kind < LEAVES) return extra[kind - 8](p, dialect);
    switch (kind) {
      case 0:
        return p.r(2) ? undefined : null;
      case 1:
        return p.r(2) === 1;
      case 2:
        return leaves.integer(p);
      case 3:
        return leaves.float(p, dialect);
      case 4:
        return leaves.text(p, astral);
      case 5:
        return sym(leaves.text(p, true));
      case 6:
        return leaves.bytes(p);
      case 7:
        return new RefDesc(p.pick(REF_TYPES), BigInt(p.r(1000)));
      default:
        switch (kind - LEAVES) {
          case 0:
          case 1:
            return Array.from({ length: p.r(5) }, () => gen(p, depth + 1, dialect));
          case 2: {
            const keys = new Set(Array.from({ length: p.r(6) }, () => leaves.text(p, astral)));
            return makeStruct([...keys].map((k) => [k, gen(p, depth + 1, dialect)] as const));
          }
          default:
            return p.r(2) ? new Tagged(leaves.text(p, true), gen(p, depth + 1, dialect)) : new PassableError(leaves.text(p, astral));
        }
    }
  };
  return gen;
}
