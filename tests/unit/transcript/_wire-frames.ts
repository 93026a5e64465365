// Test helper: real wire bytes for transcripts — operation bytes as endo's codec writes them (its
// AVA snapshots), as printable Syrup, and a 6-node forwarding chain encoded with the wire layer.
import { Sym, fromHex, toHex } from '../../../harness/ocapn/syrup/index.js';
import { OcapnPeer, PublicKey, Signature, descExport, descImportObject, descImportPromise, encodeOp } from '../../../harness/ocapn/wire/index.js';
import { TranscriptBuilder } from '../checks/_transcript-builder.js';
import type { Recording } from '../../../harness/sim/recording.js';

export const ascii = (text: string): string => toHex(new TextEncoder().encode(text));

/** One frame per operation form (endo snapshot bytes). */
export const OP_FRAMES: Record<string, string> = {
  'op:deliver pipelined': "<10'op:deliver<11'desc:export5+>[16'make-car-factory]3+<18'desc:import-object15+>>",
  'op:deliver fire-and-forget': "<10'op:deliver<11'desc:export0+>[<18'desc:import-object1+>]ff>",
  'op:deliver mixed args': "<10'op:deliver<11'desc:export0+>[3'foo1+f3:bar[3\"baz]]f<18'desc:import-object1+>>",
  'op:listen 3 fields': "<9'op:listen<11'desc:export1+><18'desc:import-object2+>f>",
  'op:get': "<6'op:get<11'desc:answer5+>9\"someField10+>",
  'op:index': "<8'op:index<11'desc:answer5+>0+10+>",
  'op:untag': "<8'op:untag<11'desc:export3+>5\"myTag7+>",
  'op:gc-exports': "<13'op:gc-exports[1+][2+]>",
  'op:gc-answers': "<13'op:gc-answers[1+]>",
  'op:abort': "<8'op:abort7\"explode>",
  'op:flush': "<8'op:flush7+>",
  'op:flush-done': "<13'op:flush-done7+>",
};

/**
 * A recording whose frames are the given byte strings (hex), each sent a→b and delivered, through
 * the TranscriptBuilder's event bookkeeping but with real bytes swapped in.
 */
export function recordingWithFrames(hexes: string[]): Recording {
  const b = new TranscriptBuilder(['a', 'b']);
  const c = b.connect('a', 'b');
  hexes.forEach(() => b.exchange(c, 'a', { op: 'placeholder' }));
  const rec = b.recording();
  let i = 0;
  for (const e of rec.events) if (e.kind === 'frame' && e.phase === 'sent') e.bytesHex = hexes[i++];
  return rec;
}

/** A structurally valid hello (version 1.0, 32-byte key, location, 64-byte signature). */
export const HELLO_HEX = toHex(
  encodeOp({
    type: 'op:start-session',
    captpVersion: '1.0',
    sessionPubkey: new PublicKey(new Uint8Array(32).fill(7)),
    location: new OcapnPeer('sim', 'alice', false),
    locationSig: new Signature(new Uint8Array(32).fill(1), new Uint8Array(32).fill(2)),
  }),
);

/**
 * A 6-node chain n1→…→n6 with `calls` forwarded calls: each hop is an op:deliver carrying the
 * call number, answered by a fulfill back down the chain — 10 frames per call plus 20 hellos.
 */
export function chainRecording(calls: number): Recording {
  const names = ['n1', 'n2', 'n3', 'n4', 'n5', 'n6'];
  const b = new TranscriptBuilder(names, { scenarioId: 'forwarding/chain-6', seed: 7 });
  const conns = names.slice(1).map((n, i) => b.session(names[i], n));
  const tagOf = (k: number) => ({ sender: 'n1', ref: 'chain', n: k });
  for (let k = 1; k <= calls; k++) {
    b.originate('n1', tagOf(k));
    conns.forEach((c, i) => {
      const deliver = encodeOp({ type: 'op:deliver', to: descExport(1), args: [new Sym('forward'), BigInt(k)], answer: BigInt(k), resolveMe: descImportObject(100 + k) });
      b.exchange(c, names[i], `HEX:${toHex(deliver)}`);
      b.dispatch(names[i + 1], tagOf(k));
      if (i < conns.length - 1) b.forwarded(names[i + 1], tagOf(k));
    });
    for (let i = conns.length - 1; i >= 0; i--) {
      const fulfill = encodeOp({ type: 'op:deliver', to: descExport(100 + k), args: [new Sym('fulfill'), descImportPromise(k)], answer: false, resolveMe: false });
      b.exchange(conns[i], names[i + 1], `HEX:${toHex(fulfill)}`);
    }
  }
  const rec = b.recording();
  // The builder wrote fake JSON "bytes"; put the real ones in (hellos become HELLO_HEX).
  for (const e of rec.events) {
    if (e.kind !== 'frame' || e.phase !== 'sent') continue;
    const text = new TextDecoder().decode(fromHex(e.bytesHex!));
    e.bytesHex = text.startsWith('HEX:') ? text.slice(4) : HELLO_HEX;
    e.length = e.bytesHex.length / 2;
  }
  const lengths = new Map<number, number>();
  for (const e of rec.events) if (e.kind === 'frame' && e.phase === 'sent') lengths.set(e.frame, e.length);
  for (const e of rec.events) if (e.kind === 'frame' && e.phase !== 'sent') e.length = lengths.get(e.frame)!;
  return rec;
}
