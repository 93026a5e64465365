// Goal: cleanClose holds for a stop that closes its connections and catches a reset instead of a
// close, and a write after the close.
import { test, expect } from '@playwright/test';
import { runChecker } from '../../../harness/checks/verdict.js';
import { cleanClose } from '../../../harness/checks/clean-close.js';
import { TranscriptBuilder, exp, op, sym } from './_transcript-builder.js';

test('holds, and catches resets and late writes', () => {
  const ok = new TranscriptBuilder();
  const c = ok.session('a', 'b');
  ok.fault('stop', ['b']);
  ok.exchange(c, 'b', op.abort('shutdown'));
  ok.closeConnection(c, 'close');
  expect(runChecker(cleanClose, ok.build())).toMatchObject({ verdict: 'holds', exercised: 1 });

  const rst = new TranscriptBuilder();
  const c2 = rst.session('a', 'b');
  rst.fault('stop', ['b']);
  rst.closeConnection(c2, 'reset');
  expect(runChecker(cleanClose, rst.build()).explanation).toMatch(/^cleanClose violated: b stopped \(event \d+\) but c1 was reset, not closed/);

  const late = new TranscriptBuilder();
  const c3 = late.session('a', 'b');
  late.fault('stop', ['b']);
  late.closeConnection(c3, 'close');
  const f = late.send(c3, 'b', op.deliver(exp(0), [sym('m')]));
  expect(runChecker(cleanClose, late.build()).explanation).toBe(`cleanClose violated: b wrote op:deliver on c1 after closing it (frame ${f})`);
});
