/**
 * Test helpers for reference nodes over the in-memory netlayer: build nodes from a seed, drive
 * the network until quiet, and read frames back as readable op views.
 */
import './_async-hooks-patch.js';
import '../../../../harness/ocapn/endo-setup.js';
import { MemoryNetwork, ManualClock } from '../../../../harness/ocapn/netlayer/memory.js';
import { makeRandom } from '../../../../harness/ocapn/random.js';
import { ReferenceNode } from '../../../../harness/ocapn/node.js';
import type { ReferenceOptions } from '../../../../harness/ocapn/session/host.js';
import type { FlushDesign, NodeEvent } from '../../../../harness/ocapn/node-types.js';
import { decodeOp, toOpView } from '../../../../harness/ocapn/wire/index.js';
import { E } from '@endo/eventual-send';
import { Far } from '@endo/pass-style';

export { MemoryNetwork, ReferenceNode };
export { E } from '@endo/eventual-send';
export { Far } from '@endo/pass-style';

export interface TestNode {
  node: ReferenceNode;
  events: NodeEvent[];
}

export function makeNet(): { net: MemoryNetwork; clock: ManualClock } {
  return { net: new MemoryNetwork('sim'), clock: new ManualClock() };
}

export function seedFor(name: string, seed = 1): Uint8Array {
  return makeRandom(seed, `identity/${name}`).bytes(32);
}

export function makeNode(net: MemoryNetwork, name: string, options: Partial<ReferenceOptions> = {}, seed = 1): ReferenceNode {
  const world = { clock: new ManualClock(), random: makeRandom(seed, name), netlayer: net.makeNetlayer(name) };
  return new ReferenceNode({ name, identitySeed: seedFor(name, seed), options: { dialect: 'spec', flush: 'receiver-initiated', ...options } }, world);
}

export function recordEvents(node: ReferenceNode): NodeEvent[] {
  const events: NodeEvent[] = [];
  node.onEvent((e) => events.push(e));
  return events;
}

const macrotask = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Delivers every pending event (and lets every microtask run) until the network is quiet. */
export async function settle(net: MemoryNetwork, filter?: Parameters<MemoryNetwork['step']>[0]): Promise<number> {
  let delivered = 0;
  for (;;) {
    await macrotask();
    if (!net.step(filter)) {
      await macrotask();
      if (!net.pending().some((e) => !filter || filter(e))) return delivered;
      continue;
    }
    delivered++;
  }
}

/** Lets microtasks run without delivering anything. */
export const quiesce = macrotask;

/** Frames written so far as `from→to op` lines with a compact view, for assertions. */
export function opsOf(net: MemoryNetwork, from?: string): string[] {
  return net.log
    .filter((e) => !from || e.from === from)
    .map((e) => {
      const view = toOpView(decodeOp(Uint8Array.from(Buffer.from(e.hex, 'hex'))));
      return `${e.from}→${e.to} ${view.op}`;
    });
}

export function viewsOf(net: MemoryNetwork, from?: string): Array<Record<string, unknown>> {
  return net.log
    .filter((e) => !from || e.from === from)
    .map((e) => ({ from: e.from, to: e.to, ...(toOpView(decodeOp(Uint8Array.from(Buffer.from(e.hex, 'hex')))) as unknown as Record<string, unknown>) }));
}

import { makeSessionKeyPair, sign } from '../../../../harness/ocapn/crypto/keys.js';
import { encode } from '../../../../harness/ocapn/syrup/index.js';
import { encodeOp, MyLocation, OcapnPeer, writeMyLocation, type Op, type OpView } from '../../../../harness/ocapn/wire/index.js';
import type { Connection, ConnectionEnd } from '../../../../harness/ocapn/world.js';

/** A hand-driven peer: writes whatever bytes a test wants and records what comes back. */
export interface RawPeer {
  conn: Connection;
  received: OpView[];
  ends: ConnectionEnd[];
  hello(overrides?: Partial<{ version: string; forge: boolean; designator: string }>): void;
  send(op: Op): void;
  write(bytes: Uint8Array): void;
}

export function rawPeer(net: MemoryNetwork, name: string, target: ReferenceNode, counter = 0): RawPeer {
  const netlayer = net.makeNetlayer(name);
  const conn = netlayer.connect(target.location);
  const received: OpView[] = [];
  const ends: ConnectionEnd[] = [];
  conn.onMessage((bytes) => received.push(toOpView(decodeOp(bytes))));
  conn.onClose((end) => ends.push(end));
  const keys = makeSessionKeyPair(seedFor(name), counter);
  const peer: RawPeer = {
    conn,
    received,
    ends,
    hello(overrides = {}) {
      const location = new OcapnPeer('sim', overrides.designator ?? name, false);
      const signed = encode(writeMyLocation(new MyLocation(location)));
      const sig = sign(overrides.forge ? encode(writeMyLocation(new MyLocation(new OcapnPeer('sim', 'someone-else', false)))) : signed, keys.secretKey);
      peer.send({ type: 'op:start-session', captpVersion: overrides.version ?? '1.0', sessionPubkey: keys.publicKey, location, locationSig: sig });
    },
    send(op) {
      conn.write(encodeOp(op));
    },
    write(bytes) {
      conn.write(bytes);
    },
  };
  return peer;
}

/**
 * The shortening triangle (flush-shortening.spec.ts, flush-marker-first-hop.spec.ts): bob's `x`
 * returns the promise of his call `y()` to carol's recorder, so alice's answer shortens to carol;
 * the recorder logs each `z(n)` in `seen`. Returns alice's `p1 = x()`, just sent, and the wire
 * log's length before it.
 */
export async function shorteningTriangle(flush: FlushDesign): Promise<{ net: MemoryNetwork; seen: string[]; start: number; p1: { z(n: number): void } }> {
  const { net } = makeNet();
  const options = { handoffs: 'shorten' as const, flush };
  const alice = makeNode(net, 'alice', options);
  const bob = makeNode(net, 'bob', options);
  const carol = makeNode(net, 'carol', options);
  const seen: string[] = [];
  const recorder = Far('Recorder', { y: () => recorder, z: (n: number) => void seen.push(`z${n}`) });
  const carolRef = bob.enliven(carol.registerSturdyRef('recorder', recorder));
  await settle(net);
  const target = (await carolRef) as { y(): unknown };
  const shortener = Far('Shortener', { x: () => E(target).y() });
  const bobRef = alice.enliven(bob.registerSturdyRef('shortener', shortener));
  await settle(net);
  const start = net.log.length;
  const p1 = E(bobRef as unknown as { x(): unknown }).x() as unknown as { z(n: number): void };
  return { net, seen, start, p1 };
}
