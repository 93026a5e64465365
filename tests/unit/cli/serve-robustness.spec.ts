// Goal: a hostile peer on a real socket cannot take `serve` down or starve others: garbage, a
// half frame then silence, a frame declaring 2^40 bytes, and 1,000 connections at once are each
// refused or aborted with a reason (op:abort naming the rule), while `serve` keeps answering a
// well-behaved client.
import { test, expect } from '@playwright/test';
import { connect, type Socket } from 'node:net';
import { E, tcpNode, until, type TcpNode } from '../ocapn/tcp/_tcp.js';
import { parseTcpLocator } from '../../../harness/ocapn/netlayer/tcp-locator.js';
import { parseServeArgs } from '../../../harness/cli/commands/serve.js';
import { startServer, type RunningServer, type ServeArgs } from '../../../harness/serve/server.js';
import { SUITE_SWISS } from '../../../harness/serve/suite-objects.js';
import { FrameReader, UnframedReader } from '../../../harness/ocapn/syrup/index.js';
import { decodeOp } from '../../../harness/ocapn/wire/index.js';
import type { Framing } from '../../../harness/ocapn/netlayer/stream-connection.js';

interface Raw {
  socket: Socket;
  bytes: () => Uint8Array;
  closed: Promise<void>;
}

function raw(port: number): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect({ host: '127.0.0.1', port });
    const closed = new Promise<void>((done) => socket.once('close', () => done()));
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', () => {});
    socket.once('connect', () => resolve({ socket, bytes: () => new Uint8Array(Buffer.concat(chunks)), closed }));
    socket.once('error', reject);
  });
}

/** The op:abort reasons in what the server wrote, read in the server's framing. */
function abortReasons(bytes: Uint8Array, framing: Framing): string[] {
  const messages = framing === 'length' ? new FrameReader().push(bytes) : new UnframedReader().push(bytes).map((v) => v.bytes);
  return messages.map((m) => decodeOp(m)).flatMap((op) => (op.type === 'op:abort' ? [op.reason] : []));
}

async function start(framing: Framing, extra: string[] = []): Promise<RunningServer> {
  return startServer(parseServeArgs(['--framing', framing, '--seed', '5', ...extra]) as ServeArgs);
}

const portOf = (server: RunningServer) => Number((parseTcpLocator(server.locator).hints as Record<string, string>).port);

/** A well-behaved client still gets answers. */
async function stillAnswers(server: RunningServer, client: TcpNode, text: string): Promise<void> {
  const echo = client.node.enliven({ location: parseTcpLocator(server.locator), swiss: SUITE_SWISS.echo });
  expect(await E(echo)(text)).toEqual([text]);
}

for (const framing of ['length', 'none'] as const) {
  test.describe(`serve under attack (${framing} framing)`, () => {
    let server: RunningServer;
    let client: TcpNode;
    test.afterEach(async () => {
      await client?.stop();
      await server?.stop();
    });

    test('garbage bytes: op:abort naming the rule, connection closed, others served', async () => {
      server = await start(framing);
      client = await tcpNode('client', { framing });
      const attacker = await raw(portOf(server));
      attacker.socket.write('GET / HTTP/1.1\r\n\r\n');
      await attacker.closed;
      const reasons = abortReasons(attacker.bytes(), framing);
      expect(reasons).toHaveLength(1);
      expect(reasons[0]).toMatch(framing === 'length' ? /netlayer: frame bad-prefix: expected a digit, got 'G'/ : /netlayer: unreadable stream: syrup unexpected-byte/);
      await stillAnswers(server, client, 'after garbage');
    });

    test('a frame declaring 2^40 bytes is refused at once, before any allocation', async () => {
      server = await start(framing);
      client = await tcpNode('client', { framing });
      const attacker = await raw(portOf(server));
      // length framing: the frame prefix; unframed: a bytestring value declaring the same.
      attacker.socket.write(`${2 ** 40}:`);
      await attacker.closed;
      const [reason] = abortReasons(attacker.bytes(), framing);
      expect(reason).toMatch(/too-long/);
      await stillAnswers(server, client, 'after 2^40');
    });

    test('a half frame then silence: others are served meanwhile, then it is aborted', async () => {
      server = await start(framing, ['--partial-timeout-ms', '400']);
      client = await tcpNode('client', { framing });
      const attacker = await raw(portOf(server));
      attacker.socket.write(framing === 'length' ? "100:<8'op:abort" : "<8'op:abort50\"half");
      const started = Date.now();
      await stillAnswers(server, client, 'while a frame hangs');
      await attacker.closed;
      expect(Date.now() - started).toBeGreaterThanOrEqual(350);
      const [reason] = abortReasons(attacker.bytes(), framing);
      expect(reason).toBe('netlayer: message incomplete after 400 ms of silence');
    });
  });
}

test('1,000 connections at once: those over the limit are refused with a reason, serve keeps answering', async () => {
  test.setTimeout(120_000);
  const server = await start('length', ['--max-connections', '100']);
  const client = await tcpNode('client', { framing: 'length' });
  const sockets: Raw[] = [];
  try {
    const port = portOf(server);
    sockets.push(...(await Promise.all(Array.from({ length: 1000 }, () => raw(port)))));
    // Every socket beyond the first 100 gets op:abort and is closed by serve.
    await until(() => sockets.filter((s) => s.socket.readableEnded || s.socket.destroyed).length >= 900, 30_000, '900 refusals');
    const refused = sockets.filter((s) => abortReasons(s.bytes(), 'length').includes('netlayer: too many connections (limit 100)'));
    expect(refused.length).toBeGreaterThanOrEqual(900);
    // The 100 accepted ones are idle; free a slot and the well-behaved client gets in and is served.
    for (const s of sockets) s.socket.destroy();
    await until(() => (server.node.world.netlayer as unknown as { connectionCount: number }).connectionCount === 0, 30_000, 'serve to see every socket close');
    await stillAnswers(server, client, 'after the flood');
  } finally {
    for (const s of sockets) s.socket.destroy();
    await client.stop();
    await server.stop();
  }
});
