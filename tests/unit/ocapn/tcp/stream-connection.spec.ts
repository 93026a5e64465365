// Goal: the stream side of the TCP netlayer, without sockets — any chunking yields the same
// messages in both framings; unreadable streams are refused with op:abort and a reset naming the
// rule; a half message at end of stream is a reset, not a message.
import { test, expect } from '@playwright/test';
import { StreamConnection, type ByteStream, type Framing } from '../../../../harness/ocapn/netlayer/stream-connection.js';
import { FrameReader, UnframedReader } from '../../../../harness/ocapn/syrup/index.js';
import { decodeOp, encodeOp } from '../../../../harness/ocapn/wire/index.js';
import type { ConnectionEnd } from '../../../../harness/ocapn/world.js';

function harness(framing: Framing) {
  const written: Uint8Array[] = [];
  const ends: ConnectionEnd[] = [];
  const messages: string[] = [];
  let endedStream = false;
  const stream: ByteStream = { write: (b) => void written.push(b), end: () => void (endedStream = true), destroy: () => {} };
  const conn = new StreamConnection('s1', false, undefined, stream, { framing, dialect: 'spec' });
  conn.onMessage((m) => messages.push(Buffer.from(m).toString('latin1')));
  conn.onClose((e) => ends.push(e));
  const out = () => {
    const all = new Uint8Array(Buffer.concat(written));
    const frames = framing === 'length' ? new FrameReader().push(all) : new UnframedReader().push(all).map((v) => v.bytes);
    return frames.map((f) => decodeOp(f));
  };
  return { conn, written, ends, messages, out, streamEnded: () => endedStream };
}

const ops = [encodeOp({ type: 'op:abort', reason: 'one' }), encodeOp({ type: 'op:abort', reason: 'two, longer' })];
const wire = (framing: Framing) => Buffer.concat(ops.map((o) => (framing === 'length' ? Buffer.concat([Buffer.from(`${o.length}:`), o]) : Buffer.from(o))));

for (const framing of ['length', 'none'] as const) {
  test(`${framing}: every split of the stream into two chunks yields the same two messages`, () => {
    const bytes = wire(framing);
    for (let cut = 0; cut <= bytes.length; cut++) {
      const h = harness(framing);
      h.conn.data(new Uint8Array(bytes.subarray(0, cut)));
      h.conn.data(new Uint8Array(bytes.subarray(cut)));
      expect(h.messages, `cut at ${cut}`).toEqual(ops.map((o) => Buffer.from(o).toString('latin1')));
      expect(h.conn.partial).toBe(false);
    }
  });

  test(`${framing}: writes are framed as the peer reads them`, () => {
    const h = harness(framing);
    for (const o of ops) h.conn.write(o);
    expect(h.out().map((op) => op.type === 'op:abort' && op.reason)).toEqual(['one', 'two, longer']);
  });

  test(`${framing}: garbage is refused with op:abort and a reset naming the rule`, () => {
    const h = harness(framing);
    h.conn.data(new TextEncoder().encode('}}}'));
    expect(h.messages).toEqual([]);
    expect(h.streamEnded()).toBe(true);
    const [abort] = h.out();
    expect(abort.type === 'op:abort' && abort.reason).toMatch(/^netlayer: /);
    expect(h.ends).toEqual([{ kind: 'reset', reason: abort.type === 'op:abort' ? abort.reason : '' }]);
    h.conn.data(wire(framing)); // nothing more is read after a refusal
    expect(h.messages).toEqual([]);
  });

  test(`${framing}: a half message then end of stream is a reset, never a message`, () => {
    const h = harness(framing);
    const bytes = wire(framing);
    h.conn.data(new Uint8Array(bytes.subarray(0, 5)));
    expect(h.conn.partial).toBe(true);
    h.conn.peerEnded();
    expect(h.messages).toEqual([]);
    expect(h.ends).toHaveLength(1);
    expect(h.ends[0]).toMatchObject({ kind: 'reset', reason: expect.stringMatching(/truncated/) });
  });
}

test('messages and the end that arrive before the handlers are set are kept', () => {
  const conn = new StreamConnection('s2', true, undefined, { write() {}, end() {}, destroy() {} }, { framing: 'length', dialect: 'spec' });
  conn.data(new Uint8Array(wire('length')));
  conn.peerEnded();
  const messages: number[] = [];
  const ends: ConnectionEnd[] = [];
  conn.onMessage((m) => messages.push(m.length));
  conn.onClose((e) => ends.push(e));
  expect(messages).toEqual(ops.map((o) => o.length));
  expect(ends).toEqual([{ kind: 'closed' }]);
});

test('an unframed value declaring more than the maximum is refused before it arrives', () => {
  const reader = new UnframedReader({ maxMessageLength: 1000 });
  expect(() => reader.push(new TextEncoder().encode("<8'op:abort1001\"x"))).toThrow(/too-long: a value declares 1\d{3} bytes, over the maximum of 1000/);
  const ok = new UnframedReader({ maxMessageLength: 1000 });
  expect(ok.push(new TextEncoder().encode("<8'op:abort900\"x"))).toEqual([]);
  expect(ok.idle).toBe(false);
});
