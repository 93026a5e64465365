/**
 * flushSwap (receiver-initiated form): when the exporter E receives `op:flush N` it swaps a
 * fresh promise into export N keeping its refcount, before answering `op:flush-done N`. Judged
 * from E's `export-replaced` node event (its refcount must equal the wire balance of export N at
 * that moment) and from E's next table snapshot (export N is a promise with that refcount).
 * Property: README.md (this folder), `flushSwap`; the swap: harness/ocapn/flush/receiver-initiated.ts.
 * View: the exporter's reports checked against the wire. A node's events of one turn are
 * recorded after the frames of that turn, so a swap reported in the same turn as op:flush-done
 * (no delivery in between) counts as before it. Whether the new promise is unresolved is not
 * judged: by the next snapshot a handoff may legitimately have resolved it.
 */
import { exportBalances } from './gc-balanced.js';
import { tableMoments } from './table-snapshots.js';
import { indexTranscript } from './transcript-index.js';
import { flushPositionOf } from './wire-facts.js';
import { framesText, holds, unknown, violated, type Checker } from './verdict.js';

const balanceAt = (t: Parameters<Checker['check']>[0], connection: string, exporter: string, n: number, seq: number): number => {
  const b = exportBalances(t, connection, exporter, seq).get(n);
  return b ? b.sent - b.released : 0;
};

export const flushSwap: Checker = {
  name: 'flushSwap',
  needs: ['frames', 'node-events', 'tables'],
  describe: 'after op:flush of export N, N holds a fresh promise and its refcount is unchanged',
  check(t) {
    const index = indexTranscript(t);
    const flushes = index.sent.filter((f) => f.op && flushPositionOf(f.op, 'op:flush') !== undefined);
    if (flushes.length === 0) return unknown('no op:flush (receiver-initiated form) in the run');
    let exercised = 0;
    for (const flush of flushes) {
      const e = flush.target;
      const n = flushPositionOf(flush.op!, 'op:flush')!;
      const arrived = index.frames.get(flush.frame)?.delivered;
      if (!arrived) continue;
      if (!t.events.some((ev) => ev.kind === 'node' && ev.node === e)) continue;
      exercised++;
      const done = index.sent.find((f) => f.connection === flush.connection && f.source === e && f.seq > arrived.seq && f.op && flushPositionOf(f.op, 'op:flush-done') === n);
      // The turn that sent op:flush-done ends at the next delivery to anyone.
      const turnEnd = done ? (t.events.find((ev) => ev.seq > done.seq && ev.kind === 'frame' && ev.phase === 'delivered')?.seq ?? Infinity) : Infinity;
      const swap = t.events.find(
        (ev) => ev.kind === 'node' && ev.node === e && ev.seq > arrived.seq && ev.seq < turnEnd &&
          ev.event.type === 'export-replaced' && ev.event.peer === flush.source && ev.event.position === n,
      );
      if (!swap || swap.kind !== 'node' || swap.event.type !== 'export-replaced') {
        const frames = done ? [flush.frame, done.frame] : [flush.frame];
        return violated(exercised, `${e} answered op:flush ${n} from ${flush.source} without swapping export ${n} ${framesText(frames)}`, { frames });
      }
      const wire = balanceAt(t, flush.connection, e, n, swap.seq);
      if (swap.event.refcount !== wire) {
        return violated(exercised, `${e} export ${n}: refcount ${swap.event.refcount} after the swap, wire balance ${wire} (frame ${flush.frame}, event ${swap.seq})`, {
          frames: [flush.frame],
          events: [swap.seq],
        });
      }
      const next = tableMoments(t).find((m) => m.seq > swap.seq && m.byNode.has(e));
      const session = next?.byNode.get(e)?.sessions.filter((s) => s.peer === flush.source).at(-1);
      const entry = session?.exports.find((x) => x.position === n);
      if (next && session && entry) {
        const wireThen = balanceAt(t, flush.connection, e, n, next.seq);
        if (entry.kind !== 'promise' || entry.refcount !== wireThen) {
          return violated(exercised, `${e} export ${n} at ${next.label}: ${entry.kind} with refcount ${entry.refcount}, expected a promise with refcount ${wireThen} (frame ${flush.frame})`, {
            frames: [flush.frame],
            events: [swap.seq, next.seq],
          });
        }
      }
    }
    if (exercised === 0) return unknown('no flushed exporter reported node events');
    return holds(exercised, `${exercised} flushed exports kept their refcount`);
  },
};
