/**
 * noOutputFromFailedTurn: a turn whose handler failed emits no frame (transactional profile).
 * Property: README.md (this folder), `noOutputFromFailedTurn`.
 * View: needs turn boundaries from instrumented nodes (`mark` node events named `turn-begin`,
 * `turn-commit`, `turn-abort`); recordings without them give `unknown`. Two witnesses:
 *  - order: a frame the node wrote between its `turn-begin` and a `turn-abort` mark;
 *  - identity: the `turn-abort` mark's detail names the questions the turn held,
 *    `held: dave#2, dave#3; reason: …` (peer and answer position). Answer positions are never
 *    reused on a session, so a frame from the node to that peer, on the connection that carried
 *    their session when the turn ended, allocating one of those answers is output of the failed
 *    turn, whenever it was written. This one matters for lock-step recordings, where a node's
 *    frames of one reply are recorded before its marks of the same reply.
 */
import { indexTranscript } from './transcript-index.js';
import { answerAllocatedBy } from './wire-facts.js';
import { holds, unknown, violated, type Checker } from './verdict.js';

/** The questions a `turn-abort` mark says its turn held (its detail: `held: p#N, …; reason: …`). */
export function heldQuestions(detail: string | undefined): Array<{ peer: string; answer: number }> {
  const match = /^held: ([^;]*);/.exec(detail ?? '');
  if (!match || match[1].trim() === '') return [];
  return match[1].split(',').map((item) => {
    const [peer, answer] = item.trim().split('#');
    return { peer, answer: Number(answer) };
  });
}

export const noOutputFromFailedTurn: Checker = {
  name: 'noOutputFromFailedTurn',
  needs: ['node-events', 'frames'],
  describe: 'a turn whose handler failed emits no frame',
  check(t) {
    const index = indexTranscript(t);
    const open = new Map<string, { seq: number; frames: number[] }>();
    let exercised = 0;
    let marks = 0;
    for (const e of t.events) {
      if (e.kind === 'node' && e.event.type === 'mark' && e.event.name.startsWith('turn-')) {
        marks++;
        if (e.event.name === 'turn-begin') open.set(e.node, { seq: e.seq, frames: [] });
        else {
          const turn = open.get(e.node);
          open.delete(e.node);
          if (!turn) continue;
          exercised++;
          if (e.event.name !== 'turn-abort') continue;
          if (turn.frames.length > 0) {
            return violated(exercised, `${e.node}: a failed turn (events ${turn.seq}..${e.seq}) wrote ${turn.frames.length} frame(s) (frame ${turn.frames[0]})`, {
              frames: turn.frames,
              events: [turn.seq, e.seq],
            });
          }
          for (const { peer, answer } of heldQuestions(e.event.detail)) {
            // The connection that carried the node's session with `peer` when the turn ended.
            const conns = [...index.connections.values()].filter(
              (c) => ((c.source === e.node && c.target === peer) || (c.source === peer && c.target === e.node)) && (c.events[0]?.seq ?? Infinity) < e.seq,
            );
            const live = conns.filter((c) => !c.events.some((ce) => ce.seq < e.seq && (ce.event === 'close' || ce.event === 'reset')));
            const escaped = index.sent.find((f) => f.source === e.node && f.target === peer && live.some((c) => c.id === f.connection) && f.op && answerAllocatedBy(f.op) === answer);
            if (escaped) {
              return violated(exercised, `${e.node}: a failed turn (events ${turn.seq}..${e.seq}) held question ${answer} to ${peer}, and frame ${escaped.frame} (${escaped.op?.op}) asked it anyway`, {
                frames: [escaped.frame],
                events: [turn.seq, e.seq],
              });
            }
          }
        }
      } else if (e.kind === 'frame' && e.phase === 'sent') {
        open.get(e.source)?.frames.push(e.frame);
      }
    }
    if (marks === 0) return unknown('the recording has no turn boundaries (turn-begin/-commit/-abort marks)');
    return holds(exercised, `${exercised} turns, no output from a failed one`);
  },
};
