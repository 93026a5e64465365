// Test helper: a small three-node run with every kind of thing a diagram draws, and a large one.
import { TranscriptBuilder, exp, imo, op, sym, tag } from '../checks/_transcript-builder.js';
import type { Transcript, TranscriptEvent } from '../../../harness/transcript/types.js';

export function sampleTranscript(): { t: Transcript; dropped: number; tagged: number } {
  const b = new TranscriptBuilder(['a', 'b', 'c']);
  const ab = b.session('a', 'b');
  const bc = b.session('b', 'c');
  const f1 = b.send(ab, 'a', op.deliver(exp(0), [sym('forward'), 1], 1, imo(1)));
  b.deliver(f1);
  b.dispatch('b', tag('a', 'p', 1));
  // A kickoff's call: the harness's tag rides in the arguments.
  b.originate('a', tag('a', 'b.rec', 3), 'calls');
  const tagged = b.exchange(ab, 'a', op.deliver(exp(2), [sym('record'), { struct: { n: 3, ref: 'b.rec', sender: 'a' } }], 5, imo(2)));
  b.dispatch('b', tag('a', 'b.rec', 3));
  b.nodeEvent('b', { type: 'mark', name: 'flush:done' });
  b.step('expect {"results":[{"name":"calls"}],"tables":[{"node":"b","peer":"a"}]}');
  const dropped = b.send(bc, 'b', op.deliver(exp(0), [sym('forward'), 1], 1, imo(1)));
  b.fault('partition', ['b', 'c'], 'b|c');
  b.drop(dropped);
  b.closeConnection(bc, 'reset', 'partition');
  b.exchange(ab, 'a', op.flush(3));
  b.exchange(ab, 'b', 'garbage');
  b.exchange(ab, 'b', op.break(1, 'Session disconnected'));
  return { t: b.build(), dropped, tagged };
}

/**
 * `calls` kickoffs from a to b, each answered: 6 events per call (originate, send, deliver,
 * dispatch, fulfill sent and delivered), like the 23,000-kickoff scenario that once made a 20 MB
 * SVG. Built as transcript events directly (the builder's byte round trip takes ~20 s at this size).
 */
export function largeTranscript(calls: number): Transcript {
  const b = new TranscriptBuilder(['a', 'b']);
  b.session('a', 'b');
  const t = b.build();
  const events = t.events;
  const link = { connection: 'c1', length: 100 };
  let frame = events.filter((e) => e.kind === 'frame' && e.phase === 'sent').length;
  let atMs = events[events.length - 1].atMs;
  const add = (e: Record<string, unknown>): void => {
    atMs += 0.5;
    events.push({ ...e, seq: events.length, atMs } as unknown as TranscriptEvent);
  };
  for (let n = 1; n <= calls; n++) {
    const tagged = tag('a', 'b.rec', n);
    add({ kind: 'app', event: 'call-originated', node: 'a', kickoff: 'calls', method: 'record', tag: tagged });
    const call = ++frame;
    const view = op.deliver(exp(1), [sym('record'), { struct: { n, ref: 'b.rec', sender: 'a' } }], n, imo(n));
    add({ kind: 'frame', phase: 'sent', frame: call, index: n, source: 'a', target: 'b', ...link, op: view, sha256: '00' });
    add({ kind: 'frame', phase: 'delivered', frame: call, index: n, source: 'a', target: 'b', ...link, label: 'op:deliver' });
    add({ kind: 'app', event: 'call-dispatched', node: 'b', object: 'rec', method: 'record', tag: tagged });
    const answer = ++frame;
    add({ kind: 'frame', phase: 'sent', frame: answer, index: n, source: 'b', target: 'a', ...link, op: op.fulfill(n, n), sha256: '00' });
    add({ kind: 'frame', phase: 'delivered', frame: answer, index: n, source: 'b', target: 'a', ...link, label: 'op:deliver' });
  }
  return t;
}
