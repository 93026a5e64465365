/**
 * cleanClose: a graceful shutdown (`stop`) closes every connection of the node cleanly (close,
 * never reset) and the node writes nothing after its connections are closed (a parting op:abort
 * before the close is allowed).
 * Property: README.md (this folder), `cleanClose`; faults: docs/architecture.md.
 * View: the network's connection events and frames.
 */
import { indexTranscript } from './transcript-index.js';
import { holds, unknown, violated, type Checker } from './verdict.js';

export const cleanClose: Checker = {
  name: 'cleanClose',
  needs: ['faults', 'frames'],
  describe: 'a graceful shutdown closes every connection cleanly (no reset) and sends nothing after',
  check(t) {
    const index = indexTranscript(t);
    const stops = t.events.filter((e) => e.kind === 'fault' && e.fault === 'stop');
    if (stops.length === 0) return unknown('no graceful stop in the run');
    let exercised = 0;
    for (const stop of stops) {
      if (stop.kind !== 'fault') continue;
      for (const node of stop.nodes) {
        const open = [...index.connections.values()].filter(
          (c) => (c.source === node || c.target === node) && (c.events[0]?.seq ?? Infinity) < stop.seq && !c.events.some((e) => e.seq < stop.seq && (e.event === 'close' || e.event === 'reset')),
        );
        for (const c of open) {
          exercised++;
          const end = c.events.find((e) => e.seq > stop.seq && (e.event === 'close' || e.event === 'reset'));
          if (!end) return violated(exercised, `${node} stopped (event ${stop.seq}) but ${c.id} was never closed`, { events: [stop.seq] });
          if (end.event === 'reset') return violated(exercised, `${node} stopped (event ${stop.seq}) but ${c.id} was reset, not closed (event ${end.seq})`, { events: [stop.seq, end.seq] });
          const late = index.sent.find((f) => f.connection === c.id && f.source === node && f.seq > end.seq);
          if (late) return violated(exercised, `${node} wrote ${late.op?.op ?? 'a frame'} on ${c.id} after closing it (frame ${late.frame})`, { frames: [late.frame], events: [end.seq] });
        }
      }
    }
    if (exercised === 0) return unknown('the stopped node had no open connection');
    return holds(exercised, `${exercised} connections closed cleanly on stop`);
  },
};
