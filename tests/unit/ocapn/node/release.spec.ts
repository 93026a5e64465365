// Goal: an ended session frees what it held even while app promises it was called through stay
// pending for ever: its tables are empty, and the peer's resolvers (import presences) it held
// become garbage.
// Method: a raw peer makes 20 calls to an app method that never settles, then aborts. The test
// keeps WeakRefs to the session's import presences, forces a full GC (V8's gc exposed through
// node:vm) and checks that none survives while every app promise is still pending.
import { makeNet, makeNode, rawPeer, settle, Far } from './_net.js';
import { test, expect } from '@playwright/test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { encode, sym, SyrupRecord, type SyrupValue } from '../../../../harness/ocapn/syrup/index.js';
import type { Session } from '../../../../harness/ocapn/session/session.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const rec = (label: string, ...fields: SyrupValue[]) => new SyrupRecord(sym(label), fields);
const macrotask = () => new Promise<void>((resolve) => setImmediate(resolve));

test('release - an ended session empties its tables and drops the peer resolvers its pending calls held', async () => {
  const { net } = makeNet();
  const b = makeNode(net, 'b');
  const pending: Array<() => void> = [];
  b.registerSturdyRef('hang', Far('Hang', { wait: () => new Promise<void>((resolve) => pending.push(resolve)) }));
  const peer = rawPeer(net, 'p', b);
  peer.hello();
  peer.write(encode(rec('op:deliver', rec('desc:export', 0n), [sym('fetch'), new TextEncoder().encode('hang')], 1n, false)));
  for (let k = 0; k < 20; k++) {
    peer.write(encode(rec('op:deliver', rec('desc:answer', 1n), [sym('wait'), 'x'.repeat(1024)], BigInt(k + 2), rec('desc:import-object', BigInt(k + 1)))));
  }
  await settle(net);
  const session = (b as unknown as { sessions: Session[] }).sessions[0];
  expect(pending).toHaveLength(20);
  expect(session.imports.byPosition.size).toBe(20);
  const resolvers = [...session.imports.byValue.keys()].map((presence) => new WeakRef(presence));
  peer.send({ type: 'op:abort', reason: 'bye' });
  await settle(net);
  expect(session.state).toBe('ended');
  for (const table of [session.exports, session.imports, session.answers, session.questions]) expect(table.byPosition.size).toBe(0);
  expect(session.exports.byValue.size + session.imports.byValue.size + session.questionsByPromise.size).toBe(0);
  await macrotask();
  gc();
  await macrotask();
  gc();
  expect(resolvers.filter((r) => r.deref() !== undefined)).toHaveLength(0);
  expect(pending).toHaveLength(20); // still pending: the app was never told
  for (const resolve of pending) resolve();
  await settle(net);
  expect(peer.received.map((v) => v.op).filter((op) => op !== 'op:start-session' && op !== 'op:deliver')).toEqual([]);
});
