/**
 * noLoss: at quiescence of a fault-free run, every originated tagged call was dispatched exactly
 * once at its final target (a node that dispatched it without forwarding it on).
 * Spec anchor: checks.md "Application level"; kernel-lessons.md §4 T17, §2 K3.
 * View: the app's; a run with faults, or one that ended on its deadline, is `unknown` here
 * (brokenWithReason judges those).
 */
import { tagKey, taggedEvents } from './app-calls.js';
import { holds, unknown, violated, type Checker } from './verdict.js';

export const noLoss: Checker = {
  name: 'noLoss',
  needs: ['app-tags'],
  describe: 'at quiescence of a fault-free run, every originated call was dispatched exactly once',
  check(t) {
    const originated = taggedEvents(t, 'call-originated');
    if (originated.length === 0) return unknown('no tagged call was originated');
    if (t.events.some((e) => e.kind === 'fault')) return unknown('the run had faults');
    if (t.outcome.end !== 'quiescent') return unknown(`the run ended by ${t.outcome.end}, not quiescence`);
    // Every hop dispatches the call and all but the last forward it, so the number of final
    // dispatches is dispatches minus forwards (routes may revisit a node).
    const dispatches = new Map<string, number[]>();
    for (const e of taggedEvents(t, 'call-dispatched')) dispatches.set(tagKey(e.tag), [...(dispatches.get(tagKey(e.tag)) ?? []), e.seq]);
    const forwards = new Map<string, number>();
    for (const e of taggedEvents(t, 'call-forwarded')) forwards.set(tagKey(e.tag), (forwards.get(tagKey(e.tag)) ?? 0) + 1);
    let exercised = 0;
    for (const o of originated) {
      exercised++;
      const got = dispatches.get(tagKey(o.tag)) ?? [];
      const finals = got.length - (forwards.get(tagKey(o.tag)) ?? 0);
      if (finals !== 1) {
        const what = got.length === 0 ? 'never dispatched' : finals < 1 ? `forwarded but never dispatched at a final target` : `dispatched ${finals} times at a final target`;
        return violated(exercised, `${o.tag.sender}'s #${o.tag.n} on ${o.tag.ref} (originated at event ${o.seq}) was ${what}`, {
          events: [o.seq, ...got],
        });
      }
    }
    return holds(exercised, `${exercised} originated calls each dispatched once`);
  },
};
