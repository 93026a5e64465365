// Goal: the sequence SVG draws one arrow per delivered frame (numbered as in the transcript,
// labelled with the kickoff and call number it carries, coloured by op kind), each handshake as
// one band, marks and plan steps on the timeline, dropped frames dashed with a cross,
// undecodable ones dashed, faults and resets as marked bands; it is byte-identical for the same
// transcript, and a huge run is drawn as its first and last rows plus a summary row, so its size
// stays bounded. (Readability checked by eye: a real fixed-route-four-hops run rendered to PNG
// through headless Chromium.)
import { test, expect } from '@playwright/test';
import { renderSequenceSvg } from '../../../harness/report/sequence-svg.js';
import { HEAD_ROWS, MAX_ROWS, TAIL_ROWS } from '../../../harness/report/sequence-model.js';
import { FAMILY_COLOURS, msText } from '../../../harness/report/op-summary.js';
import { largeTranscript, sampleTranscript } from './_sample.js';

test('arrows, numbers, colours, drops, faults', () => {
  const { t, dropped } = sampleTranscript();
  const svg = renderSequenceSvg(t);
  expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
  expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
  const delivered = t.events.filter((e) => e.kind === 'frame' && e.phase === 'delivered' && e.label !== 'op:start-session').length;
  expect(svg.match(/marker-end="url\(#arrow-/g)).toHaveLength(delivered);
  expect(svg).toContain('#5 deliver e0.forward a1');
  expect(svg).toContain(`#${dropped} deliver e0.forward a1`);
  expect(svg).toContain('>✕<');
  expect(svg).toContain('⚡ partition (b|c)');
  expect(svg).toContain('reset c2 (partition)');
  expect(svg).toContain(`stroke="${FAMILY_COLOURS.flush}"`);
  expect(svg).toContain(`stroke="${FAMILY_COLOURS.undecoded}" stroke-width="1.4" stroke-dasharray="4 3"`);
  expect(svg).toContain(`stroke="${FAMILY_COLOURS.break}"`);
  expect(svg).toContain('p#1');
  expect(renderSequenceSvg(sampleTranscript().t)).toBe(svg);
});

test('a kickoff call is labelled with its kickoff name and number as well as its position', () => {
  const { t, tagged } = sampleTranscript();
  const svg = renderSequenceSvg(t);
  expect(svg).toContain(`>#${tagged} calls#3 → e2.record a5</text>`);
  // The dispatch of the same call names it the same way.
  expect(svg).toMatch(/X/);
});

test('each handshake is one labelled band; marks and expect steps sit on the timeline', () => {
  const svg = renderSequenceSvg(sampleTranscript().t);
  expect(svg).toContain('>⇄ handshake c1 #1 #2</text>');
  expect(svg).toContain('>⇄ handshake c2 #3 #4</text>');
  expect(svg).not.toContain('start-session</text>');
  expect(svg).toContain('>mark flush:done</text>');
  expect(svg).toContain('>▸ expect tables b↔a and results calls</text>');
});

test('a 23,000-kickoff run draws its head and tail and one summary row, and stays small', () => {
  const calls = 23_000;
  const t = largeTranscript(calls);
  const svg = renderSequenceSvg(t);
  const bytes = Buffer.byteLength(svg);
  console.log(`sequence.svg for ${calls} kickoffs (${t.events.length} events): ${(bytes / 1024).toFixed(0)} KiB`);
  expect(bytes).toBeLessThan(400 * 1024);
  const rows = 1 + calls * 5; // one handshake band, then send, delivery, dispatch, send, delivery per call
  expect(svg).toContain(`${rows - HEAD_ROWS - TAIL_ROWS} rows summarised`);
  expect(svg).toMatch(new RegExp(`… ${rows - HEAD_ROWS - TAIL_ROWS} rows not drawn \\([\\d.]+ ms – [\\d.]+ ms\\): \\d+ frames sent \\(\\d+ deliver, \\d+ fulfill\\); the transcript has every event`));
  // The last call is drawn (the tail), and the first ones (the head).
  expect(svg).toContain(`calls#${calls} → e1.record a${calls}`);
  expect(svg).toContain('calls#1 → e1.record a1');
  expect(svg.match(/marker-end=/g)!.length).toBeLessThan(MAX_ROWS);
  // Under the bound, nothing is summarised.
  expect(renderSequenceSvg(largeTranscript(50))).not.toContain('rows not drawn');
});

test('rows that share a virtual time get one time label and a bracket spanning them', () => {
  const { t } = sampleTranscript();
  const plain = renderSequenceSvg(t);
  expect(plain).not.toContain('<line x1="3"');
  for (const e of t.events) if (e.atMs >= 9 && e.atMs <= 20) e.atMs = 9;
  const svg = renderSequenceSvg(t);
  expect(svg.match(/<text x="8" y="\d+" fill="#57606a">9 ms<\/text>/g)).toHaveLength(1);
  expect(svg).toMatch(/<line x1="3" y1="\d+" x2="3" y2="\d+" stroke="#8c959f"/);
});

test('text is escaped', () => {
  const { t } = sampleTranscript();
  t.header.scenarioId = 'x<y>&"z"';
  expect(renderSequenceSvg(t)).toContain('x&lt;y&gt;&amp;&quot;z&quot;');
});

test('virtual times print without float noise', () => {
  expect(msText(1397.0810000000001)).toBe('1397.081 ms');
  expect(msText(12)).toBe('12 ms');
});
