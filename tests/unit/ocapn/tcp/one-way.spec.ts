// Goal: deliveries nobody answers are written as the peer can read them — `op:deliver … f f` by
// default, `op:deliver-only` in dialect python-suite (the suite's main cannot read a `false`
// resolver) or when asked for.
import { test, expect } from '@playwright/test';
import { E, Far, makeNet, makeNode, settle } from '../node/_net.js';
import { decodeOp } from '../../../../harness/ocapn/wire/index.js';
import type { ReferenceOptions } from '../../../../harness/ocapn/session/host.js';

async function oneWayOps(options: Partial<ReferenceOptions>): Promise<string[]> {
  const { net } = makeNet();
  const a = makeNode(net, 'a', options);
  const b = makeNode(net, 'b', options);
  const seen: unknown[] = [];
  const loc = b.registerSturdyRef('sink', Far('Sink', { take: (x: unknown) => void seen.push(x) }));
  const sink = a.enliven(loc);
  E.sendOnly(sink).take('x');
  await settle(net);
  expect(seen).toEqual(['x']);
  // The sendOnly from a, and b's answer to a's fetch resolver: both one-way.
  return net.log
    .map((e) => ({ e, op: decodeOp(Uint8Array.from(Buffer.from(e.hex, 'hex'))) }))
    .filter(({ op }) => op.type === 'op:deliver-only' || (op.type === 'op:deliver' && op.answer === false && op.resolveMe === false))
    .map(({ e, op }) => `${e.from}→${e.to} ${op.type}`);
}

test('spec dialect: one-way deliveries are op:deliver with f f', async () => {
  const ops = await oneWayOps({ dialect: 'spec' });
  expect(ops).toContain('a→b op:deliver');
  expect(ops).toContain('b→a op:deliver');
  expect(ops.every((o) => o.endsWith('op:deliver'))).toBe(true);
});

test('python-suite dialect: one-way deliveries are op:deliver-only', async () => {
  const ops = await oneWayOps({ dialect: 'python-suite' });
  expect(ops).toContain('a→b op:deliver-only');
  expect(ops).toContain('b→a op:deliver-only');
  expect(ops.every((o) => o.endsWith('op:deliver-only'))).toBe(true);
});

test('oneWay: deliver overrides the python-suite default (the suite after remove-op-deliver-only)', async () => {
  const ops = await oneWayOps({ dialect: 'python-suite', oneWay: 'deliver' });
  expect(ops.length).toBeGreaterThan(0);
  expect(ops.every((o) => o.endsWith('op:deliver'))).toBe(true);
});
