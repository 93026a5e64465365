/**
 * `failing`: a failed turn on purpose. Each call is passed on (same method, same arguments, same
 * tag) to the same-named object on the next node of the call's route TWICE, and then the method
 * throws — all inside one turn of the node (`AppContext.turn`). On a node with transactional
 * turns neither onward call is written and the caller's promise breaks with the turn's reason;
 * a node without them lets both calls out. At the end of a route it only throws.
 * View: one hop. Guarantees: the onward reference is looked up before the turn starts, so the
 * turn itself is synchronous (lookups may open sessions, which no turn should hold back).
 */
import { E } from '@endo/eventual-send';
import harden from '@endo/harden';
import { makeGenericFar, type AppContext, type SplitCall } from './app-context.js';

export function makeFailing(ctx: AppContext, config: { message: string }): object {
  const fail = async (method: string, call: SplitCall): Promise<unknown> => {
    const route = call.route ?? [];
    if (route.length === 0) throw Error(config.message);
    const [next, ...rest] = route;
    const target = await ctx.lookup(next, ctx.name);
    const envelope = harden({ ...call.tag!, route: rest });
    const send = () => (E(target) as Record<string, (...a: unknown[]) => unknown>)[method](...harden(call.args), envelope);
    return ctx.turn(() => {
      void Promise.resolve(send()).catch(() => {});
      void Promise.resolve(send()).catch(() => {});
      throw Error(config.message);
    });
  };
  return makeGenericFar(ctx, 'failing', (method, call) => fail(method, call));
}
