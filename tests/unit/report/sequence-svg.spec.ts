// Goal: the sequence SVG draws one arrow per delivered frame (numbered as in the transcript and
// coloured by op kind), dropped frames dashed with a cross, undecodable ones dashed, faults and
// resets as marked bands, and is byte-identical for the same transcript. (Its readability was
// checked by eye on a 210-frame 6-node chain rendered through headless Chromium.)
import { test, expect } from '@playwright/test';
import { renderSequenceSvg } from '../../../harness/report/sequence-svg.js';
import { FAMILY_COLOURS, msText } from '../../../harness/report/op-summary.js';
import { sampleTranscript } from './_sample.js';

test('arrows, numbers, colours, drops, faults', () => {
  const { t, dropped } = sampleTranscript();
  const svg = renderSequenceSvg(t);
  expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
  expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
  const delivered = t.events.filter((e) => e.kind === 'frame' && e.phase === 'delivered').length;
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

test('text is escaped', () => {
  const { t } = sampleTranscript();
  t.header.scenarioId = 'x<y>&"z"';
  expect(renderSequenceSvg(t)).toContain('x&lt;y&gt;&amp;&quot;z&quot;');
});

test('virtual times print without float noise', () => {
  expect(msText(1397.0810000000001)).toBe('1397.081 ms');
  expect(msText(12)).toBe('12 ms');
});
