/**
 * forwarderOrder: an intermediate node forwards a sender's calls on one reference in the order it
 * received (dispatched) them; with no dispatch report, in increasing n.
 * Spec anchor: checks.md "Application level"; kernel-lessons.md §4 T14.
 * View: the forwarding node's app events (`call-dispatched` then `call-forwarded`).
 */
import { arrivalFrames, arrivalText, streamKey, tagKey, taggedEvents, type TaggedAppEvent } from './app-calls.js';
import { holds, unknown, violated, type Checker } from './verdict.js';

export const forwarderOrder: Checker = {
  name: 'forwarderOrder',
  needs: ['app-tags'],
  describe: "a forwarder forwards a sender's calls on one reference in the order it received them",
  check(t) {
    const received = new Map<string, number>();
    taggedEvents(t, 'call-dispatched').forEach((e, i) => received.set(`${e.node}|${tagKey(e.tag)}`, i));
    const last = new Map<string, TaggedAppEvent>();
    let exercised = 0;
    let forwards = 0;
    for (const e of taggedEvents(t, 'call-forwarded')) {
      forwards++;
      const key = `${e.node}|${streamKey(e.tag)}`;
      const prior = last.get(key);
      last.set(key, e);
      if (!prior) continue;
      exercised++;
      const a = received.get(`${e.node}|${tagKey(prior.tag)}`);
      const b = received.get(`${e.node}|${tagKey(e.tag)}`);
      const inverted = a !== undefined && b !== undefined ? b < a : e.tag.n < prior.tag.n;
      if (inverted) {
        const { text, frames } = arrivalText(arrivalFrames(t), prior, e);
        return violated(exercised, `${e.node} forwarded ${e.tag.sender}'s #${e.tag.n} on ${e.tag.ref} after #${prior.tag.n} though it received #${e.tag.n} first${text}`, {
          frames,
          events: [prior.seq, e.seq],
        });
      }
    }
    if (forwards === 0) return unknown('no tagged call was forwarded');
    if (exercised === 0) return unknown('no forwarder carried two calls of one stream');
    return holds(exercised, `${exercised} forwarded pairs kept their order`);
  },
};
