/**
 * noLoss: at quiescence of a fault-free run, every originated call was dispatched exactly once at
 * a final target (a hop that did not forward it on) — or its sender's promise broke, in which case
 * it may have been dispatched once or not at all. Calls without a method (sturdyref fetches) are
 * not app dispatches and are not counted.
 * Property: README.md (this folder), `noLoss`.
 * View: the app's; a run with faults, or one that ended on its deadline, is `unknown` here
 * (brokenWithReason judges those). Counts per tag, so tags repeated across kickoffs still add up.
 */
import { originations, tagKey, taggedEvents } from './app-calls.js';
import { holds, unknown, violated, type Checker } from './verdict.js';

export const noLoss: Checker = {
  name: 'noLoss',
  needs: ['app-tags'],
  describe: 'at quiescence of a fault-free run, every originated call was dispatched exactly once',
  check(t) {
    const origins = originations(t);
    if (origins.size === 0) return unknown('no tagged call was originated');
    if (t.events.some((e) => e.kind === 'fault')) return unknown('the run had faults');
    if (t.outcome.end !== 'quiescent') return unknown(`the run ended by ${t.outcome.end}, not quiescence`);
    // Every hop dispatches the call and all but the last forward it, so final dispatches are
    // dispatches minus forwards (routes may revisit a node).
    const dispatches = new Map<string, number[]>();
    for (const e of taggedEvents(t, 'call-dispatched')) dispatches.set(tagKey(e.tag), [...(dispatches.get(tagKey(e.tag)) ?? []), e.seq]);
    const forwards = new Map<string, number>();
    for (const e of taggedEvents(t, 'call-forwarded')) forwards.set(tagKey(e.tag), (forwards.get(tagKey(e.tag)) ?? 0) + 1);
    const broken = new Set<string>();
    for (const e of taggedEvents(t, 'settled')) if (e.outcome === 'broken') broken.add(`${tagKey(e.tag)}|${e.kickoff ?? ''}`);
    let exercised = 0;
    for (const [key, list] of [...origins].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const calls = list.filter((o) => o.hasMethod);
      if (calls.length === 0) continue;
      exercised += calls.length;
      const mayFail = calls.filter((o) => broken.has(`${key}|${o.kickoff ?? ''}`)).length;
      const got = dispatches.get(key) ?? [];
      const finals = got.length - (forwards.get(key) ?? 0);
      const [sender, ref, n] = key.split('|');
      const first = calls[0];
      const name = `${sender}'s ${first.kickoff ?? ''}#${n} on ${ref} (originated at event ${first.seq})`;
      if (finals < calls.length - mayFail) {
        const what = got.length === 0 ? 'never dispatched' : finals < 1 ? 'forwarded but never dispatched at a final target' : `dispatched ${finals} times for ${calls.length} calls`;
        return violated(exercised, `${name} was ${what}`, { events: [first.seq, ...got] });
      }
      if (finals > calls.length) {
        return violated(exercised, `${name} was dispatched ${finals} times at a final target for ${calls.length} call${calls.length > 1 ? 's' : ''}`, { events: [first.seq, ...got] });
      }
    }
    if (exercised === 0) return unknown('no originated call had a method');
    return holds(exercised, `${exercised} originated calls each dispatched once (or broken)`);
  },
};
