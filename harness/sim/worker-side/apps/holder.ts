/**
 * `holder`: `get()` answers one promise (`getWrapped()` the same promise in a one-element list) (the same for every caller) that the holder settles
 * `settleAfterMs` of virtual time after the first get (never when null), or on command
 * (`resolveAll(value?)`, `breakAll(reason?)`); `breakWith` non-null breaks instead of fulfilling.
 * Used to keep an answer unresolved while a scenario flushes, kills or partitions.
 * View: one app object. Guarantees: the promise settles at most once.
 */
import harden from '@endo/harden';
import type { JsonValue } from '../../../scenario/plan.js';
import { makeGenericFar, type AppContext } from './app-context.js';

export interface HolderConfig {
  settleAfterMs: number | null;
  value: JsonValue;
  breakWith: string | null;
}

export function makeHolder(ctx: AppContext, config: HolderConfig): object {
  let resolve!: (value: unknown) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // Nobody may ever listen; an unobserved rejection must not look like a crash.
  promise.catch(() => {});
  let timerSet = false;
  const settleConfigured = () => (config.breakWith !== null ? reject(Error(config.breakWith)) : resolve(harden(config.value)));
  const get = () => {
    if (!timerSet && config.settleAfterMs !== null) {
      timerSet = true;
      ctx.clock.setTimer(ctx.clock.now() + config.settleAfterMs, settleConfigured);
    }
    return promise;
  };
  return makeGenericFar(ctx, 'holder', get, {
    get,
    // The same promise inside a one-element list: a node that answers only once the result
    // settles (endo) still answers at once, exporting the unsettled promise (desc:import-promise).
    getWrapped: () => harden([get()]),
    resolveAll: (_m, call) => {
      resolve(harden(call.args.length > 0 ? call.args[0] : config.value));
      return true;
    },
    breakAll: (_m, call) => {
      reject(Error(typeof call.args[0] === 'string' ? call.args[0] : (config.breakWith ?? 'broken by holder')));
      return true;
    },
  });
}
