// Goal: a malformed or hostile frame aborts only the session it arrived on, with a short reason
// naming the op and field, and leaves the node and its other sessions usable.
// Method: node b has a live session with node a; a raw peer completes a hello with b, writes
// one hostile frame, and must get op:abort; then a's calls to b still work.
import { E, Far, makeNet, makeNode, rawPeer, settle, type RawPeer } from './_net.js';
import { test, expect } from '@playwright/test';
import { encode, sym, Sym, SyrupRecord, SyrupSet, type SyrupValue } from '../../../../harness/ocapn/syrup/index.js';

const rec = (label: string, ...fields: SyrupValue[]) => new SyrupRecord(sym(label), fields);
const exp = (n: number) => rec('desc:export', BigInt(n));
const ans = (n: number) => rec('desc:answer', BigInt(n));
const impObj = (n: number) => rec('desc:import-object', BigInt(n));
const text = (s: string) => new TextEncoder().encode(s);
/** Fetch of "thing": gets b to export an object at position 1 (our import 1) before the hostile frame. */
const fetchThing = rec('op:deliver', exp(0), [sym('fetch'), text('thing')], 1n, impObj(1));

interface Case {
  name: string;
  /** Frames written after the hello; the last one is the hostile one. */
  frames: Array<Uint8Array | SyrupValue>;
  reason: string | RegExp;
}

const cases: Case[] = [
  { name: 'garbage bytes', frames: [text('hello there')], reason: /^undecodable frame: syrup/ },
  { name: 'truncated record', frames: [text("<10'op:deliver")], reason: /^undecodable frame: syrup truncated/ },
  { name: 'trailing bytes after the record', frames: [text("<8'op:abort1\"x>junk")], reason: /^undecodable frame/ },
  { name: 'not a record', frames: [5n], reason: 'expected an operation record, got integer' },
  { name: 'unknown op', frames: [rec('op:frobnicate', 1n)], reason: 'unknown operation <op:frobnicate>' },
  { name: 'string label', frames: [new SyrupRecord('op:abort', ['x'])], reason: 'operation label must be a symbol, got string' },
  { name: 'wrong arity', frames: [rec('op:abort', 'a', 'b')], reason: /op:abort: expected 1 fields, got 2/ },
  { name: 'wrong field type (to is a string)', frames: [rec('op:deliver', 'x', [], false, false)], reason: /^op:deliver\.to: / },
  { name: 'wrong field type (args not a list)', frames: [rec('op:deliver', exp(0), 'x', false, false)], reason: /^op:deliver\.args: / },
  { name: 'negative position', frames: [rec('op:deliver', rec('desc:export', -1n), [], false, false)], reason: /^op:deliver\.to/ },
  { name: 'a set inside args', frames: [rec('op:deliver', exp(0), [new SyrupSet([1n])], false, false)], reason: /sets are not passable/ },
  { name: 'unknown record in args', frames: [rec('op:deliver', exp(0), [rec('desc:bogus', 1n)], false, false)], reason: /^op:deliver\.args\[0\]/ },
  { name: 'export position never introduced', frames: [rec('op:deliver', exp(7), [sym('x')], false, false)], reason: 'op:deliver.to: desc:export 7 was never exported on this session' },
  { name: 'answer position never introduced', frames: [rec('op:deliver', ans(9), [sym('x')], false, false)], reason: 'op:deliver.to: desc:answer 9 is not an answer on this session' },
  { name: 'desc:export in args never introduced', frames: [rec('op:deliver', exp(0), [sym('fetch'), exp(12)], false, false)], reason: 'desc:export 12 was never exported on this session' },
  { name: 'answer position reused', frames: [fetchThing, rec('op:deliver', exp(0), [sym('fetch'), text('thing')], 1n, false)], reason: 'op:deliver.answer: answer 1 is already in use' },
  { name: 'op:listen on an object', frames: [rec('op:listen', exp(0), impObj(3), false)], reason: 'op:listen.to: desc:export 0 is an object, not a promise' },
  { name: 'op:get on an unknown answer', frames: [rec('op:get', ans(4), 'f', 5n)], reason: 'op:get.receiver: desc:answer 4 is not an answer on this session' },
  { name: 'op:gc-exports of a position never exported', frames: [rec('op:gc-exports', [5n], [1n])], reason: 'op:gc-exports.exportPositions[0]: export 5 is not exported on this session' },
  { name: 'op:gc-exports below zero', frames: [fetchThing, rec('op:gc-exports', [1n], [5n])], reason: /op:gc-exports\.wireDeltas\[0\]: would drop export 1 below zero/ },
  { name: 'op:gc-exports lists of different lengths', frames: [rec('op:gc-exports', [1n, 2n], [1n])], reason: /differ in length/ },
  { name: 'op:gc-exports zero delta', frames: [rec('op:gc-exports', [1n], [0n])], reason: /^op:gc-exports\.wireDeltas/ },
  { name: 'op:gc-answers of an unknown answer', frames: [rec('op:gc-answers', [3n])], reason: 'op:gc-answers.answerPositions[0]: answer 3 is not an answer on this session' },
  { name: 'second hello on a live session', frames: ['HELLO'], reason: 'op:start-session: second hello on a live session' },
  { name: 'op:flush-done nobody asked for', frames: [rec('op:flush-done', 2n)], reason: 'op:flush-done.position: no op:flush of position 2 is pending' },
  { name: 'op:flush of an object', frames: [fetchThing, rec('op:flush', 1n)], reason: 'op:flush.position: export 1 is an object, not a promise' },
  { name: 'op:flush of a position never exported', frames: [rec('op:flush', 9n)], reason: 'op:flush.position: export 9 was never exported on this session' },
  { name: 'op:flush in the shortener-initiated form', frames: [rec('op:flush', exp(0), impObj(1))], reason: /speaks neither the shortener-initiated nor the marker form/ },
  { name: 'signed handoff where a reference stands', frames: [rec('op:deliver', exp(0), [sym('fetch'), rec('desc:sig-envelope', 1n, 2n)], false, false)], reason: /^op:deliver\.args\[1\]/ },
];

async function liveRaw(): Promise<{ net: ReturnType<typeof makeNet>['net']; a: ReturnType<typeof makeNode>; b: ReturnType<typeof makeNode>; evil: RawPeer; echo: { say(s: string): string } }> {
  const { net } = makeNet();
  const a = makeNode(net, 'a');
  const b = makeNode(net, 'b');
  b.registerSturdyRef('thing', Far('Thing', {}));
  const echoP = a.enliven(b.registerSturdyRef('echo', Far('Echo', { say: (s: string) => s })));
  await settle(net);
  const echo = await echoP;
  const evil = rawPeer(net, 'evil', b);
  evil.hello();
  await settle(net);
  expect(evil.received.map((v) => v.op)).toEqual(['op:start-session']);
  return { net, a, b, evil, echo };
}

for (const c of cases) {
  test(`hostile - ${c.name}: only that session is aborted`, async () => {
    const { net, b, evil, echo } = await liveRaw();
    for (const frame of c.frames) {
      if (frame === 'HELLO') evil.hello();
      else evil.write(frame instanceof Uint8Array ? frame : encode(frame));
    }
    await settle(net);
    const last = evil.received.at(-1) as { op: string; reason?: string };
    expect(last.op).toBe('op:abort');
    if (typeof c.reason === 'string') expect(last.reason).toBe(c.reason);
    else expect(last.reason).toMatch(c.reason);
    expect(last.reason!.length).toBeLessThan(200);
    expect(evil.ends).toEqual([{ kind: 'closed' }]);
    expect(b.tables().sessions.map((s) => s.peer)).toEqual(['a']);
    const reply = E(echo).say('still here');
    await settle(net);
    expect(await reply).toBe('still here');
  });
}

test(`hostile - ${cases.length} cases tried (plus 3 pre-live cases in handshake.spec.ts)`, () => {
  expect(cases.length).toBeGreaterThanOrEqual(25);
  void Sym;
});

test('hostile - a frame refused at its second descriptor sends nothing for its first', async () => {
  const { net, evil } = await liveRaw();
  const before = evil.received.length;
  // desc:import-promise 5 alone would make b send op:listen for it; desc:export 12 is unknown.
  evil.write(encode(rec('op:deliver', exp(0), [sym('fetch'), rec('desc:import-promise', 5n), exp(12)], false, false)));
  await settle(net);
  expect(evil.received.slice(before)).toEqual([{ op: 'op:abort', reason: 'desc:export 12 was never exported on this session' }]);
});
