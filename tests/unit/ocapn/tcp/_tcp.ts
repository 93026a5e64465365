/**
 * Test helpers for reference nodes over real loopback TCP (the `tcp-testing-only` netlayer).
 */
import '../node/_async-hooks-patch.js';
import '../../../../harness/ocapn/endo-setup.js';
import { makeRandom } from '../../../../harness/ocapn/random.js';
import { ReferenceNode } from '../../../../harness/ocapn/node.js';
import { listenTcp, type TcpNetlayer, type TcpNetlayerOptions } from '../../../../harness/ocapn/netlayer/tcp.js';
import type { ReferenceOptions } from '../../../../harness/ocapn/session/host.js';
import type { Clock } from '../../../../harness/ocapn/world.js';

export { E } from '@endo/eventual-send';
export { Far } from '@endo/pass-style';

/** The node never reads the clock; a frozen one keeps the World honest. */
const stillClock: Clock = { now: () => 0, setTimer: () => () => {} };

export interface TcpNode {
  node: ReferenceNode;
  netlayer: TcpNetlayer;
  /** Shuts the node down and waits for its sockets to close. */
  stop(): Promise<void>;
}

export async function tcpNode(
  name: string,
  netOptions: Partial<TcpNetlayerOptions> = {},
  options: Partial<ReferenceOptions> = {},
  seed = 1,
): Promise<TcpNode> {
  const netlayer = await listenTcp({ designator: name, ...netOptions });
  const world = { clock: stillClock, random: makeRandom(seed, name), netlayer };
  const node = new ReferenceNode(
    { name, identitySeed: makeRandom(seed, `identity/${name}`).bytes(32), options: { dialect: netOptions.dialect ?? 'spec', flush: 'none', ...options } },
    world,
  );
  return {
    node,
    netlayer,
    stop: async () => {
      await node.shutdown();
      await netlayer.close();
    },
  };
}

/** Resolves when `condition()` holds, polling real time (sockets are real); fails after `ms`. */
export async function until(condition: () => boolean, ms = 5000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
