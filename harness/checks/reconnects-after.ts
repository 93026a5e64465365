/**
 * reconnectsAfter: after a fault that ends (reset) or may end (stall) the connection between two
 * nodes — the faults marked `reconnects` in the scenario vocabulary — their next traffic goes
 * over a new connection that establishes a session (both hellos delivered; when both dialled at
 * once, one of their new connections does); nothing more travels on the connection that failed.
 * Property: README.md (this folder), `reconnectsAfter` (reset, or a stall past the inactivity
 * timeout); faults: docs/architecture.md.
 * View: the network's, per pair of nodes named by the fault.
 */
import { indexTranscript, pairKey } from './transcript-index.js';
import { getReconnectRule } from '../scenario/steps/index.js';
import { holds, unknown, violated, type Checker } from './verdict.js';

export const reconnectsAfter: Checker = {
  name: 'reconnectsAfter',
  needs: ['faults', 'frames'],
  describe: 'after a reset or a stall past the inactivity timeout, the next call opens a new session and succeeds',
  check(t) {
    const index = indexTranscript(t);
    const faults = t.events.filter((e) => e.kind === 'fault' && getReconnectRule(e.fault) !== undefined && e.nodes.length >= 2);
    if (faults.length === 0) return unknown('no reset or stall between two nodes in the run');
    let exercised = 0;
    for (const fault of faults) {
      if (fault.kind !== 'fault') continue;
      const pair = pairKey(fault.nodes[0], fault.nodes[1]);
      const conns = [...index.connections.values()].filter((c) => pairKey(c.source, c.target) === pair);
      const before = conns.filter((c) => (c.events[0]?.seq ?? Infinity) < fault.seq);
      const after = conns.filter((c) => (c.events[0]?.seq ?? -1) > fault.seq);
      // A stall that did not end its connection is not a failure to reconnect from.
      const failed = before.filter((c) => getReconnectRule(fault.fault) === 'always' || c.events.some((e) => e.seq > fault.seq && (e.event === 'close' || e.event === 'reset')));
      for (const c of failed) {
        const ended = c.events.find((e) => e.seq > fault.seq && (e.event === 'close' || e.event === 'reset'))?.seq ?? fault.seq;
        const late = index.sent.find((f) => f.connection === c.id && f.seq > ended);
        if (late) {
          return violated(exercised, `${late.source} wrote frame ${late.frame} on ${c.id} after ${fault.fault} ended it (event ${fault.seq})`, { frames: [late.frame], events: [fault.seq] });
        }
      }
      if (failed.length === 0 || after.length === 0) continue;
      exercised++;
      // When both sides dial at once (crossed hellos) one of the new connections is aborted by
      // design; the pair reconnected if any connection opened after the fault carried a session.
      const hellosOf = (c: (typeof after)[number]) => [c.source, c.target].map((w) => index.directions.get(`${c.id}:${w}`)?.sent[0]);
      const established = (c: (typeof after)[number]) => hellosOf(c).every((h) => h?.op?.op === 'op:start-session' && index.frames.get(h.frame)?.delivered);
      if (!after.some(established)) {
        const next = after[0];
        const frames = hellosOf(next).flatMap((h) => (h ? [h.frame] : []));
        const ids = after.map((c) => c.id).join(', ');
        return violated(exercised, `${fault.nodes.join(' and ')} reconnected on ${ids} after ${fault.fault} (event ${fault.seq}) but no session was established`, { frames, events: [fault.seq] });
      }
    }
    if (exercised === 0) return unknown('no traffic between the pair after the fault');
    return holds(exercised, `${exercised} reconnections after ${faults.map((f) => (f.kind === 'fault' ? f.fault : '')).join(', ')} established a session`);
  },
};
