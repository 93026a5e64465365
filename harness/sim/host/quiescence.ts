/**
 * Quiescence inside a worker: after a lock-step input, wait until the node has stopped producing
 * anything. Microtasks (promise reactions, eventual sends) all run before the next macrotask, so
 * one macrotask boundary drains them; we require two quiet boundaries in a row because a reaction
 * may itself post work behind the first one. View: the node host.
 * Limit: work that waits on something outside the worker's microtask queue (e.g. WebCrypto's
 * async digest) is not seen; the reference node is synchronous for that reason.
 */

const QUIET_ROUNDS = 2;
const ROUNDS_MAX = 10_000;

let channel: MessageChannel | undefined;
const waiting: (() => void)[] = [];

/** Resolves at the next macrotask (a MessageChannel hop: no clamping, unlike timers). */
function nextMacrotask(): Promise<void> {
  if (!channel) {
    channel = new MessageChannel();
    channel.port1.onmessage = () => waiting.shift()?.();
    // Node keeps a process alive while a port is referenced; the worker does not care.
    (channel.port1 as unknown as { unref?: () => void }).unref?.();
  }
  return new Promise((resolve) => {
    waiting.push(resolve);
    channel!.port2.postMessage(null);
  });
}

/** Waits until `activity()` stays unchanged over QUIET_ROUNDS macrotask boundaries. */
export async function drainUntilQuiet(activity: () => number): Promise<void> {
  let seen = activity();
  let quiet = 0;
  for (let round = 0; round < ROUNDS_MAX; round++) {
    await nextMacrotask();
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
