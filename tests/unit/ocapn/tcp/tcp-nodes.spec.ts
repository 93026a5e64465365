// Goal: two reference nodes in one process talk over real loopback TCP (`tcp-testing-only`), in
// both framings and every dialect: handshake, echo, pipelining, break, GC.
import { test, expect } from '@playwright/test';
import { E, Far, tcpNode, until, type TcpNode } from './_tcp.js';
import { formatTcpLocator, parseTcpLocator } from '../../../../harness/ocapn/netlayer/tcp-locator.js';
import type { Framing } from '../../../../harness/ocapn/netlayer/stream-connection.js';
import type { Dialect } from '../../../../harness/ocapn/syrup/index.js';

const cases: Array<{ framing: Framing; dialect: Dialect }> = [
  { framing: 'length', dialect: 'spec' },
  { framing: 'none', dialect: 'spec' },
  { framing: 'length', dialect: 'endo' },
  { framing: 'none', dialect: 'python-suite' },
];

function hostApps(b: TcpNode) {
  const echo = b.node.registerSturdyRef('echo', Far('Echo', (...args: unknown[]) => args));
  const factory = b.node.registerSturdyRef(
    'factory',
    Far('Factory', {
      make: (name: string) => Far('Made', { label: () => name, fail: () => Promise.reject(new Error(`${name} refuses`)) }),
    }),
  );
  return { echo, factory };
}

for (const { framing, dialect } of cases) {
  test.describe(`tcp ${framing} framing, ${dialect} dialect`, () => {
    let a: TcpNode;
    let b: TcpNode;
    test.beforeEach(async () => {
      a = await tcpNode('alice', { framing, dialect });
      b = await tcpNode('bob', { framing, dialect });
    });
    test.afterEach(async () => {
      await a.stop();
      await b.stop();
    });

    test('handshake over a real socket, then echo', async () => {
      const { echo } = hostApps(b);
      // The sturdyref travels as a URI, as it would between processes.
      const location = parseTcpLocator(formatTcpLocator(echo.location));
      expect(location.hints).toEqual({ host: '127.0.0.1', port: String(b.netlayer.port) });
      const remote = a.node.enliven({ location, swiss: 'echo' });
      const bytes = new Uint8Array([1, 2, 3]);
      expect(await E(remote)('hi', 42n, false, bytes, ['nested'])).toEqual(['hi', 42n, false, bytes, ['nested']]);
      const [mine] = a.node.tables().sessions;
      const [theirs] = b.node.tables().sessions;
      expect(mine.peer).toBe('bob');
      expect(theirs.peer).toBe('alice');
      expect(mine.sessionId).toBe(theirs.sessionId);
      expect(mine.sessionId).toMatch(/^[0-9a-f]{64}$/);
    });

    test('pipelining: calls on unresolved answers, one round trip of frames', async () => {
      const { factory } = hostApps(b);
      const made = E(a.node.enliven(factory)).make('carol');
      expect(await E(made).label()).toBe('carol');
    });

    test('break: a rejected call breaks the answer with the reason, the session lives on', async () => {
      const { factory } = hostApps(b);
      const made = E(a.node.enliven(factory)).make('dave');
      await expect(E(made).fail()).rejects.toThrow('dave refuses');
      expect(await E(made).label()).toBe('dave');
    });

    test('gc: releasing an import frees the export on the other node', async () => {
      const { factory } = hostApps(b);
      const made = await E(a.node.enliven(factory)).make('erin');
      const exportsOf = () => b.node.tables().sessions[0]?.exports.map((r) => r.position) ?? [];
      const before = exportsOf();
      expect(before.length).toBeGreaterThan(2);
      a.node.release(made);
      await until(() => exportsOf().length === before.length - 1, 5000, 'bob to drop the released export');
    });
  });
}

test('locators: the URI form round-trips and bad ones are refused with a reason', () => {
  const uri = 'ocapn://abc123.tcp-testing-only?host=127.0.0.1&port=22046';
  expect(parseTcpLocator(uri)).toEqual({ transport: 'tcp-testing-only', designator: 'abc123', hints: { host: '127.0.0.1', port: '22046' } });
  expect(formatTcpLocator(parseTcpLocator(uri))).toBe(uri);
  expect(() => parseTcpLocator('ocapn://abc.onion')).toThrow(/transport "onion"/);
  expect(() => parseTcpLocator('ocapn://abc.tcp-testing-only?host=127.0.0.1')).toThrow(/host and port/);
  expect(() => parseTcpLocator('ocapn://abc.tcp-testing-only?host=127.0.0.1&port=99999')).toThrow(/not a port/);
  expect(() => parseTcpLocator('http://abc')).toThrow(/not an OCapN peer locator/);
});

test('loopback only by default: no listening on, nor dialling, another address', async () => {
  await expect(tcpNode('wide', { host: '0.0.0.0' })).rejects.toThrow(/loopback only/);
  const a = await tcpNode('alice');
  try {
    const far = a.node.enliven({ location: { transport: 'tcp-testing-only', designator: 'far', hints: { host: '192.0.2.1', port: '9' } }, swiss: 'x' });
    await expect(far).rejects.toThrow(/refusing to dial 192\.0\.2\.1/);
  } finally {
    await a.stop();
  }
});

test('a dial to a port nobody listens on fails the enliven, not the process', async () => {
  const a = await tcpNode('alice');
  const gone = await tcpNode('gone');
  const port = gone.netlayer.port;
  await gone.stop();
  try {
    const ref = a.node.enliven({ location: { transport: 'tcp-testing-only', designator: 'gone', hints: { host: '127.0.0.1', port: String(port) } }, swiss: 'x' });
    await expect(ref).rejects.toThrow(/session with gone failed/);
  } finally {
    await a.stop();
  }
});
