// Goal: the flush lab's metrics are computed from the wire as documented — frames, answered fence
// exchanges (op:flush → op:flush-done; withdraw-gift answers), calls that went the long way
// (relayed) or the short way, the last delivery and the time the short reference arrived — on
// stored transcripts and a hand-built handoff; the perRefFifo witness of a violating seed is
// kept; the report validates against fixtures/schemas/flush-designs.schema.json and a malformed
// one does not.
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { runChecks } from '../../../harness/checks/index.js';
import { buildFlushLabReport, designRow, pathsOf, renderFlushLabHtml, roundTripsOf, seedMetrics } from '../../../harness/report/flush-lab.js';
import type { Recording } from '../../../harness/sim/recording.js';
import { makeTranscript } from '../../../harness/transcript/from-recording.js';
import type { Transcript } from '../../../harness/transcript/types.js';
import { TranscriptBuilder, exp, imo, op, sym, tag } from '../checks/_transcript-builder.js';
import { deposit, handoffWorld, withdraw } from '../checks/_handoffs.js';

const load = (name: string): Transcript => makeTranscript(JSON.parse(readFileSync(`tests/unit/checks/recorded/${name}.json`, 'utf8')) as Recording);
const schema = JSON.parse(readFileSync('fixtures/schemas/flush-designs.schema.json', 'utf8')) as object;
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

test('a stored receiver-initiated flush: one answered op:flush is one round trip', () => {
  const t = load('flush-refcount-preserved-reference');
  expect(roundTripsOf(t)).toBe(1);
  const m = seedMetrics(1, t, runChecks(t, ['perRefFifo']).verdicts, []);
  expect(m.frames).toBe(t.events.filter((e) => e.kind === 'frame' && e.phase === 'sent').length);
  expect(m.shortenedAtMs).toBeNull();
});

test('a stored reordering run: perRefFifo violated, its witness frames kept; relayed calls count as the long way', () => {
  const t = load('forwarding-fixed-route-four-hops-forwarder-reorders');
  const verdicts = runChecks(t, ['perRefFifo']).verdicts;
  const m = seedMetrics(7, t, verdicts, ['perRefFifo violated: …']);
  expect(m.perRefFifo).toBe('violated');
  expect(m.witnessFrames).toEqual(verdicts[0].witness!.frames);
  expect(m.witnessFrames.length).toBeGreaterThan(0);
  expect(m.failed).toBe(true);
  expect(m.longWay).toBeGreaterThan(0);
  expect(m.shortWay).toBe(0);
  const dispatched = t.events.filter((e) => e.kind === 'app' && e.event === 'call-dispatched' && e.tag);
  expect(m.lastDeliveryMs).toBe(dispatched.at(-1)!.atMs);
  const row = designRow('none', 'four-hops@none', [m, { ...m, seed: 3, perRefFifo: 'holds', witnessFrames: [], failed: false }]);
  expect(row.witness).toEqual({ seed: 7, frames: m.witnessFrames, explanation: verdicts[0].explanation });
  expect([row.violatingSeeds, row.failedSeeds, row.perSeed.map((s) => s.seed)]).toEqual([1, 1, [3, 7]]);
});

test('a handoff: the answered withdraw is a round trip, its arrival the shortening time; a direct call is the short way', () => {
  const { b, ge, re } = handoffWorld();
  b.exchange(ge, 'g', deposit());
  b.exchange(re, 'r', withdraw(3));
  const answer = b.send(re, 'e', op.fulfill(3, imo(7)));
  b.clock = 500;
  b.deliver(answer);
  b.originate('r', tag('r', 'x', 1), 'k');
  b.exchange(re, 'r', op.deliver(exp(7), [sym('m'), { struct: { sender: 'r', ref: 'x', n: 1 } }]));
  b.dispatch('e', tag('r', 'x', 1));
  const t = b.build();
  expect(roundTripsOf(t)).toBe(1);
  expect(pathsOf(t)).toEqual({ longWay: 0, shortWay: 1 });
  const m = seedMetrics(1, t, [], []);
  expect(m.shortenedAtMs).toBe(501);
  expect(m.perRefFifo).toBe('unknown');
});

test('the report validates against its JSON Schema; a malformed one fails it', () => {
  const t = load('flush-refcount-preserved-reference');
  const m = seedMetrics(1, t, runChecks(t, ['perRefFifo']).verdicts, []);
  const report = buildFlushLabReport('reference', [1, 2], ['receiver-initiated', 'none'], [
    { scenario: 'refcount-preserved', title: 't', file: 'scenarios/flush/refcount-preserved.yaml', designs: [designRow('receiver-initiated', 'refcount-preserved@receiver-initiated', [m, { ...m, seed: 2 }]), designRow('none', 'refcount-preserved@none', [])] },
  ]);
  expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
  expect(report.headline.map((h) => [h.design, h.cases])).toEqual([['receiver-initiated', 2], ['none', 0]]);
  expect(renderFlushLabHtml(report)).toContain('refcount-preserved');
  const broken = JSON.parse(JSON.stringify(report)) as { scenarios: { designs: { perSeed: { perRefFifo: string }[] }[] }[] };
  broken.scenarios[0].designs[0].perSeed[0].perRefFifo = 'maybe';
  expect(validate(broken)).toBe(false);
});

test('the builder helper still builds plain transcripts (no handoff, no flush): zero round trips', () => {
  const b = new TranscriptBuilder();
  b.session('a', 'b');
  expect(roundTripsOf(b.build())).toBe(0);
});

test('long and short way per arriving frame: two calls with the same tag, one relayed by b, one straight from a', () => {
  const b = new TranscriptBuilder();
  const ab = b.session('a', 'b');
  const bc = b.session('b', 'c');
  const ac = b.session('a', 'c');
  const call = { struct: { sender: 'a', ref: 'p', n: 1 } };
  b.originate('a', tag('a', 'p', 1), 'z');
  b.exchange(ab, 'a', op.deliver(exp(1), [sym('m'), call]));
  b.exchange(bc, 'b', op.deliver(exp(1), [sym('m'), call]));
  b.dispatch('c', tag('a', 'p', 1));
  b.originate('a', tag('a', 'p', 1), 'w');
  b.exchange(ac, 'a', op.deliver(exp(1), [sym('m'), call]));
  b.dispatch('c', tag('a', 'p', 1));
  expect(pathsOf(b.build())).toEqual({ longWay: 1, shortWay: 1 });
});
