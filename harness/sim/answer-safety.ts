/**
 * The one rule of lock-step lookahead both sides of the worker boundary share: after answering a
 * predicted frame, may the node take the next one? The page plans the batch
 * (harness/sim/page-side/lookahead.ts, which explains why the prediction holds); the node host
 * applies this test after each answer (harness/sim/worker-side/node-host.ts). It sits beside the
 * worker protocol so neither side imports the other.
 */
import type { HostEvent, NetAhead } from './protocol.js';
import type { NetOutput } from './node-io.js';

/** The node host's side: may the node take the next predicted frame after answering this? */
export function isSafeAnswer(outputs: readonly NetOutput[], events: readonly HostEvent[], ahead: NetAhead, safe: ReadonlySet<string>): boolean {
  for (const event of events) if (event.kind === 'app' || event.event.type === 'mark') return false;
  for (const output of outputs) {
    if (output.type === 'write' && safe.has(output.conn)) continue;
    if (output.type === 'timer-set' && output.atMs > ahead.horizonMs) continue;
    if (output.type === 'timer-cancel') continue;
    return false;
  }
  return true;
}
