/**
 * noStaleDelivery: after a node is killed, stopped or restarted (a new incarnation, kept state or
 * fresh), nothing sent to its old incarnation reaches it:
 *  - wire: no frame is delivered to it, after the fault, on a connection its old incarnation was
 *    part of (it opened it, or accepted it, before the fault). A connection dialled while the
 *    node was down and accepted by the new incarnation is the new one's, as a TCP connection
 *    whose SYN reaches a restarted listener is;
 *  - references: no call made on a reference obtained from its old incarnation reaches the new
 *    one. A tagged call whose `ref` names a kickoff that settled (its reference was obtained)
 *    before the fault, made after it, and written by its sender straight to that node, went
 *    through a reference into the old incarnation — whatever position it names on the new
 *    session means something else there.
 * Property: README.md (this folder), `noStaleDelivery` (state resets per incarnation).
 * View: the network's; a connection belongs to the incarnation that opened or accepted it.
 */
import { ENDS_INCARNATION, indexTranscript, type ConnectionInfo } from './transcript-index.js';
import { taggedEvents } from './app-calls.js';
import type { CallTag } from '../transcript/types.js';
import { holds, unknown, violated, type Checker } from './verdict.js';

/** True when `value` (an op view, or part of one) carries the call tag as an argument. */
function carriesTag(value: unknown, tag: CallTag): boolean {
  if (Array.isArray(value)) return value.some((v) => carriesTag(v, tag));
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  const struct = record.struct as Record<string, unknown> | undefined;
  if (struct && struct.sender === tag.sender && struct.ref === tag.ref) {
    const n = struct.n as { float64?: number } | number | undefined;
    if ((typeof n === 'number' ? n : n?.float64) === tag.n) return true;
  }
  return Object.values(record).some((v) => carriesTag(v, tag));
}

/** When `node`'s own end of connection `c` came up: it dialled it, or it accepted it. */
function joinedAt(c: ConnectionInfo, node: string): number | undefined {
  const own = c.source === node ? 'open' : 'accept';
  return c.events.find((e) => e.event === own)?.seq;
}

export const noStaleDelivery: Checker = {
  name: 'noStaleDelivery',
  needs: ['faults', 'frames', 'app-tags'],
  describe: 'after a node restarts as a new incarnation, nothing produced for the old incarnation reaches it',
  check(t) {
    const index = indexTranscript(t);
    const faults = t.events.filter((e) => e.kind === 'fault' && ENDS_INCARNATION.has(e.fault));
    if (faults.length === 0) return unknown('no kill, stop or restart in the run');
    let exercised = 0;
    for (const fault of faults) {
      if (fault.kind !== 'fault') continue;
      for (const node of fault.nodes) {
        const old = [...index.connections.values()].filter((c) => {
          if (c.source !== node && c.target !== node) return false;
          const joined = joinedAt(c, node);
          return joined !== undefined && joined < fault.seq;
        });
        for (const c of old) {
          exercised++;
          const d = index.directions.get(`${c.id}:${c.source === node ? c.target : c.source}`);
          const stale = d?.delivered.find((f) => f.seq > fault.seq);
          if (stale) {
            return violated(exercised, `${node}: frame ${stale.frame} on ${c.id} (${c.source === node ? 'dialled' : 'accepted'} by ${node} before ${fault.fault} at event ${fault.seq}) delivered to the new incarnation at ${stale.atMs} ms`, {
              frames: [stale.frame],
              events: [fault.seq, stale.seq],
            });
          }
        }
      }
    }
    // References obtained before an incarnation ended, used after it.
    const settledAt = new Map<string, number>();
    for (const e of t.events) if (e.kind === 'app' && e.event === 'settled' && e.kickoff && !settledAt.has(e.kickoff)) settledAt.set(e.kickoff, e.seq);
    let calls = 0;
    for (const origin of taggedEvents(t, 'call-originated')) {
      const obtained = settledAt.get(origin.tag.ref);
      if (obtained === undefined) continue;
      for (const fault of faults) {
        if (fault.kind !== 'fault' || !(obtained < fault.seq && fault.seq < origin.seq)) continue;
        for (const node of fault.nodes) {
          calls++;
          exercised++;
          const stale = index.sent.find((f) => f.source === origin.tag.sender && f.target === node && f.seq > fault.seq && index.frames.get(f.frame)?.delivered && carriesTag(f.op, origin.tag));
          if (stale) {
            const delivered = index.frames.get(stale.frame)!.delivered!;
            return violated(
              exercised,
              `${node}: ${origin.tag.sender}'s call #${origin.tag.n} on ${origin.tag.ref} (a reference obtained before ${fault.fault} at event ${fault.seq}) reached the new incarnation in frame ${stale.frame} on ${stale.connection}`,
              { frames: [stale.frame], events: [fault.seq, origin.seq, delivered.seq] },
            );
          }
        }
      }
    }
    if (exercised === 0) return unknown(`${faults.length} incarnation ends, but no node had a connection or a reference from before its end to test`);
    return holds(exercised, `${faults.length} incarnation ends; old connections delivered nothing afterwards; ${calls} calls on references into an old incarnation reached no new one`);
  },
};
