/** xorshift32 (the bench-corpus recipe's generator): a seeded, reproducible stream for tests. */
export function makeXorshift32(seed: number) {
  let x = seed >>> 0 || 1;
  const next = (): number => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x;
  };
  const r = (n: number): number => next() % n;
  return { next, r, pick: <T>(items: readonly T[]): T => items[r(items.length)] };
}
export type Prng = ReturnType<typeof makeXorshift32>;
