/**
 * Goal: the replay viewer's model answers what the page shows at a cursor — the frame and its
 * decoded op, frames in flight, every node's tables (snapshot, else rebuilt from node events),
 * witnesses of violated checks — and the static page keeps the transcript inert.
 * Method: a stored golden transcript (fixtures/golden) and the sample transcript of the diagram
 * tests, with hand-made verdicts.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { ReplayModel } from '../../../harness/report/viewer/model.js';
import { renderViewerHtml } from '../../../harness/report/viewer/page.js';
import type { Transcript } from '../../../harness/transcript/types.js';
import { sampleTranscript } from './_sample.js';

const golden = (): Transcript => JSON.parse(readFileSync('fixtures/golden/pipelining-counter/reference-seed-1.json', 'utf8')) as Transcript;

test('stepping frame by frame visits every frame event, in order, and stops at the ends', () => {
  const m = new ReplayModel({ transcript: golden() });
  const visited: number[] = [];
  for (let i = m.stepFrame(-1, 1); visited.at(-1) !== i; i = m.stepFrame(i, 1)) visited.push(i);
  const frames = m.events.flatMap((e, i) => (e.kind === 'frame' ? [i] : []));
  expect(visited).toEqual(frames);
  expect(m.stepFrame(frames[0], -1)).toBe(frames[0]);
});

test('a delivery shows the op that was sent; frames in flight move along their link by virtual time', () => {
  const m = new ReplayModel({ transcript: golden() });
  const delivered = m.events.findIndex((e) => e.kind === 'frame' && e.phase === 'delivered' && e.frame === 3);
  expect(m.opAt(delivered)?.op?.op).toBe('op:deliver');
  expect(m.opAt(delivered)?.frame.phase).toBe('delivered');
  // Frames 5, 6 and 7 are sent at the same instant; at the sending of 7 all three sit at 0.
  const sent7 = m.indexOfFrame(7);
  const flying = m.inFlightAt(sent7);
  expect(flying.map((f) => [f.frame, f.progress, f.current])).toEqual([
    [5, 0, false],
    [6, 0, false],
    [7, 0, true],
  ]);
  // When 5 arrives, 7 (sent with it, arriving 2 ms later) is part-way; 5 is at its end.
  const at5 = m.events.findIndex((e) => e.kind === 'frame' && e.phase === 'delivered' && e.frame === 5);
  const after = m.inFlightAt(at5);
  expect(after.find((f) => f.frame === 5)).toMatchObject({ progress: 1, current: true });
  expect(after.find((f) => f.frame === 7)?.progress).toBeGreaterThan(0.8);
  expect(after.find((f) => f.frame === 7)?.progress).toBeLessThan(1);
  expect(m.inFlightAt(at5 + 1).some((f) => f.frame === 5)).toBe(false);
});

test('tables: rebuilt from node events before any snapshot, the snapshot itself from its instant on', () => {
  const m = new ReplayModel({ transcript: golden() });
  expect(m.tablesAt(0).map((t) => t.from)).toEqual(['none', 'none']);
  const sent7 = m.indexOfFrame(7);
  const alice = m.tablesAt(sent7)[0];
  expect(alice.from).toBe('events');
  if (alice.from !== 'events') throw new Error('unreachable');
  expect(alice.snapshot.sessions.map((s) => [s.peer, s.exports.map((e) => e.position)])).toEqual([['bob', [1]]]);
  const last = m.length - 1;
  const end = m.tablesAt(last);
  expect(end.map((t) => t.from)).toEqual(['snapshot', 'snapshot']);
  const bob = end[1];
  if (bob.from !== 'snapshot') throw new Error('unreachable');
  expect(bob.label).toBe('end');
  expect(bob.snapshot.sessions[0].answers).toHaveLength(5);
  // Alice's end snapshot comes one event before Bob's: at it, Bob still shows his rebuilt tables.
  expect(m.tablesAt(last - 1).map((t) => t.from)).toEqual(['snapshot', 'events']);
});

test('witnesses of violated checks mark their frames and events; holding checks mark nothing', () => {
  const { t, dropped } = sampleTranscript();
  const stepSeq = t.events.find((e) => e.kind === 'step')!.seq;
  const m = new ReplayModel({
    transcript: t,
    verdicts: {
      overall: 'violated',
      verdicts: [
        { name: 'noLoss', verdict: 'violated', exercised: 1, explanation: 'x', witness: { frames: [dropped], events: [stepSeq] } },
        { name: 'perRefFifo', verdict: 'holds', exercised: 1, explanation: 'y', witness: { frames: [1] } },
      ],
    },
  });
  const marked = m.events.flatMap((e, i) => (m.witnessOf(i).length ? [m.describe(i)] : []));
  expect(marked).toHaveLength(3); // the dropped frame's sending and its drop, and the step
  expect(marked.filter((d) => d.startsWith(`#${dropped} `))).toHaveLength(2);
  expect(m.witnessOf(m.indexOfFrame(1))).toEqual([]);
});

test('the static page embeds the transcript as inert JSON: a </script> in a value cannot end it', () => {
  const t = golden();
  (t.outcome as { note?: string }).note = '</script><script>alert(1)</script>';
  const html = renderViewerHtml({ transcript: t }, 'console.log("</script>")');
  expect(html.match(/<\/script>/g)).toHaveLength(2);
  const json = /<script id="ocapn-viewer-data" type="application\/json">(.*?)<\/script>/s.exec(html)![1];
  expect((JSON.parse(json) as { transcript: { outcome: { note: string } } }).transcript.outcome.note).toBe('</script><script>alert(1)</script>');
});
