// Goal: a peer that keeps asking but never reads cannot make `serve` buffer without bound: once
// more than --max-unsent-bytes wait for that peer, its connection is dropped with a reason, and
// `serve` keeps answering others.
import { test, expect } from '@playwright/test';
import { connect } from 'node:net';
import { E, tcpNode } from '../ocapn/tcp/_tcp.js';
import { parseTcpLocator } from '../../../harness/ocapn/netlayer/tcp-locator.js';
import { parseServeArgs } from '../../../harness/cli/commands/serve.js';
import { startServer, type ServeArgs } from '../../../harness/serve/server.js';
import { SUITE_SWISS } from '../../../harness/serve/suite-objects.js';
import { makeSessionKeyPair, sign } from '../../../harness/ocapn/crypto/keys.js';
import { encode, encodeFrame, Sym } from '../../../harness/ocapn/syrup/index.js';
import { descAnswer, descExport, descImportObject, encodeOp, MyLocation, OcapnPeer, writeMyLocation, type Op } from '../../../harness/ocapn/wire/index.js';

test('a peer that never reads is dropped once its unsent backlog passes the limit', async () => {
  test.setTimeout(60_000);
  const server = await startServer(parseServeArgs(['--seed', '9', '--max-unsent-bytes', String(4 * 1024 * 1024), '--verbose']) as ServeArgs);
  const client = await tcpNode('client');
  const reasons: string[] = [];
  server.node.onEvent((e) => e.type === 'session-closed' && reasons.push(`${e.peer}: ${e.reason}`));
  const location = parseTcpLocator(server.locator);
  const hints = location.hints as Record<string, string>;
  const socket = connect({ host: hints.host, port: Number(hints.port) });
  socket.on('error', () => {});
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  try {
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.pause(); // never read what serve writes
    const send = (op: Op) => socket.write(encodeFrame(encodeOp(op)));
    const keys = makeSessionKeyPair(new Uint8Array(32).fill(7), 0);
    const me = new OcapnPeer('tcp-testing-only', 'hoarder', { host: '127.0.0.1', port: '9' });
    const sig = sign(encode(writeMyLocation(new MyLocation(me))), keys.secretKey);
    send({ type: 'op:start-session', captpVersion: '1.0', sessionPubkey: keys.publicKey, location: me, locationSig: sig });
    // Fetch the echo into answer 1 (pipelined), then ask it to echo 1 MB, 64 times over.
    send({ type: 'op:deliver', to: descExport(0n), args: [new Sym('fetch'), new TextEncoder().encode(SUITE_SWISS.echo)], answer: 1n, resolveMe: false });
    const big = 'x'.repeat(1024 * 1024);
    for (let i = 0; i < 64; i++) {
      send({ type: 'op:deliver', to: descAnswer(1n), args: [big], answer: false, resolveMe: descImportObject(BigInt(i + 1)) });
    }
    await closed;
    expect(reasons).toEqual([expect.stringMatching(/^hoarder: connection reset: netlayer: peer is not reading: \d+ bytes unsent \(limit 4194304\)$/)]);
    // serve is still there for everyone else.
    const echo = client.node.enliven({ location, swiss: SUITE_SWISS.echo });
    expect(await E(echo)('still here')).toEqual(['still here']);
  } finally {
    socket.destroy();
    await client.stop();
    await server.stop();
  }
});
