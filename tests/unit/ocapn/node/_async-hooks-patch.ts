/**
 * Node-only test support. Node's async_hooks tag promises with private symbols (async ids, the
 * AsyncLocalStorage store), sometimes lazily — after the promise was created. @endo/eventual-send
 * hardens the promise `E()` returns, so a late tag on it throws "Cannot add property
 * Symbol(async_id_symbol), object is not extensible" inside the test runner (Playwright uses
 * AsyncLocalStorage). The fix here: accessors on Promise.prototype for exactly those symbols,
 * backed by a WeakMap, so a write to a frozen promise lands in the side table instead of failing.
 * The browser has no async_hooks; workers do not need this.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

const PATCHED = Symbol.for('ocapn-conformance/async-hooks-patch');

function patch(): void {
  const registry = globalThis as unknown as Record<symbol, boolean>;
  if (registry[PATCHED]) return;
  registry[PATCHED] = true;
  const storage = new AsyncLocalStorage<number>();
  let probe: Promise<void> | undefined;
  storage.run(1, () => {
    probe = Promise.resolve();
  });
  const symbols = Object.getOwnPropertySymbols(probe!);
  for (const symbol of symbols) {
    const values = new WeakMap<object, unknown>();
    Object.defineProperty(Promise.prototype, symbol, {
      configurable: true,
      get(this: object) {
        return values.get(this);
      },
      set(this: object, value: unknown) {
        values.set(this, value);
      },
    });
  }
}

patch();
