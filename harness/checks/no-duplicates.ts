/**
 * noDuplicates: no tagged call is dispatched twice at the same node, across restarts and replays.
 * Spec anchor: checks.md "Application level"; kernel-lessons.md §2 K2.
 * View: per node, app `call-dispatched` events.
 */
import { arrivalFrames, arrivalText, tagKey, taggedEvents, type TaggedAppEvent } from './app-calls.js';
import { holds, unknown, violated, type Checker } from './verdict.js';

export const noDuplicates: Checker = {
  name: 'noDuplicates',
  needs: ['app-tags'],
  describe: 'no tagged call is dispatched twice at one node',
  check(t) {
    const seen = new Map<string, TaggedAppEvent>();
    let exercised = 0;
    for (const e of taggedEvents(t, 'call-dispatched')) {
      exercised++;
      const key = `${e.node}|${tagKey(e.tag)}`;
      const prior = seen.get(key);
      if (prior) {
        const { text, frames } = arrivalText(arrivalFrames(t), prior, e);
        return violated(exercised, `${e.node} dispatched ${e.tag.sender}'s #${e.tag.n} on ${e.tag.ref} twice${text}`, { frames, events: [prior.seq, e.seq] });
      }
      seen.set(key, e);
    }
    if (exercised === 0) return unknown('no tagged call was dispatched');
    return holds(exercised, `${exercised} dispatches, none repeated`);
  },
};
