/**
 * tablesEmptyAtTeardown: after all references are dropped and sessions closed, the import,
 * export, answer and gift tables are empty (bootstrap entries at position 0 aside).
 * Property: README.md (this folder), `tablesEmptyAtTeardown`.
 * View: the snapshots whose label contains `teardown` (the scenario takes them after dropping
 * everything); without such a snapshot the property is unknown.
 */
import { tableMoments } from './table-snapshots.js';
import { holds, unknown, violated, type Checker } from './verdict.js';

const TABLES = ['imports', 'exports', 'answers', 'gifts'] as const;

export const tablesEmptyAtTeardown: Checker = {
  name: 'tablesEmptyAtTeardown',
  needs: ['tables'],
  describe: 'after all references are dropped and sessions closed, import/export/answer/gift tables are empty',
  check(t) {
    const moments = tableMoments(t).filter((m) => /teardown/i.test(m.label));
    if (moments.length === 0) return unknown('no table snapshot labelled teardown');
    let exercised = 0;
    for (const m of moments) {
      for (const [node, snap] of m.byNode) {
        for (const session of snap.sessions) {
          exercised++;
          for (const table of TABLES) {
            const left = session[table].filter((e) => e.position !== 0);
            if (left.length > 0) {
              const list = left.slice(0, 3).map((e) => `${e.kind} ${e.position}`).join(', ');
              const event = m.events.find((e) => e.snapshot.node === node)!;
              return violated(exercised, `${node} still has ${left.length} ${table} with ${session.peer} at ${m.label}: ${list}`, { events: [event.seq] });
            }
          }
        }
      }
    }
    return holds(exercised, `${exercised} session tables empty at teardown`);
  },
};
