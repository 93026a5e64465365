/**
 * What endo-worker.js is when the page was built without OCAPN_ENDO_PATH: a worker that answers
 * every request with the reason, so a stray endo node fails with it instead of a 404.
 */
import { ENDO_UNSET_REASON } from '../drivers/endo/info.js';
import type { HostReply, HostRequest } from '../sim/protocol.js';

declare const self: DedicatedWorkerGlobalScope;

const REASON = `${ENDO_UNSET_REASON} (the page was built without it)`;

self.onmessage = (event: MessageEvent<HostRequest>) => {
  const reply: HostReply = { id: event.data.id, outputs: [], events: [], error: { message: REASON } };
  self.postMessage(reply);
};
