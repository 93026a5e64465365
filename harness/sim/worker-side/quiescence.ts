/**
 * Quiescence inside a worker: after a lock-step input, wait until the node has stopped producing
 * anything. Microtasks (promise reactions, eventual sends) all run before the next macrotask, so
 * one macrotask boundary drains them all; we keep crossing boundaries while the last one saw new
 * activity, in case something posted work behind it. One quiet boundary suffices: a second one
 * cost a quarter of lock-step throughput and never caught anything. View: the node host.
 * Limit: work that waits on something outside the worker's microtask queue (e.g. WebCrypto's
 * async digest) is not seen; the reference node is synchronous for that reason.
 */

const QUIET_ROUNDS = 1;
const ROUNDS_MAX = 10_000;

/** Counters for benchmarks: drains performed and macrotask boundaries crossed in total. */
export const drainStats = { drains: 0, rounds: 0 };

let channel: MessageChannel | undefined;
const waiting: (() => void)[] = [];

function channelPort(): { ref?: () => void } | undefined {
  if (!channel) nextMacrotaskChannel();
  return channel!.port1 as unknown as { ref?: () => void };
}

function nextMacrotaskChannel(): void {
  channel = new MessageChannel();
  channel.port1.onmessage = () => waiting.shift()?.();
}

/** Resolves at the next macrotask (a MessageChannel hop: no clamping, unlike timers). */
function nextMacrotask(): Promise<void> {
  if (!channel) nextMacrotaskChannel();
  return new Promise((resolve) => {
    waiting.push(resolve);
    channel!.port2.postMessage(null);
  });
}

/** Waits until `activity()` stays unchanged across QUIET_ROUNDS macrotask boundaries. */
export async function drainUntilQuiet(activity: () => number): Promise<void> {
  try {
    await drain(activity);
  } finally {
    // In Node a referenced port keeps the process alive: hold it only while draining.
    (channel?.port1 as unknown as { unref?: () => void } | undefined)?.unref?.();
  }
}

async function drain(activity: () => number): Promise<void> {
  channelPort()?.ref?.();
  drainStats.drains++;
  let seen = activity();
  let quiet = 0;
  for (let round = 0; round < ROUNDS_MAX; round++) {
    await nextMacrotask();
    drainStats.rounds++;
    const now = activity();
    if (now === seen) {
      if (++quiet >= QUIET_ROUNDS) return;
    } else {
      seen = now;
      quiet = 0;
    }
  }
  throw new Error(`node host: still busy after ${ROUNDS_MAX} macrotask rounds (a busy loop in the node or an app?)`);
}
