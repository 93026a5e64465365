/**
 * flushFence: what a flush must guarantee before a reference moves to a shorter path. A flush is
 * a fence between the messages sent on the old path and the handoff that opens the new one.
 * Property: README.md (this folder), `flushFence`; the flush designs: harness/ocapn/README.md.
 *
 * Receiver-initiated form (`<op:flush N>` / `<op:flush-done N>`): the exporter sends
 * op:flush-done N only after it received the flush and every frame the flusher wrote before it
 * (the FIFO fence), and the flusher deposits no gift naming export N before op:flush-done N
 * reached it (the gift fence). The flusher MAY keep addressing N after op:flush: those
 * deliveries queue on the fresh promise the exporter swapped into the slot, behind everything
 * sent before (flushSwap judges the swap, perRefFifo the resulting order).
 *
 * Shortener-initiated form (`<op:flush TO CONFIRM>`): the holder confirms (settles CONFIRM) only
 * after the flush reached it; the shortener addresses nothing to TO while the fence is open (from
 * its op:flush until the confirmation arrived); and the gift the shortener then hands the holder
 * (the signed handoff-give it settles r′ with, r′ being the resolver the holder confirmed with) is
 * deposited only after the confirmation arrived, so the deposit follows every message the holder
 * sent on the old path.
 * The marker design writes the same two-descriptor op:flush (from the holder down the old path,
 * CONFIRM being its acknowledgement) and is judged by the same rules: nothing to TO until the
 * acknowledgement arrived (unless the run forwards strictly under a design whose fact
 * strictRelaysRideBehindFlush says relayed calls keep the old path behind the marker), and the acknowledgement only after the marker was received. A
 * two-descriptor flush without CONFIRM builds no fence to judge here (perRefFifo judges order).
 * View: the wire, per session; `seq` orders frames across connections.
 */
import type { SentFrame } from '../transcript/types.js';
import { recordedDesignFacts } from '../transcript/design-facts.js';
import { handoffFacts } from './handoff-facts.js';
import { indexTranscript } from './transcript-index.js';
import { argsOf, asDesc, flushPositionOf, isDeliver, methodOf, settlementOf, targetOf } from './wire-facts.js';
import { framesText, holds, unknown, violated, type Checker } from './verdict.js';

function namesExport(f: SentFrame, n: number): boolean {
  return argsOf(f.op!).some((a) => {
    const d = asDesc(a);
    return d?.kind === 'export' && d.position === n;
  });
}

/** Gift ids of the signed handoff-gives anywhere in a frame's op view. */
function givesIn(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => givesIn(n, out));
  else if (node && typeof node === 'object') {
    const give = (node as { handoffGive?: { giftId?: { bytes?: unknown } } }).handoffGive;
    if (give && typeof give.giftId?.bytes === 'string') out.push(give.giftId.bytes);
    else Object.values(node).forEach((v) => givesIn(v, out));
  }
  return out;
}

export const flushFence: Checker = {
  name: 'flushFence',
  needs: ['frames'],
  describe: 'a flush fences the old path: its reply follows every earlier message, and no gift of the reference is deposited before the fence closed',
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
        if (f.connection !== flush.connection || f.source !== flush.source || f.seq <= flush.seq || f.seq >= doneArrived || !f.op) continue;
        if (isDeliver(f.op) && methodOf(f.op) === 'deposit-gift' && namesExport(f, n)) {
          return violated(exercised, `${f.source} gifted export ${n} before op:flush-done ${n} arrived ${framesText([flush.frame, f.frame])}`, {
            frames: [flush.frame, f.frame],
          });
        }
      }
    }
    const { deposits } = handoffFacts(t);
    // A design whose relayed calls ride the old path behind its op:flush under strict forwarding
    // (the marker designs): such a call keeps the old path on purpose, so a delivery to TO
    // before the acknowledgement is no breach (perRefFifo judges the order it gives).
    const oldPathOpen = recordedDesignFacts(t.header)?.strictRelaysRideBehindFlush === true && t.header.options.strictForwarding === true;
    for (const flush of index.sent.filter((f) => f.op?.op === 'op:flush' && f.op.to !== undefined && f.op.confirm !== undefined)) {
      exercised++;
      const to = targetOf(flush.op!);
      const confirmDesc = asDesc(flush.op!.confirm);
      const arrived = index.frames.get(flush.frame)?.delivered?.seq ?? Infinity;
      const confirm = index.sent.find((f) => {
        const s = f.op && settlementOf(f.op);
        return f.connection === flush.connection && f.source === flush.target && f.seq > flush.seq && s && confirmDesc && s.resolver === confirmDesc.position;
      });
      const early = index.sent.find((f) => {
        const s = f.op && settlementOf(f.op);
        return f.connection === flush.connection && f.source === flush.target && s && confirmDesc && s.resolver === confirmDesc.position && f.seq < arrived;
      });
      if (early) {
        return violated(exercised, `${early.source} confirmed op:flush before receiving it ${framesText([flush.frame, early.frame])}`, { frames: [flush.frame, early.frame] });
      }
      const confirmed = confirm ? (index.frames.get(confirm.frame)?.delivered?.seq ?? Infinity) : Infinity;
      for (const f of oldPathOpen ? [] : index.sent) {
        // Another fence on the same reference (a marker relayed for a further shortening) is no
        // message on it.
        if (f.connection !== flush.connection || f.source !== flush.source || f.seq <= flush.seq || f.seq >= confirmed || !f.op || f.op.op === 'op:flush') continue;
        const t2 = targetOf(f.op);
        if (to && t2?.kind === to.kind && t2.position === to.position) {
          return violated(exercised, `${f.source} sent ${f.op.op} to export ${to.position} on ${f.connection} while its op:flush of it was unconfirmed ${framesText([flush.frame, f.frame])}`, {
            frames: [flush.frame, f.frame],
          });
        }
      }
      // The gift this flush leads to: what the shortener settles r′ with (the resolver the holder
      // confirmed with), when that carries a signed give.
      const rPrime = confirm?.op ? asDesc(argsOf(confirm.op)[1]) : undefined;
      const gifts = rPrime
        ? index.sent
            .filter((f) => f.connection === flush.connection && f.source === flush.source && f.seq > flush.seq && f.op && settlementOf(f.op)?.resolver === rPrime.position)
            .flatMap((f) => givesIn(f.op))
        : [];
      const deposit = deposits.find((d) => d.gifter === flush.source && gifts.includes(d.key.giftId) && d.frame.seq < confirmed);
      if (deposit) {
        const frames = confirm ? [flush.frame, deposit.frame.frame, confirm.frame] : [flush.frame, deposit.frame.frame];
        return violated(exercised, `${flush.source} deposited the gift it hands ${flush.target} before the op:flush confirmation arrived ${framesText(frames)}`, { frames });
      }
    }
    if (exercised === 0) return unknown('no op:flush in the run');
    return holds(exercised, `${exercised} flushes fenced their reference`);
  },
};
