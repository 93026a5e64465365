/**
 * The small apps (semantics: fixtures/schemas/scenario.schema.json): `echo` answers its first
 * argument, maybe after a virtual delay; `recorder` records every call in dispatch order and
 * answers itself so further calls can pipeline on it, `log()` answers the records; `counter`
 * `increment(n = 1)` answers the new count, `get()` the count; `thrower` breaks every call.
 * View: one app object. Guarantees: dispatch is reported (with the tag) before anything else.
 */
import harden from '@endo/harden';
import type { CallTag } from '../../recording.js';
import { makeGenericFar, virtualDelay, type AppContext } from './app-context.js';

export function makeEcho(ctx: AppContext, config: { delayMs: number }): object {
  return makeGenericFar(ctx, 'echo', async (_method, call) => {
    await virtualDelay(ctx.clock, config.delayMs);
    return call.args.length > 0 ? call.args[0] : null;
  });
}

export function makeRecorder(ctx: AppContext): object {
  const log: { method: string; tag: CallTag | null }[] = [];
  // `self` is bound before any call can arrive (the object is registered after construction).
  const record = (method: string, call: { tag: CallTag | undefined }) => {
    log.push({ method, tag: call.tag ?? null });
    return self;
  };
  const self: object = makeGenericFar(ctx, 'recorder', record, { log: () => harden(log.map((r) => ({ method: r.method, tag: r.tag && { ...r.tag } }))) });
  return self;
}

export function makeCounter(ctx: AppContext, config: { start: number }): object {
  // Kept across `restart keep`: the re-enlivened counter is the same object, at the same count.
  let count = typeof ctx.saved === 'number' ? ctx.saved : config.start;
  ctx.persist(() => count);
  return makeGenericFar(ctx, 'counter', () => count, {
    increment: (_m, call) => {
      count += typeof call.args[0] === 'number' ? call.args[0] : 1;
      return count;
    },
    get: () => count,
  });
}

export function makeThrower(ctx: AppContext, config: { message: string }): object {
  return makeGenericFar(ctx, 'thrower', () => {
    throw Error(config.message);
  });
}
