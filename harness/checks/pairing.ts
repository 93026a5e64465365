/**
 * pairing: at every table snapshot, each import at P naming Q's position N has a live export at Q
 * position N of the same kind, on the same session. Position 0 (the bootstrap, present on every
 * session by construction) is skipped because drivers may leave it out of their tables.
 * Property: README.md (this folder), `pairing`.
 * View: all nodes' tables at one moment.
 */
import { tableMoments } from './table-snapshots.js';
import { holds, unknown, violated, type Checker } from './verdict.js';

export const pairing: Checker = {
  name: 'pairing',
  needs: ['tables'],
  describe: "every import at P naming Q's position N has a live export at Q position N of the same kind",
  check(t) {
    const moments = tableMoments(t);
    if (moments.length === 0) return unknown('no table snapshot in the run');
    let exercised = 0;
    for (const m of moments) {
      for (const [p, snap] of m.byNode) {
        for (const session of snap.sessions) {
          const q = m.byNode.get(session.peer);
          if (!q) continue;
          const mirror = q.sessions.find((s) => s.peer === p && s.sessionId === session.sessionId);
          for (const imp of session.imports) {
            if (imp.position === 0) continue;
            exercised++;
            const exp = mirror?.exports.find((e) => e.position === imp.position);
            const events = m.events.map((e) => e.seq);
            if (!mirror) {
              return violated(exercised, `${m.label}: ${p} imports ${imp.kind} ${imp.position} from ${session.peer}, which has no session ${session.sessionId.slice(0, 12)}… with ${p}`, { events });
            }
            if (!exp) return violated(exercised, `${m.label}: ${p} imports ${imp.kind} ${imp.position} from ${session.peer}, which exports nothing at ${imp.position}`, { events });
            if (exp.kind !== imp.kind) {
              return violated(exercised, `${m.label}: ${p} imports ${imp.kind} ${imp.position} from ${session.peer}, which exports a ${exp.kind} there`, { events });
            }
          }
        }
      }
    }
    if (exercised === 0) return unknown(`${moments.length} snapshots, no import beyond the bootstrap`);
    return holds(exercised, `${exercised} imports over ${moments.length} snapshots all paired`);
  },
};
