/**
 * noDuplicates: no tagged call is dispatched twice at the same node, across restarts and replays
 * — unless its route brought it there twice: each dispatch after the first needs a forward to
 * that node (`call-forwarded` with `value` = node), beyond one first hop per origination.
 * Property: README.md (this folder), `noDuplicates`.
 * View: per node, app `call-dispatched` and `call-forwarded` events.
 */
import { arrivalFrames, arrivalText, nextHopOf, originations, tagKey, type TaggedAppEvent } from './app-calls.js';
import { holds, unknown, violated, type Checker } from './verdict.js';

export const noDuplicates: Checker = {
  name: 'noDuplicates',
  needs: ['app-tags'],
  describe: 'no tagged call is dispatched twice at one node',
  check(t) {
    const seen = new Map<string, TaggedAppEvent>();
    // First hops need no forward; there is one per origination of the tag (tags may repeat
    // across kickoffs), at least one when originations are not reported.
    const firstHops = new Map<string, number>();
    for (const [key, list] of originations(t)) firstHops.set(key, list.length);
    const allowance = new Map<string, number>();
    let exercised = 0;
    for (const e of t.events) {
      if (e.kind !== 'app' || !e.tag) continue;
      const key = `${e.node}|${tagKey(e.tag)}`;
      if (e.event === 'call-forwarded') {
        const next = nextHopOf(e);
        if (next) allowance.set(`${next}|${tagKey(e.tag)}`, (allowance.get(`${next}|${tagKey(e.tag)}`) ?? 0) + 1);
        continue;
      }
      if (e.event !== 'call-dispatched') continue;
      const d = e as TaggedAppEvent;
      exercised++;
      const prior = seen.get(key);
      // A dispatch that a forward to this node explains spends that forward; any other is a first
      // hop, one per origination. (Spending first hops first would let a forwarded hop use up the
      // first hop of a later kickoff with the same tag, and then flag that kickoff's own call.)
      const left = allowance.get(key) ?? 0;
      const firstLeft = firstHops.get(tagKey(d.tag)) ?? 1;
      const explained = left > 0 || firstLeft > 0;
      if (left > 0) allowance.set(key, left - 1);
      else if (firstLeft > 0) firstHops.set(tagKey(d.tag), firstLeft - 1);
      if (prior && !explained) {
        const { text, frames } = arrivalText(arrivalFrames(t), prior, d);
        return violated(exercised, `${e.node} dispatched ${d.tag.sender}'s #${d.tag.n} on ${d.tag.ref} twice${text}`, { frames, events: [prior.seq, e.seq] });
      }
      seen.set(key, d);
    }
    if (exercised === 0) return unknown('no tagged call was dispatched');
    return holds(exercised, `${exercised} dispatches, none repeated`);
  },
};
