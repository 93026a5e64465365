/**
 * flushFence (receiver-initiated `<op:flush N>` / `<op:flush-done N>` form): after a node sends
 * op:flush N it addresses nothing more to export N on that session, and gifts nothing naming it
 * before op:flush-done N reached it; the exporter sends op:flush-done N only after receiving the
 * flush and every frame the flusher wrote before it.
 * Property: README.md (this folder), `flushFence`; the flush designs: harness/ocapn/README.md.
 * Shortener-initiated form (spec PR, `<op:flush TO CONFIRM>`): after it the shortener addresses
 * nothing more to TO on that session, and the holder's confirmation (a settlement of CONFIRM)
 * comes only after the flush reached it.
 * View: the wire, per session; the flusher is the importer of N, the exporter answers.
 */
import type { SentFrame } from '../transcript/types.js';
import { indexTranscript } from './transcript-index.js';
import { argsOf, asDesc, flushPositionOf, isDeliver, methodOf, settlementOf, targetOf } from './wire-facts.js';
import { framesText, holds, unknown, violated, type Checker } from './verdict.js';

function namesExport(f: SentFrame, n: number): boolean {
  return argsOf(f.op!).some((a) => {
    const d = asDesc(a);
    return d?.kind === 'export' && d.position === n;
  });
}

export const flushFence: Checker = {
  name: 'flushFence',
  needs: ['frames'],
  describe: 'after op:flush N nothing more is addressed to export N on the old path; op:flush-done follows every earlier message',
  check(t) {
    const index = indexTranscript(t);
    let exercised = 0;
    const flushes = index.sent.filter((f) => f.op && flushPositionOf(f.op, 'op:flush') !== undefined);
    for (const done of index.sent.filter((f) => f.op && flushPositionOf(f.op, 'op:flush-done') !== undefined)) {
      const n = flushPositionOf(done.op!, 'op:flush-done')!;
      const flush = flushes.find((f) => f.connection === done.connection && f.source === done.target && flushPositionOf(f.op!, 'op:flush') === n);
      const flushArrived = flush && index.frames.get(flush.frame)?.delivered?.seq;
      if (!flush || flushArrived === undefined || flushArrived > done.seq) {
        return violated(exercised, `${done.source} sent op:flush-done ${n} on ${done.connection} before receiving op:flush ${n} (frame ${done.frame})`, {
          frames: flush ? [flush.frame, done.frame] : [done.frame],
        });
      }
      const earlier = index.sent.filter((f) => f.connection === flush.connection && f.source === flush.source && f.seq < flush.seq);
      const late = earlier.find((f) => (index.frames.get(f.frame)?.delivered?.seq ?? Infinity) > done.seq);
      if (late) {
        return violated(exercised, `${done.source} sent op:flush-done ${n} before receiving frame ${late.frame} that ${flush.source} wrote earlier ${framesText([late.frame, done.frame])}`, {
          frames: [late.frame, flush.frame, done.frame],
        });
      }
    }
    for (const flush of flushes) {
      exercised++;
      const n = flushPositionOf(flush.op!, 'op:flush')!;
      const done = index.sent.find((f) => f.connection === flush.connection && f.source === flush.target && f.op && flushPositionOf(f.op, 'op:flush-done') === n);
      const doneArrived = done ? (index.frames.get(done.frame)?.delivered?.seq ?? Infinity) : Infinity;
      for (const f of index.sent) {
        if (f.connection !== flush.connection || f.source !== flush.source || f.seq <= flush.seq || !f.op) continue;
        const to = targetOf(f.op);
        if (to?.kind === 'export' && to.position === n) {
          return violated(exercised, `${f.source} sent ${f.op.op} to export ${n} on ${f.connection} after op:flush ${n} ${framesText([flush.frame, f.frame])}`, {
            frames: [flush.frame, f.frame],
          });
        }
        if (isDeliver(f.op) && methodOf(f.op) === 'deposit-gift' && namesExport(f, n) && f.seq < doneArrived) {
          return violated(exercised, `${f.source} gifted export ${n} before op:flush-done ${n} arrived ${framesText([flush.frame, f.frame])}`, {
            frames: [flush.frame, f.frame],
          });
        }
      }
    }
    for (const flush of index.sent.filter((f) => f.op?.op === 'op:flush' && f.op.to !== undefined)) {
      exercised++;
      const to = targetOf(flush.op!);
      const confirm = asDesc(flush.op!.confirm);
      const arrived = index.frames.get(flush.frame)?.delivered?.seq ?? Infinity;
      for (const f of index.sent) {
        if (f.connection !== flush.connection || f.seq <= flush.seq || !f.op) continue;
        const t2 = targetOf(f.op);
        if (f.source === flush.source && to && t2?.kind === to.kind && t2.position === to.position) {
          return violated(exercised, `${f.source} sent ${f.op.op} to export ${to.position} on ${f.connection} after op:flush of it ${framesText([flush.frame, f.frame])}`, {
            frames: [flush.frame, f.frame],
          });
        }
      }
      const early = index.sent.find((f) => {
        const s = f.op && settlementOf(f.op);
        return f.connection === flush.connection && f.source === flush.target && s && confirm && s.resolver === confirm.position && f.seq < arrived;
      });
      if (early) {
        return violated(exercised, `${early.source} confirmed op:flush before receiving it ${framesText([flush.frame, early.frame])}`, { frames: [flush.frame, early.frame] });
      }
    }
    if (exercised === 0) return unknown('no op:flush in the run');
    return holds(exercised, `${exercised} flushes fenced their reference`);
  },
};
