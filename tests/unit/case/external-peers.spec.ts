// Goal: the Node side of the bridge to external processes relays a process's dial to another
// external node through the page network (a `dial`, then frames, as that node's connection),
// starts processes in the order their {locator:…} names need, and turns the page's `reset` into
// an RST on the socket (the process sees ECONNRESET, not a graceful end).
import { test, expect } from '@playwright/test';
import { connect, createServer, type Socket } from 'node:net';
import { ExternalPeers, launchOrder, placeholdersIn } from '../../../harness/external/external-peers.js';
import { encodeFrame } from '../../../harness/ocapn/syrup/index.js';
import { parseTcpLocator, tcpAddressOf } from '../../../harness/ocapn/netlayer/tcp-locator.js';
import { loadScenario, parseScenario } from '../../../harness/scenario/load.js';
import type { Plan } from '../../../harness/scenario/plan.js';

async function until(check: () => boolean, what: string, ms = 5000): Promise<void> {
  for (const start = Date.now(); !check(); await new Promise((r) => setTimeout(r, 20))) {
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
  }
}

test('launch order: a process that names another external node locator starts after it', () => {
  const loaded = loadScenario('scenarios/external/serve-forward-chain.yaml');
  const plan = loaded.plan!;
  expect(placeholdersIn(plan.topology.nodes.find((n) => n.name === 'bob')!.external!.command!)).toEqual(['carol']);
  expect(launchOrder(plan).map((n) => n.name)).toEqual(['carol', 'bob']);
});

test('a relay carries a process dial into the page as its connection; reset is an RST, close a FIN', async () => {
  test.setTimeout(30_000);
  // carol: a plain TCP listener standing for a process (what the bridge writes to it arrives here).
  const atCarol: Buffer[] = [];
  let carolEnded = false;
  const carol = createServer((socket) => {
    socket.on('data', (chunk: Buffer) => atCarol.push(chunk));
    socket.on('end', () => (carolEnded = true));
  });
  await new Promise<void>((resolve) => carol.listen(0, '127.0.0.1', resolve));
  const carolPort = (carol.address() as { port: number }).port;
  // bob: a process whose "locator" is the first argument it was given, here the relay standing
  // for carol, so the test can dial that relay as bob would.
  const script = 'console.log(process.argv[1]); setInterval(() => {}, 1000)';
  const yaml = `id: relay-test
title: relay
topology:
  nodes:
    alice: {}
    bob:
      external:
        command: node -e "${script}" {locator:carol}
        framing: length
      objects: { echo: { swiss: echo, app: echo } }
    carol:
      external: { locator: "ocapn://carold.tcp-testing-only?host=127.0.0.1&port=${carolPort}" }
      objects: { echo: { swiss: echo, app: echo } }
`;
  const loaded = parseScenario(yaml, 'relay-test.yaml');
  expect(loaded.errors).toBeUndefined();
  const plan = loaded.plan as Plan;
  const toPage: Array<{ type: string; node: string; conn: string; bytes?: number[]; target?: string; reason?: string }> = [];
  let fromPage: ((message: { type: string; node: string; conn: string; bytes?: number[] }) => void) | undefined;
  const page = {
    evaluate: async <R, A>(_fn: (arg: A) => R | Promise<R>, arg: A): Promise<R> => {
      toPage.push(arg as never);
      return undefined as R;
    },
    // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
    exposeFunction: async (_name: string, fn: Function) => {
      fromPage = fn as typeof fromPage;
    },
  };
  const peers = new ExternalPeers(plan, page);
  let bobSocket: Socket | undefined;
  try {
    await peers.start();
    const relay = parseTcpLocator(peers.locators.bob);
    // The relay keeps carol's designator; only the address is the bridge's.
    expect(relay.designator).toBe('carold');
    expect(tcpAddressOf(relay).port).not.toBe(carolPort);

    // bob's process dials the relay and writes one framed message: the page hears bob dial carol.
    const { host, port } = tcpAddressOf(relay);
    const socket = connect({ host, port });
    bobSocket = socket;
    const bobErrors: string[] = [];
    socket.on('error', (error: NodeJS.ErrnoException) => bobErrors.push(error.code ?? error.message));
    socket.write(encodeFrame(new TextEncoder().encode('hello')));
    await until(() => toPage.some((m) => m.type === 'message'), 'the message to reach the page');
    expect(toPage[0]).toEqual({ type: 'dial', node: 'bob', conn: 'relay-1', target: 'carol' });
    expect(toPage[1]).toEqual({ type: 'message', node: 'bob', conn: 'relay-1', bytes: [...new TextEncoder().encode('hello')] });

    // The page network accepts at carol and delivers: the bridge opens carol's socket and writes
    // in carol's framing (none: the bytes as they are).
    fromPage!({ type: 'open', node: 'carol', conn: 'c3' });
    fromPage!({ type: 'write', node: 'carol', conn: 'c3', bytes: [...new TextEncoder().encode('hello')] });
    await until(() => Buffer.concat(atCarol).toString() === 'hello', 'carol to receive the bytes');

    // A reset fault on bob's link: bob's socket is reset, not closed.
    fromPage!({ type: 'reset', node: 'bob', conn: 'relay-1' });
    await until(() => bobErrors.length > 0, 'bob to see its connection reset');
    expect(bobErrors).toEqual(['ECONNRESET']);
    // The page ended that connection itself: no `end` goes back for it.
    expect(toPage.filter((m) => m.type === 'end' && m.node === 'bob')).toEqual([]);

    // A graceful close on carol's link: carol sees a FIN.
    fromPage!({ type: 'close', node: 'carol', conn: 'c3' });
    await until(() => carolEnded, 'carol to see the end');
  } finally {
    bobSocket?.destroy();
    await peers.stop();
    carol.close();
  }
});
