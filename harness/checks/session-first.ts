/**
 * sessionFirst: the first frame each way on a new connection is `op:start-session`; nothing else
 * precedes it (an undecodable first frame counts as something else).
 * Property: README.md (this folder), `sessionFirst` (before the session is live only
 * op:start-session and op:abort are valid, per the CapTP draft).
 * View: per directed connection, in write order.
 */
import { indexTranscript } from './transcript-index.js';
import { holds, unknown, violated, type Checker } from './verdict.js';

export const sessionFirst: Checker = {
  name: 'sessionFirst',
  needs: ['frames'],
  describe: 'the first frame each way on a new connection is op:start-session',
  check(t) {
    const index = indexTranscript(t);
    let exercised = 0;
    for (const d of index.directions.values()) {
      const first = d.sent[0];
      if (!first) continue;
      exercised++;
      const label = first.op?.op;
      if (label !== 'op:start-session') {
        // An abort as the very first frame is how a peer refuses a connection it cannot serve.
        if (label === 'op:abort') continue;
        const what = label ?? `an undecodable frame (${first.decodeError})`;
        return violated(exercised, `${d.writer}→${d.reader} on ${d.connection}: first frame is ${what}, not op:start-session (frame ${first.frame})`, {
          frames: [first.frame],
        });
      }
    }
    if (exercised === 0) return unknown('no connection carried a frame');
    return holds(exercised, `${exercised} directed connections opened with op:start-session`);
  },
};
