/**
 * channelPrefix: per connection and direction, the frames read are a prefix of the frames
 * written, in order; nothing is read after the connection closed or reset, or after the reader
 * received `op:abort` on it.
 * Property: README.md (this folder), `channelPrefix` (a fail-stop FIFO channel per connection).
 * View: the network's, per directed connection.
 */
import { indexTranscript } from './transcript-index.js';
import { framesText, holds, unknown, violated, type Checker } from './verdict.js';

export const channelPrefix: Checker = {
  name: 'channelPrefix',
  needs: ['frames'],
  describe: 'per connection, frames read are a prefix of frames written, in order; nothing read after close/abort/reset',
  check(t) {
    const index = indexTranscript(t);
    let exercised = 0;
    for (const event of t.events) {
      if (event.kind === 'frame' && event.phase !== 'sent' && !index.frames.has(event.frame)) {
        return violated(exercised, `${event.source}→${event.target} on ${event.connection}: frame ${event.frame} ${event.phase} but never sent`, { frames: [event.frame], events: [event.seq] });
      }
    }
    for (const d of index.directions.values()) {
      const ended = index.connections.get(d.connection)?.events.find((e) => e.event === 'close' || e.event === 'reset');
      // The reader stops reading once it has received op:abort on this connection.
      const abortIn = d.delivered.find((f) => f.label === 'op:abort');
      for (let i = 0; i < d.delivered.length; i++) {
        const got = d.delivered[i];
        const want = d.sent[i];
        if (!want || got.frame !== want.frame) {
          const detail = want
            ? `${d.writer}→${d.reader} on ${d.connection}: read #${i} is frame ${got.frame}, written #${i} was frame ${want.frame}`
            : `${d.writer}→${d.reader} on ${d.connection}: read #${i} (frame ${got.frame}) but only ${d.sent.length} written`;
          return violated(exercised, `${detail} ${framesText(want ? [want.frame, got.frame] : [got.frame])}`, {
            frames: want ? [want.frame, got.frame] : [got.frame],
            events: [got.seq],
          });
        }
        if (ended && got.seq > ended.seq) {
          return violated(exercised, `${d.writer}→${d.reader} on ${d.connection}: frame ${got.frame} read after ${ended.event} (event ${ended.seq})`, {
            frames: [got.frame],
            events: [ended.seq, got.seq],
          });
        }
        if (abortIn && got.seq > abortIn.seq) {
          return violated(exercised, `${d.writer}→${d.reader} on ${d.connection}: frame ${got.frame} read after op:abort ${framesText([abortIn.frame, got.frame])}`, {
            frames: [abortIn.frame, got.frame],
          });
        }
        exercised++;
      }
    }
    if (index.sent.length === 0) return unknown('no frames in the run');
    return holds(exercised, `${exercised} frames read in write order on ${index.directions.size} directed connections`);
  },
};
