/**
 * Goal: the worker host's netlayer reports what a node does to its connections as network
 * outputs: nothing written after the node's own close or reset, but a write on a connection the
 * peer or the network ended still reported (the network records it as dropped), so a node that
 * keeps using a failed connection is visible; reset() is its own output, not a close.
 * Method: a real HostWorld, its outbox read directly.
 */
import { test, expect } from '@playwright/test';
import { HostWorld, simLocation } from '../../../harness/sim/worker-side/host-world.js';
import { makeRandom } from '../../../harness/ocapn/random.js';

const world = () => new HostWorld('a', 0, makeRandom(1, 'host-world-test'));

test('a write on a connection the network reset is still reported; after the node closed it, never', () => {
  const w = world();
  const failed = w.netlayer.connect(simLocation('b'));
  const closed = w.netlayer.connect(simLocation('c'));
  w.deliver({ type: 'end', conn: failed.id, end: { kind: 'reset', reason: 'reset fault' } });
  closed.close();
  w.outbox = [];
  failed.write(new Uint8Array([1]));
  closed.write(new Uint8Array([2]));
  expect(w.outbox).toEqual([{ type: 'write', conn: failed.id, bytes: new Uint8Array([1]) }]);
});

test('reset() is reported as a reset, the node sees its own end as local, and nothing is written after', async () => {
  const w = world();
  const conn = w.netlayer.connect(simLocation('b'));
  const ends: unknown[] = [];
  conn.onClose((end) => ends.push(end));
  w.outbox = [];
  conn.reset!();
  conn.write(new Uint8Array([1]));
  conn.close();
  expect(w.outbox).toEqual([{ type: 'reset', conn: conn.id }]);
  await Promise.resolve();
  expect(ends).toEqual([{ kind: 'local' }]);
});
