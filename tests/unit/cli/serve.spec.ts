// Goal: `ocapn-conformance serve` is a reference node another process can reach over TCP: the
// real binary prints its locator first, answers over real sockets, and exits 0 on SIGINT; the
// objects it hosts for the official suite behave as the suite's tests expect.
import { test, expect } from '@playwright/test';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { E, Far, tcpNode, until, type TcpNode } from '../ocapn/tcp/_tcp.js';
import { parseTcpLocator } from '../../../harness/ocapn/netlayer/tcp-locator.js';
import { parseServeArgs } from '../../../harness/cli/commands/serve.js';
import { startServer, type RunningServer, type ServeArgs } from '../../../harness/serve/server.js';
import { SUITE_SWISS } from '../../../harness/serve/suite-objects.js';
import { breakCategory } from '../../../harness/checks/break-rules.js';
import type { Framing } from '../../../harness/ocapn/netlayer/stream-connection.js';
import type { Dialect } from '../../../harness/ocapn/syrup/index.js';

const BIN = 'harness/cli/bin.mjs';

function runBin(args: string[]): { child: ReturnType<typeof spawn>; firstLine: Promise<string>; exit: Promise<number | null>; stderr: () => string } {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const lines = createInterface({ input: child.stdout! });
  const firstLine = new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`serve exited (${code}) before printing its locator: ${err}`)));
  });
  firstLine.catch(() => {}); // a test that expects an early exit never reads it
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, firstLine, exit, stderr: () => err };
}

test('serve --help prints the options and exits 0', async () => {
  const { exit, child } = runBin(['serve', '--help']);
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  expect(await exit).toBe(0);
  expect(out).toContain('usage: ocapn-conformance serve');
  expect(out).toContain('--framing none|length');
});

test('serve with a bad option exits 2 naming it', async () => {
  const run = runBin(['serve', '--framing', 'netstring']);
  expect(await run.exit).toBe(2);
  expect(run.stderr()).toContain('--framing must be one of none, length (got netstring)');
});

for (const framing of ['length', 'none'] as const) {
  test(`the real binary (${framing} framing): locator on the first line, echo over TCP, SIGINT exits 0`, async () => {
    test.setTimeout(60_000);
    const run = runBin(['serve', '--framing', framing, '--seed', '7']);
    let client: TcpNode | undefined;
    try {
      const locator = await run.firstLine;
      expect(locator).toMatch(/^ocapn:\/\/[0-9a-f]{32}\.tcp-testing-only\?host=127\.0\.0\.1&port=\d+$/);
      client = await tcpNode('client', { framing });
      const echo = client.node.enliven({ location: parseTcpLocator(locator), swiss: SUITE_SWISS.echo });
      expect(await E(echo)('ping', 1n)).toEqual(['ping', 1n]);
    } finally {
      await client?.stop();
      run.child.kill('SIGINT');
    }
    expect(await run.exit).toBe(0);
  });
}

test('serve arguments: defaults, and every refusal names the option', () => {
  const args = parseServeArgs([]) as ServeArgs;
  expect(args).toMatchObject({ port: 0, host: '127.0.0.1', framing: 'length', dialect: 'spec', objects: 'suite' });
  expect(parseServeArgs(['--port', '70000'])).toContain('--port needs a whole number');
  expect(parseServeArgs(['--dialect', 'edno'])).toContain('--dialect must be one of');
  expect(parseServeArgs(['--objects', 'all'])).toContain('--objects must be one of suite, harness, none');
  expect(parseServeArgs(['--methods', 'echo'])).toBe('--methods needs --objects harness');
  expect(parseServeArgs(['--objects', 'harness', '--methods', 'echo,no way'])).toContain('--methods needs method names');
  expect(parseServeArgs(['--objects', 'harness', '--peer', 'carol'])).toBe('--peer needs NAME=LOCATOR (got carol)');
  expect(parseServeArgs(['--objects', 'harness', '--peer', 'carol=http://x'])).toContain('--peer carol:');
  expect(parseServeArgs(['--designator', 'a b'])).toContain('--designator needs');
  expect(parseServeArgs(['--what'])).toBe('unknown option --what');
  expect(parseServeArgs(['-h'])).toBe('help');
  // util.parseArgs's own refusals, reworded to name the option.
  expect(parseServeArgs(['--port'])).toBe('--port needs a value');
  expect(parseServeArgs(['--verbose=yes'])).toBe('--verbose takes no value');
  expect(parseServeArgs(['stray'])).toBe('unexpected argument stray');
  // Both spellings of a value, every flag at once.
  expect(
    parseServeArgs(['--port=4000', '--host', '::1', '--framing=none', '--dialect', 'python-suite', '--one-way', 'deliver', '--objects', 'none', '--designator', 'd-1', '--seed', 's', '--max-connections', '3', '--partial-timeout-ms=0', '--max-unsent-bytes', '9', '--allow-non-loopback', '--verbose']),
  ).toEqual({
    port: 4000,
    host: '::1',
    framing: 'none',
    dialect: 'python-suite',
    oneWay: 'deliver',
    objects: 'none',
    methods: ['echo'],
    peers: {},
    name: 'serve',
    designator: 'd-1',
    seed: 's',
    maxConnections: 3,
    partialTimeoutMs: 0,
    maxUnsentBytes: 9,
    allowNonLoopback: true,
    verbose: true,
  });
});

// The suite objects, through a reference node client over TCP in the suite's wire profile.
const profiles: Array<{ framing: Framing; dialect: Dialect }> = [
  { framing: 'none', dialect: 'python-suite' },
  { framing: 'length', dialect: 'spec' },
];

for (const { framing, dialect } of profiles) {
  test.describe(`suite objects (${framing} framing, ${dialect})`, () => {
    let server: RunningServer;
    let client: TcpNode;
    test.beforeEach(async () => {
      server = await startServer({ ...(parseServeArgs(['--framing', framing, '--dialect', dialect, '--seed', '3']) as ServeArgs) });
      client = await tcpNode('client', { framing, dialect });
    });
    test.afterEach(async () => {
      await client.stop();
      await server.stop();
    });
    const fetch = (swiss: string) => client.node.enliven({ location: parseTcpLocator(server.locator), swiss });
    const exportsOfClient = () => client.node.tables().sessions[0]?.exports ?? [];

    test('car factory: pipelined build, make and drive; bad specs break', async () => {
      const factory = E(fetch(SUITE_SWISS.carFactoryBuilder))();
      const car = E(factory)([Symbol.for('red'), Symbol.for('zoomracer')]);
      expect(await E(car)()).toBe('Vroom! I am a red zoomracer car!');
      await expect(E(E(factory)([1n, 2n, 3n]))()).rejects.toThrow(/two symbols/);
    });

    test('promise/resolver pair: fulfil and break reach listeners with the exact value', async () => {
      const pair = fetch(SUITE_SWISS.promiseResolverPair);
      type Resolver = { fulfill(v: unknown): void; break(e: unknown): void };
      const [vow1, resolver1] = (await E(pair)()) as [Promise<unknown>, Resolver];
      E.sendOnly(resolver1).fulfill(Symbol.for('ok'));
      expect(await vow1).toBe(Symbol.for('ok'));
      const [vow2, resolver2] = (await E(pair)()) as [Promise<unknown>, Resolver];
      E.sendOnly(resolver2).break(Symbol.for('oh-no'));
      await expect(vow2).rejects.toBe(Symbol.for('oh-no'));
    });

    test('echo drops the references it was handed (gc-export), with the full count', async () => {
      const echo = fetch(SUITE_SWISS.echo);
      await E(echo)('warm-up');
      const added: number[] = [];
      client.node.onEvent((e) => e.type === 'export-added' && e.kind === 'object' && added.push(e.position));
      const mine = Far('Mine', {});
      E.sendOnly(echo)(mine, mine, mine, mine);
      // Sent four times in one message: refcount 4. The export disappears only when the deltas sum
      // to exactly 4 (more would abort the session, less would leave it in the table).
      await until(() => added.length === 1, 5000, 'the client to export Mine');
      await until(() => !exportsOfClient().some((r) => r.position === added[0]), 5000, 'echo to release Mine');
      expect(client.node.tables().sessions).toHaveLength(1);
      expect(await E(echo)('still live')).toEqual(['still live']);
    });

    test('greeter greets the object it is given, then drops its question (gc-answer)', async () => {
      const greeter = fetch(SUITE_SWISS.greeter);
      const greeted: unknown[] = [];
      E.sendOnly(greeter)(Far('Greetee', (...args: unknown[]) => void greeted.push(...args)));
      await until(() => greeted.length > 0, 5000, 'the greeting');
      expect(greeted).toEqual(['Hello']);
      await until(() => (client.node.tables().sessions[0]?.answers.length ?? 1) === 0, 5000, 'the greeter to drop its question');
    });

    test('a method call on a suite object (a plain function) breaks naming the method, in category no-method', async () => {
      const echo = fetch(SUITE_SWISS.echo);
      const failure = await (E(echo) as unknown as { greet(s: string): Promise<unknown> }).greet('hi').then(
        () => undefined,
        (error: unknown) => error,
      );
      const message = failure instanceof Error ? failure.message : String(failure);
      expect(message).toContain('the target has no method "greet": it is a function');
      expect(breakCategory(message)).toBe('no-method');
      // An object called as a function: the car factory builder's product is a function, its car too;
      // the resolver is an object with methods, so calling it bare names them.
      const [, resolver] = (await E(fetch(SUITE_SWISS.promiseResolverPair))()) as [Promise<unknown>, object];
      const bare = await (E(resolver) as unknown as () => Promise<unknown>)().then(
        () => undefined,
        (error: unknown) => error,
      );
      const bareMessage = bare instanceof Error ? bare.message : String(bare);
      expect(bareMessage).toContain('the target is not callable: it is an object (it has methods break, fulfill)');
      expect(breakCategory(bareMessage)).toBe('no-method');
      // The session survives both: the echo still answers.
      expect(await E(echo)('after')).toEqual(['after']);
    });

    test('sturdyref enlivener dials the node a sturdyref names', async () => {
      const third = await tcpNode('third', { framing, dialect });
      try {
        const called: string[] = [];
        const loc = third.node.registerSturdyRef('thing', Far('Thing', { ping: () => void called.push('ping') }));
        const thing = E(fetch(SUITE_SWISS.sturdyrefEnlivener))(loc);
        await E(thing).ping();
        expect(called).toEqual(['ping']);
        // The server hands third's object off (handoffs: shorten, the node's default): it deposits
        // it at third and the client withdraws it there, so the ping went client → third directly.
        expect(third.node.tables().sessions.map((s) => s.peer).sort()).toEqual([client.node.name, server.node.name].sort());
      } finally {
        await third.stop();
      }
    });
  });
}

test('serve --objects harness: the harness apps under their names; forwarders reach --peer nodes', async () => {
  const harnessArgs = (extra: string[]) => parseServeArgs(['--objects', 'harness', '--methods', 'echo,forward', ...extra]) as ServeArgs;
  const carol = await startServer(harnessArgs(['--seed', '21', '--name', 'carol']));
  const bob = await startServer(harnessArgs(['--seed', '22', '--name', 'bob', '--peer', `carol=${carol.locator}`]));
  const client = await tcpNode('client', { framing: 'length' });
  try {
    type Any = Record<string, (...args: unknown[]) => Promise<unknown>>;
    const at = (server: RunningServer, swiss: string) => E(client.node.enliven({ location: parseTcpLocator(server.locator), swiss })) as unknown as Any;
    expect(await at(bob, 'echo').echo('hi')).toBe('hi');
    expect(await at(bob, 'counter').increment(2)).toBe(2);
    expect(await at(bob, 'counter').get()).toBe(2);
    await expect(at(bob, 'thrower').echo('x')).rejects.toThrow('thrower');
    // A method the generic apps were not given: the node says which.
    await expect(at(bob, 'echo').other()).rejects.toThrow('the target has no method "other"');
    // bob's forwarder passes the call to carol's forwarder (the route's last hop), which answers
    // the argument: only possible if bob opened a session with carol.
    const tag = { sender: 'client', ref: 'f', n: 0, route: ['carol'] };
    expect(await at(bob, 'forwarder').forward('along', tag)).toBe('along');
    expect(carol.node.tables().sessions.map((s) => s.peer)).toContain(bob.node.name);
    // An unknown route hop breaks the call with the option to give.
    await expect(at(bob, 'forwarder').forward('x', { ...tag, route: ['dave'] })).rejects.toThrow('--peer dave=<locator>');
  } finally {
    await client.stop();
    await bob.stop();
    await carol.stop();
  }
});

test('two serve processes talk to each other over TCP while a third node talks to both', async () => {
  test.setTimeout(60_000);
  const a = runBin(['serve', '--seed', '11', '--verbose']);
  const b = runBin(['serve', '--seed', '12', '--verbose']);
  let client: TcpNode | undefined;
  try {
    const [locA, locB] = [parseTcpLocator(await a.firstLine), parseTcpLocator(await b.firstLine)];
    client = await tcpNode('client', { framing: 'length' });
    // Ask A to enliven B's echo: A dials B (process to process); the client reaches B through A.
    const enlivener = client.node.enliven({ location: locA, swiss: SUITE_SWISS.sturdyrefEnlivener });
    const echoOfB = E(enlivener)({ location: locB, swiss: SUITE_SWISS.echo });
    expect(await E(echoOfB)('via a')).toEqual(['via a']);
    // And directly.
    const direct = client.node.enliven({ location: locB, swiss: SUITE_SWISS.echo });
    expect(await E(direct)('direct')).toEqual(['direct']);
    await until(() => b.stderr().includes(`session open with ${locA.designator}`), 5000, 'B to log its session with A');
    expect(b.stderr()).toContain('session open with client');
  } finally {
    await client?.stop();
    a.child.kill('SIGINT');
    b.child.kill('SIGINT');
  }
  expect(await a.exit).toBe(0);
  expect(await b.exit).toBe(0);
});
