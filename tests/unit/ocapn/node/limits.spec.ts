// Goal: every resource limit (limits.ts) is enforced before the work or allocation it bounds,
// and a crossing ends only that session with a reason naming the limit.
// Method: stream readers fed hostile prefixes; raw peers writing oversize frames, huge integers
// and deep nesting to a live node whose other session must keep working.
import { makeNet, makeNode, rawPeer, settle, Far, E } from './_net.js';
import { test, expect } from '@playwright/test';
import { decode, FrameReader, SyrupDecodeError } from '../../../../harness/ocapn/syrup/index.js';
import { DEFAULT_LIMITS, resolveLimits } from '../../../../harness/ocapn/limits.js';

const ascii = (s: string) => new TextEncoder().encode(s);

test('limits - sixteen readers that each read "999999999:" reserve nothing', () => {
  const before = process.memoryUsage().arrayBuffers;
  const readers = Array.from({ length: 16 }, () => new FrameReader());
  for (const reader of readers) expect(reader.push(ascii('999999999:'))).toEqual([]);
  // Reserving the declared length would show as 16 × 954 MiB of ArrayBuffers (or a RangeError).
  expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(2 ** 20);
  for (const reader of readers) expect(reader.idle).toBe(false);
  // The payload still arrives in pieces and comes out whole.
  const small = new FrameReader();
  expect(small.push(ascii('5:ab'))).toEqual([]);
  expect(small.push(ascii('c'))).toEqual([]);
  expect(small.push(ascii('de3:xyz'))).toEqual([ascii('abcde'), ascii('xyz')]);
});

test('limits - a frame longer than maxMessageLength is refused at its prefix', () => {
  expect(() => new FrameReader({ maxMessageLength: DEFAULT_LIMITS.maxFrameBytes }).push(ascii('16777217:'))).toThrow(/frame too-long/);
  expect(new FrameReader({ maxMessageLength: DEFAULT_LIMITS.maxFrameBytes }).push(ascii('16777216:'))).toEqual([]);
});

test('limits - an integer past maxIntegerDigits is refused before it is parsed', () => {
  const digits = '9'.repeat(3_000_000);
  const started = process.hrtime.bigint();
  let error: unknown;
  try {
    decode(ascii(`${digits}+`), { maxIntegerDigits: DEFAULT_LIMITS.maxIntegerDigits });
  } catch (e) {
    error = e;
  }
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  test.info().annotations.push({ type: 'reject 3M-digit integer ms', description: ms.toFixed(1) });
  expect(error).toBeInstanceOf(SyrupDecodeError);
  expect((error as SyrupDecodeError).rule).toBe('integer-too-long');
  expect((error as Error).message).toContain('maxIntegerDigits (4096)');
  expect(decode(ascii(`${'9'.repeat(4096)}+`), { maxIntegerDigits: 4096 })).toBe(10n ** 4096n - 1n);
});

test('limits - resolveLimits refuses nonsense and unknown names', () => {
  expect(resolveLimits({ maxDepth: 8 }).maxDepth).toBe(8);
  expect(() => resolveLimits({ maxDepth: 0 })).toThrow(/maxDepth must be a positive integer/);
  expect(() => resolveLimits({ nope: 1 } as never)).toThrow(/unknown limit "nope"/);
});

const hostileFrames: Array<{ name: string; bytes: () => Uint8Array; limits: object; reason: RegExp }> = [
  { name: 'a frame over maxFrameBytes', bytes: () => ascii(`<8'op:abort${2000}"${'x'.repeat(2000)}>`), limits: { maxFrameBytes: 1024 }, reason: /^limit maxFrameBytes: frame of 2017 bytes exceeds 1024$/ },
  { name: 'a 3-million-digit integer', bytes: () => ascii(`<10'op:deliver<10'desc:export0+>[${'7'.repeat(3_000_000)}+]f f>`), limits: {}, reason: /integer-too-long: integer of 3000000 digits exceeds maxIntegerDigits \(4096\)/ },
  { name: 'nesting past maxDepth', bytes: () => ascii(`<10'op:deliver<10'desc:export0+>${'['.repeat(40)}${']'.repeat(40)}f f>`), limits: { maxDepth: 16 }, reason: /too-deep: nesting deeper than maxDepth \(16\)/ },
];

for (const c of hostileFrames) {
  test(`limits - ${c.name} aborts that session only, naming the limit`, async () => {
    const { net } = makeNet();
    const a = makeNode(net, 'a');
    const b = makeNode(net, 'b', { limits: c.limits });
    const echoP = a.enliven(b.registerSturdyRef('echo', Far('Echo', { say: (s: string) => s })));
    const evil = rawPeer(net, 'evil', b);
    evil.hello();
    await settle(net);
    evil.write(c.bytes());
    await settle(net);
    const last = evil.received.at(-1) as { op: string; reason: string };
    expect(last.op).toBe('op:abort');
    expect(last.reason).toMatch(c.reason);
    expect(evil.ends).toEqual([{ kind: 'closed' }]);
    const reply = E(await echoP).say('still here');
    await settle(net);
    expect(await reply).toBe('still here');
  });
}

test('limits - connections past maxHandshakingSessions are aborted at once, naming the limit', async () => {
  const { net } = makeNet();
  const b = makeNode(net, 'b', { limits: { maxHandshakingSessions: 3 } });
  const peers = Array.from({ length: 5 }, (_, i) => rawPeer(net, `p${i}`, b, i));
  await settle(net);
  expect(peers.map((p) => p.received.length)).toEqual([0, 0, 0, 1, 1]);
  expect(peers[4].received).toEqual([{ op: 'op:abort', reason: 'limit maxHandshakingSessions: 3 connections are already handshaking' }]);
  expect(peers[4].ends).toEqual([{ kind: 'closed' }]);
  // The first three still complete their handshakes.
  for (const p of peers.slice(0, 3)) p.hello();
  await settle(net);
  expect(b.tables().sessions.map((s) => s.peer)).toEqual(['p0', 'p1', 'p2']);
});

test('limits - a hello past maxLiveSessions is refused, naming the limit', async () => {
  const { net } = makeNet();
  const b = makeNode(net, 'b', { limits: { maxLiveSessions: 2 } });
  const peers = Array.from({ length: 3 }, (_, i) => rawPeer(net, `p${i}`, b, i));
  for (const p of peers) p.hello();
  await settle(net);
  expect(peers[2].received).toEqual([{ op: 'op:abort', reason: 'limit maxLiveSessions: 2 sessions are already live' }]);
  expect(b.tables().sessions.map((s) => s.peer)).toEqual(['p0', 'p1']);
});
