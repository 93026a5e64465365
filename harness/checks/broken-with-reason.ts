/**
 * brokenWithReason: after a fault, every kickoff not yet settled either fulfils or breaks with a
 * reason from the allowed set the scenario names; none is still pending when the run ends.
 * Property: README.md (this folder), `brokenWithReason`; faults: docs/architecture.md.
 * View: the app's (kickoff results and `settled` events); the allowed set is the plan's, handed
 * in by the judge (`CheckContext.allowedBreakReasons`): each entry is a break category of the plan
 * (`connection-lost`, …: the category the node gave, else break-rules.ts reads the message) or else a
 * case-insensitive substring of the message; without one, any non-empty reason is accepted.
 */
import { breakCategories } from './break-rules.js';
import { resultDriver } from './expectations.js';
import { holds, unknown, violated, type Checker } from './verdict.js';

export const brokenWithReason: Checker = {
  name: 'brokenWithReason',
  needs: ['faults', 'app-tags'],
  describe: 'after a fault, dependent promises settle as broken with an allowed reason; none stays pending',
  check(t, context) {
    const fault = t.events.find((e) => e.kind === 'fault');
    if (!fault) return unknown('the run had no fault');
    const settledBefore = new Set(
      t.events.flatMap((e) => (e.kind === 'app' && e.event === 'settled' && e.kickoff && e.seq < fault.seq ? [e.kickoff] : [])),
    );
    const allowed = context.allowedBreakReasons?.map((r) => r.toLowerCase());
    let exercised = 0;
    for (const [kickoff, result] of Object.entries(t.outcome.results).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      if (settledBefore.has(kickoff)) continue;
      if (result.outcome === 'pending') {
        return violated(exercised, `kickoff ${kickoff} still pending at the end of the run (${t.outcome.end}) after ${fault.fault} of ${fault.nodes.join(', ')} (event ${fault.seq})`, {
          events: [fault.seq],
        });
      }
      if (result.outcome !== 'broken') continue;
      exercised++;
      const reason = result.reason ?? '';
      const categories: string[] = breakCategories(result, [], resultDriver(t, kickoff));
      const ok = reason !== '' && (!allowed || allowed.some((a) => categories.includes(a) || reason.toLowerCase().includes(a)));
      if (!ok) {
        const want = allowed ? ` (allowed: ${allowed.join(', ')})` : ' (a reason is required)';
        const settledAt = t.events.find((e) => e.kind === 'app' && e.event === 'settled' && e.kickoff === kickoff);
        return violated(exercised, `kickoff ${kickoff} broken with ${JSON.stringify(reason)}${want}`, { events: [fault.seq, ...(settledAt ? [settledAt.seq] : [])] });
      }
    }
    if (exercised === 0) return unknown(`no kickoff broke after ${fault.fault} (event ${fault.seq})`);
    return holds(exercised, `${exercised} kickoffs broke with an allowed reason after ${fault.fault}`);
  },
};
