/**
 * Running a delivered call against a local target, keeping the method's direct return value.
 * Spec: CapTP draft "op:deliver" (README.md of harness/ocapn); design choice documented in
 * drivers/README.md ("answers with promises").
 * Why not just `HandledPromise.applyMethod`: its result adopts whatever the method returns, so a
 * method that returns a promise would be reported only once that promise settles (endo HEAD's
 * behaviour). The harness's flush scenarios need the questioner to hold the answerer's promise
 * itself — an import it can flush — so we capture the return value in a box (a box is not
 * thenable, so nothing adopts it) and let the session fulfil the resolver with the promise.
 * Ordering: every delivery to one target object takes the same path (`then` on that target, or
 * an immediate HandledPromise send for a remote promise we pipeline through), so per-target
 * order is the order of arrival.
 */
import type { Turns } from '../turns.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
const HP = (globalThis as any).HandledPromise as any;

export type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/** Promises whose resolution a HandledPromise handler of ours controls (imports, questions). */
export const remotePromises = new WeakSet<object>();

function runOn(target: unknown, selector: string | undefined, args: unknown[], turns: Turns | undefined): Outcome {
  try {
    const method = selector === undefined ? target : (target as Record<string, unknown> | null)?.[selector];
    if (typeof method === 'function') {
      // App code: one transactional turn (../turns.ts). A failure that discarded held sends is
      // reported with the turn's reason, filled in when the turn's window closes — before the
      // outcome is read, since that happens in a reaction queued after this returns.
      const turn = turns?.begin();
      try {
        const value = selector === undefined ? (method as (...a: unknown[]) => unknown)(...args) : (method as (...a: unknown[]) => unknown).apply(target, args);
        turn?.end();
        return { ok: true, value };
      } catch (error) {
        const outcome: Outcome = { ok: false, error };
        if (turn) {
          turn.turn.onEnd = (failure) => {
            if (failure) outcome.error = failure.error;
          };
          turn.end({ error });
        }
        return outcome;
      }
    }
    // A presence (or anything without the method locally): let HandledPromise route it.
    return { ok: true, value: selector === undefined ? HP.applyFunction(target, args) : HP.applyMethod(target, selector, args) };
  } catch (error) {
    return { ok: false, error };
  }
}

/** The boxed outcome of calling `selector` (or the target itself) with `args`, one turn later. */
export function invoke(target: unknown, selector: string | undefined, args: unknown[], turns?: Turns): Promise<Outcome> {
  if (typeof target === 'object' && target !== null && remotePromises.has(target)) {
    // Pipelining through: send on to the remote promise now instead of waiting for it.
    return Promise.resolve().then(() => ({
      ok: true as const,
      value: selector === undefined ? HP.applyFunction(target, args) : HP.applyMethod(target, selector, args),
    }));
  }
  return Promise.resolve(target).then(
    (resolved) => runOn(resolved, selector, args, turns),
    (error) => ({ ok: false as const, error }),
  );
}

export function unbox(outcome: Outcome): unknown {
  if (outcome.ok) return outcome.value;
  throw outcome.error;
}

export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as { then?: unknown }).then === 'function';
}
