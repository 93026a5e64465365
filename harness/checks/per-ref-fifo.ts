/**
 * perRefFifo: for each (sender, reference), a node dispatches the sender's tagged calls in
 * increasing n, whatever path each took on the wire (forwarding, shortening, handoff). The
 * verdict for every flush design.
 * Spec anchor: checks.md "Application level"; kernel-lessons.md §4 T12–T13.
 * View: the dispatching node's. Calls are compared when they reached the node along the same
 * application route (`routesSoFar`): a forwarder that sends #3 via carol and #7 via dave makes
 * two streams, and OCapN promises nothing across them. Witness frames are the arrival frames.
 */
import { arrivalFrames, arrivalText, routesSoFar, streamKey, taggedEvents, type TaggedAppEvent } from './app-calls.js';
import { holds, unknown, violated, type Checker } from './verdict.js';

export const perRefFifo: Checker = {
  name: 'perRefFifo',
  needs: ['app-tags'],
  describe: "for each (sender, reference), a node dispatches the sender's calls in increasing n",
  check(t) {
    const dispatched = taggedEvents(t, 'call-dispatched');
    const routes = routesSoFar(t);
    const highest = new Map<string, TaggedAppEvent>();
    let exercised = 0;
    for (const e of dispatched) {
      const key = `${routes.get(e.seq)}|${e.object ?? ''}|${streamKey(e.tag)}`;
      const prior = highest.get(key);
      if (prior) {
        exercised++;
        if (e.tag.n < prior.tag.n) {
          const { text, frames } = arrivalText(arrivalFrames(t), prior, e);
          const where = e.object ? `${e.object} at ${e.node}` : e.node;
          return violated(exercised, `${e.tag.sender} on ${e.tag.ref} at ${where}: #${prior.tag.n} dispatched before #${e.tag.n}${text}`, {
            frames,
            events: [prior.seq, e.seq],
          });
        }
      }
      if (!prior || e.tag.n > prior.tag.n) highest.set(key, e);
    }
    if (dispatched.length === 0) return unknown('no tagged call was dispatched');
    if (exercised === 0) return unknown('no reference carried two calls from one sender along one route');
    return holds(exercised, `${exercised} ordered pairs over ${highest.size} (sender, reference, route) streams`);
  },
};
