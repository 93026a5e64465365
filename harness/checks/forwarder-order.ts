/**
 * forwarderOrder: an intermediate node forwards a sender's calls on one reference, towards one
 * next hop, in the order it received them.
 * Spec anchor: checks.md "Application level"; kernel-lessons.md §4 T14.
 * View: the forwarding node's app events (`call-dispatched`, then `call-forwarded` with the next
 * node in `value`); calls that arrived along different routes or leave towards different next
 * hops are different streams (see `routesSoFar`).
 */
import { arrivalFrames, arrivalText, nextHopOf, routesSoFar, streamKey, taggedEvents, type TaggedAppEvent } from './app-calls.js';
import { holds, unknown, violated, type Checker } from './verdict.js';

export const forwarderOrder: Checker = {
  name: 'forwarderOrder',
  needs: ['app-tags'],
  describe: "a forwarder forwards a sender's calls on one reference in the order it received them",
  check(t) {
    const routes = routesSoFar(t);
    // Receipt order at each node: the index of the dispatch that brought the call there.
    const received = new Map<string, number>();
    taggedEvents(t, 'call-dispatched').forEach((e, i) => received.set(`${routes.get(e.seq)}|${e.tag.n}|${streamKey(e.tag)}`, i));
    const last = new Map<string, TaggedAppEvent>();
    let exercised = 0;
    let forwards = 0;
    for (const e of taggedEvents(t, 'call-forwarded')) {
      forwards++;
      const route = routes.get(e.seq);
      const key = `${route}|${nextHopOf(e) ?? '?'}|${streamKey(e.tag)}`;
      const prior = last.get(key);
      last.set(key, e);
      if (!prior) continue;
      exercised++;
      const a = received.get(`${routes.get(prior.seq)}|${prior.tag.n}|${streamKey(prior.tag)}`);
      const b = received.get(`${route}|${e.tag.n}|${streamKey(e.tag)}`);
      const inverted = a !== undefined && b !== undefined ? b < a : e.tag.n < prior.tag.n;
      if (inverted) {
        const { text, frames } = arrivalText(arrivalFrames(t), prior, e);
        const to = nextHopOf(e) ? ` to ${nextHopOf(e)}` : '';
        return violated(exercised, `${e.node} forwarded ${e.tag.sender}'s #${e.tag.n} on ${e.tag.ref}${to} after #${prior.tag.n} though it received #${e.tag.n} first${text}`, {
          frames,
          events: [prior.seq, e.seq],
        });
      }
    }
    if (forwards === 0) return unknown('no tagged call was forwarded');
    if (exercised === 0) return unknown('no forwarder carried two calls of one stream to one next hop');
    return holds(exercised, `${exercised} forwarded pairs kept their order`);
  },
};
