/**
 * noForgery: a `desc:export N` that X writes to Y names a position Y introduced to X on that
 * session (as desc:import-object/-promise N, received by X and not released since), or the
 * bootstrap 0; a `desc:answer K` names an answer position X itself allocated on that session.
 * Property: README.md (this folder), `noForgery`; descriptors are named from the receiver's side.
 * View: the writer's knowledge — only frames delivered to X before X writes count.
 */
import { indexTranscript } from './transcript-index.js';
import { answerAllocatedBy, descriptorsIn, gcExportsOf } from './wire-facts.js';
import { holds, unknown, violated, type Checker } from './verdict.js';

interface Knowledge {
  /** Per position: introductions received minus wire deltas released. */
  held: Map<number, number>;
  /** Frame that last introduced each position, for witnesses. */
  introducedBy: Map<number, number>;
  answers: Set<number>;
}

export const noForgery: Checker = {
  name: 'noForgery',
  needs: ['frames'],
  describe: 'desc:export names a position the peer introduced and did not see released; desc:answer names an answer the writer allocated',
  check(t) {
    const index = indexTranscript(t);
    const know = new Map<string, Knowledge>();
    const of = (connection: string, node: string): Knowledge => {
      const key = `${connection}:${node}`;
      let k = know.get(key);
      if (!k) know.set(key, (k = { held: new Map(), introducedBy: new Map(), answers: new Set() }));
      return k;
    };
    let exercised = 0;
    for (const event of t.events) {
      if (event.kind !== 'frame') continue;
      const op = index.frames.get(event.frame)?.sent.op;
      if (!op) continue;
      if (event.phase === 'delivered') {
        const k = of(event.connection, event.target);
        for (const d of descriptorsIn(op)) {
          if (d.kind !== 'import-object' && d.kind !== 'import-promise') continue;
          k.held.set(d.position, (k.held.get(d.position) ?? 0) + 1);
          k.introducedBy.set(d.position, event.frame);
        }
        continue;
      }
      if (event.phase !== 'sent') continue;
      const k = of(event.connection, event.source);
      for (const d of descriptorsIn(op)) {
        if (d.kind === 'export' && d.position !== 0) {
          exercised++;
          if ((k.held.get(d.position) ?? 0) <= 0) {
            const why = k.introducedBy.has(d.position) ? 'released' : 'never introduced';
            const frames = [k.introducedBy.get(d.position), event.frame].filter((f): f is number => f !== undefined);
            return violated(exercised, `${event.source}→${event.target} on ${event.connection}: desc:export ${d.position} ${why} by ${event.target} (frame ${event.frame})`, { frames });
          }
        } else if (d.kind === 'answer') {
          exercised++;
          if (!k.answers.has(d.position)) {
            return violated(exercised, `${event.source}→${event.target} on ${event.connection}: desc:answer ${d.position} was never allocated by ${event.source} (frame ${event.frame})`, {
              frames: [event.frame],
            });
          }
        }
      }
      const answer = answerAllocatedBy(op);
      if (answer !== undefined) k.answers.add(answer);
      for (const { position, delta } of gcExportsOf(op) ?? []) k.held.set(position, (k.held.get(position) ?? 0) - delta);
    }
    if (exercised === 0) return unknown('no desc:export (other than 0) or desc:answer was written');
    return holds(exercised, `${exercised} desc:export/desc:answer references all named known positions`);
  },
};
