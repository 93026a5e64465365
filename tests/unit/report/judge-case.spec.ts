// Goal: judgeCase turns a recording into evidence and an ordered failure list: a clean run has
// none; a violated check is listed with its witness line; a missing golden fails under CI; a
// malformed frame view fails the schema first; evidence and the verdict annotation are always
// attached. Method: hand-made recordings and a fake testInfo.
import { test, expect, type TestInfo } from '@playwright/test';
import { judgeCase } from '../../../harness/report/judge-case.js';
import { readCaseAnnotations } from '../../../harness/report/annotations.js';
import type { Recording } from '../../../harness/sim/recording.js';
import { TranscriptBuilder, exp, op, sym, tag } from '../checks/_transcript-builder.js';
import { ascii } from '../transcript/_wire-frames.js';

function fakeInfo(updateSnapshots: 'all' | 'none' = 'none') {
  const attachments: Array<{ name: string; body: unknown }> = [];
  const annotations: Array<{ type: string; description?: string }> = [];
  const info = {
    attachments,
    annotations,
    config: { updateSnapshots },
    attach: async (name: string, o: { body?: unknown }) => void attachments.push({ name, body: o.body }),
  };
  return info as unknown as typeof info & Pick<TestInfo, 'attach' | 'annotations' | 'config'>;
}

/** A real-bytes recording: a→b hello both ways, then tagged calls dispatched in `order`. */
function recording(order: number[]): Recording {
  const b = new TranscriptBuilder(['a', 'b']);
  const c = b.connect('a', 'b');
  const frames = [b.exchange(c, 'a', 'hello'), b.exchange(c, 'b', 'hello')];
  for (const n of [1, 2]) b.originate('a', tag('a', 'p', n));
  for (const n of order) {
    frames.push(b.exchange(c, 'a', op.deliver(exp(0), [sym('m')])));
    b.dispatch('b', tag('a', 'p', n));
  }
  const rec = b.recording();
  const hello = "<16'op:start-session3\"1.0[10'public-key[3'ecc[5'curve7'Ed25519][5'flags5'eddsa][1'q32:" + 'k'.repeat(32) + "]]]<10'ocapn-peer3'sim1\"af>[7'sig-val[5'eddsa[1'r32:" + 'r'.repeat(32) + "][1's32:" + 's'.repeat(32) + ']]]>';
  const call = "<10'op:deliver<11'desc:export0+>[1'm]ff>";
  let i = 0;
  for (const e of rec.events) if (e.kind === 'frame' && e.phase === 'sent') e.bytesHex = ascii(i++ < 2 ? hello : call);
  return rec;
}

test('a clean run has no failures and attaches every piece of evidence', async () => {
  const info = fakeInfo();
  const r = await judgeCase(info, recording([1, 2]), { golden: false });
  expect(r.validation.text).toBe('');
  expect(r.failures).toEqual([]);
  expect(r.checks.verdicts.find((v) => v.name === 'perRefFifo')?.verdict).toBe('holds');
  expect(info.attachments.map((a) => a.name).sort()).toEqual(['replay.txt', 'sequence.md', 'sequence.svg', 'tables.json', 'transcript.json', 'verdicts.json']);
  expect(info.annotations).toContainEqual({ type: 'ocapn.verdict', description: 'unknown' });
});

test('a violated check is a failure with its ledger line, and is annotated', async () => {
  const info = fakeInfo();
  const r = await judgeCase(info, recording([2, 1]), { golden: false, checks: ['perRefFifo', 'sessionFirst'] });
  expect(r.failures).toEqual(['perRefFifo violated: a on p at target at b: #2 dispatched before #1 (frames 3, 4)']);
  expect(r.summary.split('\n')[0]).toBe(r.failures[0]);
  expect(readCaseAnnotations([{ type: 'ocapn.scenario', description: 's' }, ...info.annotations])?.violated).toEqual(['perRefFifo']);
});

test('a missing golden fails under CI mode; update mode writes it', async () => {
  const root = test.info().outputPath('golden');
  const ci = await judgeCase(fakeInfo('none'), recording([1, 2]), { goldenRoot: root, checks: [] });
  expect(ci.failures[0]).toMatch(/golden is missing \(not written under CI/);
  const up = await judgeCase(fakeInfo('all'), recording([1, 2]), { goldenRoot: root, checks: [] });
  expect(up.golden?.action).toBe('written');
  expect(up.failures).toEqual([]);
  const again = await judgeCase(fakeInfo('none'), recording([1, 2]), { goldenRoot: root, checks: [] });
  expect(again.golden?.action).toBe('matched');
});

test('a schema failure comes first, with its pointer', async () => {
  const rec = recording([1, 2]);
  (rec.header as { driver: string }).driver = '';
  const r = await judgeCase(fakeInfo(), rec, { golden: false });
  expect(r.failures[0]).toBe('transcript schema: /header/driver: must NOT have fewer than 1 characters');
});
