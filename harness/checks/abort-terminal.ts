/**
 * abortTerminal: after `op:abort` on a session nothing more is written on it by either end (the
 * aborter at once; the peer once the abort reached it), and questions still pending on it are
 * broken at the asking end.
 * Property: README.md (this folder), `abortTerminal`; what ends a session: harness/ocapn/README.md.
 * View: the wire; the "broken" half reads `settled` node events and is only judged for nodes
 * that report them (endo-style drivers may not).
 */
import type { SentFrame, Transcript } from '../transcript/types.js';
import { indexTranscript, type TranscriptIndex } from './transcript-index.js';
import { answerAllocatedBy, resolverOf, settlementOf } from './wire-facts.js';
import { framesText, holds, unknown, violated, type Checker, type CheckResult } from './verdict.js';

function pendingQuestions(index: TranscriptIndex, abort: SentFrame, asker: string): Array<{ answer: number; frame: number }> {
  const answered = new Set<number>();
  const asked: Array<{ answer: number; resolver?: number; frame: number }> = [];
  for (const f of index.sent) {
    if (f.connection !== abort.connection || f.seq > abort.seq || !f.op) continue;
    const s = settlementOf(f.op);
    if (s && f.target === asker) answered.add(s.resolver);
    const answer = answerAllocatedBy(f.op);
    if (f.source === asker && answer !== undefined) asked.push({ answer, resolver: resolverOf(f.op)?.position, frame: f.frame });
  }
  return asked.filter((q) => q.resolver === undefined || !answered.has(q.resolver));
}

function checkBroken(t: Transcript, index: TranscriptIndex, abort: SentFrame, exercised: number): CheckResult | undefined {
  for (const [asker, peer] of [[abort.source, abort.target], [abort.target, abort.source]]) {
    const reports = t.events.some((e) => e.kind === 'node' && e.node === asker && e.event.type === 'settled');
    if (!reports) continue;
    for (const q of pendingQuestions(index, abort, asker)) {
      const broken = t.events.some(
        (e) =>
          e.kind === 'node' && e.seq > abort.seq && e.node === asker && e.event.type === 'settled' &&
          e.event.peer === peer && e.event.table === 'question' && e.event.position === q.answer && e.event.outcome === 'broken',
      );
      if (!broken) {
        return violated(exercised, `${asker}: question ${q.answer} to ${peer} still pending after op:abort on ${abort.connection} ${framesText([q.frame, abort.frame])}`, {
          frames: [q.frame, abort.frame],
        });
      }
    }
  }
  return undefined;
}

export const abortTerminal: Checker = {
  name: 'abortTerminal',
  needs: ['frames'],
  describe: 'after op:abort nothing more is written on the session and its pending questions are broken',
  check(t) {
    const index = indexTranscript(t);
    const aborts = index.sent.filter((f) => f.op?.op === 'op:abort');
    if (aborts.length === 0) return unknown('no op:abort in the run');
    let exercised = 0;
    for (const abort of aborts) {
      exercised++;
      const arrived = index.frames.get(abort.frame)?.delivered?.seq ?? Infinity;
      for (const f of index.sent) {
        if (f.connection !== abort.connection || f.frame === abort.frame) continue;
        const by = f.source === abort.source ? 'the aborter' : 'its peer';
        const after = f.source === abort.source ? abort.seq : arrived;
        if (f.seq > after) {
          return violated(exercised, `${f.source} (${by}) wrote ${f.op?.op ?? 'a frame'} on ${abort.connection} after op:abort ${framesText([abort.frame, f.frame])}`, {
            frames: [abort.frame, f.frame],
          });
        }
      }
      const broken = checkBroken(t, index, abort, exercised);
      if (broken) return broken;
    }
    return holds(exercised, `${exercised} aborted sessions stayed silent afterwards`);
  },
};
