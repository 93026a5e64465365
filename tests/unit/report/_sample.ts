// Test helper: a small three-node run with every kind of thing a diagram draws.
import { TranscriptBuilder, exp, imo, op, sym, tag } from '../checks/_transcript-builder.js';
import type { Transcript } from '../../../harness/transcript/types.js';

export function sampleTranscript(): { t: Transcript; dropped: number } {
  const b = new TranscriptBuilder(['a', 'b', 'c']);
  const ab = b.session('a', 'b');
  const bc = b.session('b', 'c');
  const f1 = b.send(ab, 'a', op.deliver(exp(0), [sym('forward'), 1], 1, imo(1)));
  b.deliver(f1);
  b.dispatch('b', tag('a', 'p', 1));
  const dropped = b.send(bc, 'b', op.deliver(exp(0), [sym('forward'), 1], 1, imo(1)));
  b.fault('partition', ['b', 'c'], 'b|c');
  b.drop(dropped);
  b.closeConnection(bc, 'reset', 'partition');
  b.exchange(ab, 'a', op.flush(3));
  b.exchange(ab, 'b', 'garbage');
  b.exchange(ab, 'b', op.break(1, 'Session disconnected'));
  return { t: b.build(), dropped };
}
