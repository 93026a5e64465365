/**
 * Test helpers for reference nodes over the in-memory netlayer: build nodes from a seed, drive
 * the network until quiet, and read frames back as readable op views.
 */
import '../../../../harness/ocapn/endo-setup.js';
import { MemoryNetwork, ManualClock } from '../../../../harness/ocapn/netlayer/memory.js';
import { makeRandom } from '../../../../harness/ocapn/random.js';
import { ReferenceNode } from '../../../../harness/ocapn/node.js';
import type { ReferenceOptions, OcapnEvent } from '../../../../harness/ocapn/session/host.js';
import { decodeOp, toOpView } from '../../../../harness/ocapn/wire/index.js';

export { MemoryNetwork, ReferenceNode };
export { E } from '@endo/eventual-send';
export { Far } from '@endo/pass-style';

export interface TestNode {
  node: ReferenceNode;
  events: OcapnEvent[];
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

export function recordEvents(node: ReferenceNode): OcapnEvent[] {
  const events: OcapnEvent[] = [];
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
