/**
 * Serves a node host over the worker's postMessage channel: one request at a time, in arrival
 * order (lock-step means the page never sends a second request before the first reply, but a
 * backlog keeps us honest if it ever does). Shared by the reference worker (worker.ts) and the
 * endo worker (endo-worker.ts), which differ only in which implementation they carry.
 */
import type { NodeHost } from '../sim/worker-side/node-host.js';
import type { HostCrash, HostRequest, HostReset } from '../sim/protocol.js';

declare const self: DedicatedWorkerGlobalScope;

/** `makeHost` is called once at start and again for every reset (HostReset). */
export function serveHost(makeHost: () => Pick<NodeHost, 'handle'>): void {
  const backlog: HostRequest[] = [];
  let busy = false;
  let host = makeHost();

  // An idle worker starts at once (no promise chain per request: every microtask counts in
  // lock-step).
  async function serve(first: HostRequest): Promise<void> {
    busy = true;
    for (let request: HostRequest | undefined = first; request; request = backlog.shift()) {
      self.postMessage(await host.handle(request));
    }
    busy = false;
  }

  self.onmessage = (event: MessageEvent<HostRequest | HostReset>) => {
    const message = event.data;
    if ('reset' in message) {
      // The page resets only a worker with no request outstanding; the old host is dropped whole.
      if (busy || backlog.length > 0) throw new Error('reset while a request is outstanding');
      host = makeHost();
    } else if (busy) backlog.push(message);
    else void serve(message);
  };

  // An error nobody could catch (thrown from a timer callback or a message handler) fails the run.
  self.addEventListener('error', (event: ErrorEvent) => {
    const crash: HostCrash = { id: -1, crash: { message: event.message || String(event.error) } };
    self.postMessage(crash);
  });

  // A broken promise nobody listens to is ordinary in OCapN (a forwarded answer whose caller went
  // away); it must not kill the node, so it is silenced here rather than reported as a crash.
  self.addEventListener('unhandledrejection', (event: PromiseRejectionEvent) => event.preventDefault());
}
