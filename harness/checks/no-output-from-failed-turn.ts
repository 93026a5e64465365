/**
 * noOutputFromFailedTurn: a turn whose handler failed emits no frame (transactional profile).
 * Property: README.md (this folder), `noOutputFromFailedTurn`.
 * View: needs turn boundaries from instrumented nodes (`mark` node events named `turn-begin`,
 * `turn-commit`, `turn-abort`); recordings without them give `unknown`. With them: no frame is
 * written by a node between its `turn-begin` and a `turn-abort`.
 */
import { holds, unknown, violated, type Checker } from './verdict.js';

export const noOutputFromFailedTurn: Checker = {
  name: 'noOutputFromFailedTurn',
  needs: ['node-events', 'frames'],
  describe: 'a turn whose handler failed emits no frame',
  check(t) {
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
          if (e.event.name === 'turn-abort' && turn.frames.length > 0) {
            return violated(exercised, `${e.node}: a failed turn (events ${turn.seq}..${e.seq}) wrote ${turn.frames.length} frame(s) (frame ${turn.frames[0]})`, {
              frames: turn.frames,
              events: [turn.seq, e.seq],
            });
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
