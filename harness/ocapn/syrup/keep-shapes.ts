/**
 * Keeps one sample object of each class the codec makes by the thousand.
 *
 * Why: V8 gives each class a chain of hidden classes (one per field the constructor adds); only
 * live objects hold the last one, the chain itself remembers it weakly. Between two bursts of
 * traffic a full GC can find no live object of the class, drop that hidden class, and with it
 * throw away the optimized code of every reader that was specialised on it ("weak objects"
 * deoptimization). The next burst then runs unoptimized until V8 optimizes again: measured on the
 * codec benchmark corpus, a decode pass right after a full GC ran at a third of its speed. One
 * sample per class keeps the hidden classes, and so the optimized code, alive.
 */
const samples: object[] = [];

/** Registers `sample` as the keeper of its class's hidden class; returns it for convenience. */
export function keepShape<T extends object>(sample: T): T {
  samples.push(sample);
  return sample;
}
