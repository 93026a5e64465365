// Goal: noStaleDelivery holds when a restarted node only hears from new connections and catches
// a frame of an old connection delivered after the restart.
import { test, expect } from '@playwright/test';
import { runChecker } from '../../../harness/checks/verdict.js';
import { noStaleDelivery } from '../../../harness/checks/no-stale-delivery.js';
import { TranscriptBuilder, exp, op, sym } from './_transcript-builder.js';

test('holds when the old connection is dropped and a new one serves the new incarnation', () => {
  const b = new TranscriptBuilder();
  const c1 = b.session('a', 'b');
  const f = b.send(c1, 'a', op.deliver(exp(0), [sym('m')]));
  b.fault('restart-fresh', ['b']);
  b.drop(f);
  b.closeConnection(c1, 'reset', 'killed');
  const c2 = b.session('a', 'b');
  b.exchange(c2, 'a', op.deliver(exp(0), [sym('m')]));
  expect(runChecker(noStaleDelivery, b.build())).toMatchObject({ verdict: 'holds', exercised: 1 });
});

test('violated when a frame for the old incarnation is delivered after the restart', () => {
  const b = new TranscriptBuilder();
  const c1 = b.session('a', 'b');
  const f = b.send(c1, 'a', op.deliver(exp(0), [sym('m')]));
  b.fault('restart-keep', ['b']);
  b.deliver(f);
  const v = runChecker(noStaleDelivery, b.build());
  expect(v.explanation).toMatch(new RegExp(`^noStaleDelivery violated: b: frame ${f} on c1 \\(opened before restart-keep at event \\d+\\) delivered to the new incarnation at \\d+ ms$`));
});
