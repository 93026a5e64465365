/**
 * `forwarder`: passes every call (same method, same arguments) to the same-named object on the
 * next node of the call's route and answers with the onward result; at the end of the route it
 * answers its first argument. `direct` answers the onward promise itself (the answer resolves to
 * a promise on another peer: the shortening case); `wrapped` answers `[onwardPromise]`, keeping it
 * a `desc:import-promise` on the wire. Defect `forwarder-reorders` (mutants): swaps each pair of
 * consecutive forwarded calls. View: one hop. Guarantees: forwarded calls keep the tag.
 */
import { E } from '@endo/eventual-send';
import harden from '@endo/harden';
import { makeGenericFar, virtualDelay, type AppContext, type SplitCall } from './app-context.js';
import { MARK_ROUTE_REVISITS_NODE } from './catalog.js';

export interface ForwarderConfig {
  result: 'direct' | 'wrapped' | 'pipelined';
  delayMs: number;
}

type Send = () => void;

export function makeForwarder(ctx: AppContext, config: ForwarderConfig): object {
  const reorders = ctx.defects.includes('forwarder-reorders');
  // The defect holds one send back until the next one arrives, then sends them swapped. A lone
  // held send is released after a virtual second so a chain still finishes (wrongly ordered).
  let held: Send | undefined;
  const dispatchSend = (send: Send): void => {
    if (!reorders) return send();
    if (!held) {
      held = send;
      ctx.clock.setTimer(ctx.clock.now() + 1000, () => {
        if (held === send) {
          held = undefined;
          send();
        }
      });
      return;
    }
    const first = held;
    held = undefined;
    send();
    first();
  };

  const onward = async (method: string, call: SplitCall): Promise<unknown> => {
    await virtualDelay(ctx.clock, config.delayMs);
    const route = call.route ?? [];
    if (route.length === 0) return call.args.length > 0 ? call.args[0] : null;
    const [next, ...rest] = route;
    if (rest.includes(ctx.node) || next === ctx.node) ctx.mark(MARK_ROUTE_REVISITS_NODE);
    const target = await ctx.lookup(next, ctx.name);
    ctx.emit({ event: 'call-forwarded', object: ctx.name, method, ...(call.tag ? { tag: call.tag } : {}), value: next });
    const envelope = harden({ ...call.tag!, route: rest });
    return new Promise<unknown>((resolve) => {
      dispatchSend(() => resolve((E(target) as Record<string, (...a: unknown[]) => unknown>)[method](...harden(call.args), envelope)));
    });
  };

  // `pipelined`: the onward call is made in this turn and its own promise is the answer — a
  // promise the next session hosts, which the node can recognise and shorten (an async wrapper
  // around it could not be told apart from a local promise).
  const pipelined = (method: string, call: SplitCall): unknown => {
    const [next, ...rest] = call.route ?? [];
    const target = next === undefined || config.delayMs > 0 || reorders ? undefined : ctx.looked(next, ctx.name);
    if (!target) return undefined;
    if (rest.includes(ctx.node) || next === ctx.node) ctx.mark(MARK_ROUTE_REVISITS_NODE);
    ctx.emit({ event: 'call-forwarded', object: ctx.name, method, ...(call.tag ? { tag: call.tag } : {}), value: next });
    return (E(target) as Record<string, (...a: unknown[]) => unknown>)[method](...harden(call.args), harden({ ...call.tag!, route: rest }));
  };

  return makeGenericFar(ctx, 'forwarder', (method, call) => {
    const now = config.result === 'pipelined' ? pipelined(method, call) : undefined;
    if (now !== undefined) return now;
    const answer = onward(method, call);
    return config.result === 'wrapped' ? harden([answer]) : answer;
  });
}
