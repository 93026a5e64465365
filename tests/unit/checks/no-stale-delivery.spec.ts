// Goal: noStaleDelivery holds when a restarted node only hears from new connections and catches
// a frame of an old connection delivered after the restart; a connection dialled while the node
// was down and accepted by its new incarnation is a new connection.
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
  expect(v.explanation).toMatch(new RegExp(`^noStaleDelivery violated: b: frame ${f} on c1 \\(accepted by b before restart-keep at event \\d+\\) delivered to the new incarnation at \\d+ ms$`));
});

test('holds when a connection dialled while the node was down is accepted by the new incarnation (found by explore --faults)', () => {
  const b = new TranscriptBuilder();
  const c0 = b.session('a', 'b');
  b.fault('kill', ['b']);
  b.closeConnection(c0, 'reset', 'killed');
  const c1 = b.open('a', 'b');
  const hello = b.send(c1, 'a', op.hello());
  b.fault('restart-fresh', ['b']);
  b.accept(c1);
  b.deliver(hello);
  b.exchange(c1, 'b', op.hello());
  b.exchange(c1, 'a', op.deliver(exp(0), [sym('m')]));
  expect(runChecker(noStaleDelivery, b.build())).toMatchObject({ verdict: 'holds', exercised: 2 });
});

test('unknown when the node had nothing from before its end that could reach it later', () => {
  const b = new TranscriptBuilder();
  b.fault('kill', ['b']);
  b.fault('restart-fresh', ['b']);
  const c1 = b.session('a', 'b');
  b.exchange(c1, 'a', op.deliver(exp(0), [sym('m')]));
  expect(runChecker(noStaleDelivery, b.build())).toMatchObject({ verdict: 'unknown' });
});

test('violated when the node dialled the connection before the restart and a frame on it reaches the new incarnation', () => {
  const b = new TranscriptBuilder();
  const c1 = b.session('b', 'a');
  const f = b.send(c1, 'a', op.deliver(exp(0), [sym('m')]));
  b.fault('restart-fresh', ['b']);
  b.deliver(f);
  expect(runChecker(noStaleDelivery, b.build()).explanation).toContain(`frame ${f} on c1 (dialled by b before restart-fresh`);
});
