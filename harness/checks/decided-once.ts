/**
 * decidedOnce: every resolver receives at most one settlement (fulfill or break), never both
 * kinds; every kickoff settles at most once (app `settled` events).
 * Property: README.md (this folder), `decidedOnce`.
 * View: the wire (`<op:deliver <desc:export R> ['fulfill|'break …] …>` per session and
 * receiver) and the app (`settled` per node and kickoff).
 */
import { indexTranscript } from './transcript-index.js';
import { settlementOf } from './wire-facts.js';
import { framesText, holds, unknown, violated, type Checker } from './verdict.js';

export const decidedOnce: Checker = {
  name: 'decidedOnce',
  needs: ['frames'],
  describe: 'every resolver receives at most one settlement, never both kinds',
  check(t) {
    const index = indexTranscript(t);
    const seen = new Map<string, { kind: string; frame: number }>();
    let exercised = 0;
    for (const f of index.sent) {
      const s = f.op && settlementOf(f.op);
      if (!s) continue;
      const key = `${f.connection}:${f.target}:${s.resolver}`;
      const prior = seen.get(key);
      exercised++;
      if (prior) {
        const both = prior.kind !== s.kind ? ` (${prior.kind} then ${s.kind})` : '';
        return violated(exercised, `${f.target} resolver export ${s.resolver} on ${f.connection} settled twice${both} ${framesText([prior.frame, f.frame])}`, {
          frames: [prior.frame, f.frame],
        });
      }
      seen.set(key, { kind: s.kind, frame: f.frame });
    }
    const settled = new Map<string, number>();
    for (const e of t.events) {
      if (e.kind !== 'app' || e.event !== 'settled' || !e.kickoff) continue;
      // A kickoff with `count` > 1 settles once per tagged call.
      const key = `${e.node}:${e.kickoff}:${e.tag ? `${e.tag.sender}|${e.tag.ref}|${e.tag.n}` : ''}`;
      exercised++;
      const prior = settled.get(key);
      if (prior !== undefined) return violated(exercised, `${e.node}: kickoff ${e.kickoff}${e.tag ? ` #${e.tag.n}` : ''} settled twice (events ${prior}, ${e.seq})`, { events: [prior, e.seq] });
      settled.set(key, e.seq);
    }
    if (exercised === 0) return unknown('no settlement in the run');
    return holds(exercised, `${exercised} settlements, each resolver decided once`);
  },
};
