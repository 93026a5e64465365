/**
 * noStaleDelivery: after a node is killed, stopped or restarted (a new incarnation, kept state or
 * fresh), nothing sent to its old incarnation reaches it: no frame is delivered to it, after the
 * fault, on a connection opened before the fault.
 * Property: README.md (this folder), `noStaleDelivery` (state resets per incarnation).
 * View: the network's; a connection belongs to the incarnations that were alive when it opened.
 */
import { indexTranscript } from './transcript-index.js';
import { holds, unknown, violated, type Checker } from './verdict.js';

const ENDS_INCARNATION = new Set(['kill', 'stop', 'restart-keep', 'restart-fresh']);

export const noStaleDelivery: Checker = {
  name: 'noStaleDelivery',
  needs: ['faults', 'frames'],
  describe: 'after a node restarts as a new incarnation, nothing produced for the old incarnation reaches it',
  check(t) {
    const index = indexTranscript(t);
    const faults = t.events.filter((e) => e.kind === 'fault' && ENDS_INCARNATION.has(e.fault));
    if (faults.length === 0) return unknown('no kill, stop or restart in the run');
    let exercised = 0;
    for (const fault of faults) {
      if (fault.kind !== 'fault') continue;
      for (const node of fault.nodes) {
        const old = [...index.connections.values()].filter((c) => (c.source === node || c.target === node) && c.events[0] && c.events[0].seq < fault.seq);
        for (const c of old) {
          exercised++;
          const d = index.directions.get(`${c.id}:${c.source === node ? c.target : c.source}`);
          const stale = d?.delivered.find((f) => f.seq > fault.seq);
          if (stale) {
            return violated(exercised, `${node}: frame ${stale.frame} on ${c.id} (opened before ${fault.fault} at event ${fault.seq}) delivered to the new incarnation at ${stale.atMs} ms`, {
              frames: [stale.frame],
              events: [fault.seq, stale.seq],
            });
          }
        }
      }
    }
    return holds(exercised, `${faults.length} incarnation ends; ${exercised} old connections delivered nothing afterwards`);
  },
};
