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
import { breakError, type BreakError } from '../break-reason.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
const HP = (globalThis as any).HandledPromise as any;

export type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/** Promises whose resolution a HandledPromise handler of ours controls (imports, questions). */
export const remotePromises = new WeakSet<object>();

/** Presences of objects a peer hosts: calls on them go to the wire, whatever they lack locally. */
export const presences = new WeakSet<object>();

/**
 * The method names a local target answers, read without touching accessors: a function's
 * prototype chain holds `caller`/`arguments` accessors that throw on strict (and hardened)
 * functions, which is why HandledPromise's own "has no method" message cannot be used here.
 */
function methodNames(target: object): string[] {
  const names = new Set<string>();
  for (let layer: object | null = target; layer && layer !== Object.prototype && layer !== Function.prototype; layer = Object.getPrototypeOf(layer)) {
    for (const [name, desc] of Object.entries(Object.getOwnPropertyDescriptors(layer))) {
      // Dunder names are pass-style plumbing (__getMethodNames__), not methods a peer can call.
      if (typeof desc.value === 'function' && name !== 'constructor' && !name.startsWith('__')) names.add(name);
    }
  }
  return [...names].sort();
}

/** Why a local target cannot take this call (`no-method`; a caller across the wire gets only the
 * message, which harness/checks/break-rules.ts's wire rules read). */
function notAnswerable(target: unknown, selector: string | undefined): BreakError {
  const kind = typeof target === 'function' ? 'a function' : target === null ? 'null' : typeof target === 'object' ? 'an object' : `a ${typeof target}`;
  const names = (typeof target === 'object' || typeof target === 'function') && target !== null ? methodNames(target) : [];
  const has = names.length > 0 ? `it has methods ${names.join(', ')}` : 'it has no methods';
  if (selector === undefined) return breakError('no-method', `the target is not callable: it is ${kind} (${has}); call one of its methods`);
  const hint = typeof target === 'function' ? '; call it without a method name' : '';
  return breakError('no-method', `the target has no method "${selector}": it is ${kind} (${has})${hint}`);
}

function isLocal(target: unknown): boolean {
  if (typeof target === 'function') return true;
  return typeof target === 'object' && target !== null && !presences.has(target) && !remotePromises.has(target) && typeof (target as { then?: unknown }).then !== 'function';
}

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
    // A local target without the method: say so here, in words a break category matches.
    if (target === null || target === undefined || isLocal(target)) return { ok: false, error: notAnswerable(target, selector) };
    // A presence (or a promise we pipeline through): let HandledPromise route it.
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
