/**
 * perRefFifo: for each (sender, reference), a node dispatches the sender's tagged calls in the
 * order the sender originated them, whatever path each took on the wire (forwarding, shortening,
 * handoff). The verdict for every flush design.
 * Property: README.md (this folder), `perRefFifo` (order = the sender's origination order).
 * View: the dispatching node's. Calls are compared when they reached the node along the same
 * application route (`routesSoFar`): a forwarder that sends #3 via carol and #7 via dave makes
 * two streams. Order is the origination order (n when tags are unique; the k-th dispatch of a
 * repeated tag is its k-th origination). Witness frames are the arrival frames.
 */
import { arrivalFrames, arrivalText, callName, originations, routesSoFar, streamKey, tagKey, taggedEvents, type Origination, type TaggedAppEvent } from './app-calls.js';
import { holds, unknown, violated, type Checker } from './verdict.js';

interface Seen {
  event: TaggedAppEvent;
  order: number;
  origin?: Origination;
}

export const perRefFifo: Checker = {
  name: 'perRefFifo',
  needs: ['app-tags'],
  describe: "for each (sender, reference), a node dispatches the sender's calls in the order they were sent",
  check(t) {
    const dispatched = taggedEvents(t, 'call-dispatched');
    const routes = routesSoFar(t);
    const origins = originations(t);
    const used = new Map<string, number>();
    const highest = new Map<string, Seen>();
    let exercised = 0;
    for (const e of dispatched) {
      const key = `${routes.get(e.seq)}|${e.object ?? ''}|${streamKey(e.tag)}`;
      const k = used.get(`${key}|${e.tag.n}`) ?? 0;
      used.set(`${key}|${e.tag.n}`, k + 1);
      const origin = origins.get(tagKey(e.tag))?.[k];
      const order = origin?.order ?? e.tag.n;
      const prior = highest.get(key);
      if (prior) {
        exercised++;
        if (order < prior.order) {
          const { text, frames } = arrivalText(arrivalFrames(t), prior.event, e);
          const where = e.object ? `${e.object} at ${e.node}` : e.node;
          return violated(exercised, `${e.tag.sender} on ${e.tag.ref} at ${where}: ${callName(prior.event.tag.n, prior.origin)} dispatched before ${callName(e.tag.n, origin)}${text}`, {
            frames,
            events: [prior.event.seq, e.seq],
          });
        }
      }
      if (!prior || order > prior.order) highest.set(key, { event: e, order, ...(origin ? { origin } : {}) });
    }
    if (dispatched.length === 0) return unknown('no tagged call was dispatched');
    if (exercised === 0) return unknown('no reference carried two calls from one sender along one route');
    return holds(exercised, `${exercised} ordered pairs over ${highest.size} (sender, reference, route) streams`);
  },
};
