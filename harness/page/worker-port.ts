/**
 * The page's handle on one node worker: request/reply over postMessage with a wall deadline per
 * request, so a hung or dead worker fails its run instead of hanging the page. Owns real time on
 * purpose (the wall-clock watchdog; docs/architecture.md "Determinism").
 */
import type { HostCommand, HostCrash, HostReply, HostRequest, HostReset } from '../sim/protocol.js';
import type { HostPort } from '../sim/page-side/runner.js';
import { endoWorkerFile, isEndoDriver } from '../drivers/endo/info.js';

export interface WorkerPortOptions {
  /** Wall ms one request may take (default 10 s). */
  requestWallMsMax?: number;
  /** The node's driver: `endo` nodes run in their own bundle (endo-worker.ts), built separately
   * with the endo checkout's @endo/* packages so no worker ever holds two copies of them. */
  driver?: string;
  /**
   * When the port ends with no request outstanding, reset its worker and keep it for the next
   * port instead of terminating it. Only for lock-step runs: a free-running node may still have
   * real timers of its own when its port ends.
   */
  reuse?: boolean;
}

/** Where an endo column's separately built worker is served (endo-worker-build.ts builds one
 * per checkout next to the page). */
export const endoWorkerUrl = (driver: string): string => `./${endoWorkerFile(driver)}`;

/**
 * Workers of the reference bundle, reset and ready for a new node. Starting a worker (fetching
 * and compiling the bundle, locking down the realm) costs tens of ms, several times per case;
 * a reset worker behaves as a fresh one because the host, the only holder of node state, is
 * made anew (serve-host.ts). Endo workers are never kept: their packages are not ours to vouch for.
 */
const idle: Worker[] = [];
const IDLE_MAX = 8;
const counts = { started: 0, reused: 0 };

/** How many workers this page started and how many times it reused one (for tests and benches). */
export function workerCounts(): { started: number; reused: number } {
  return { ...counts };
}

function spawn(node: string, incarnation: number, driver: string | undefined): Worker {
  const name = `${node}#${incarnation}`;
  if (isEndoDriver(driver)) {
    counts.started++;
    return new Worker(new URL(endoWorkerUrl(driver!), document.baseURI), { type: 'module', name });
  }
  const kept = idle.pop();
  if (kept) {
    counts.reused++;
    return kept;
  }
  counts.started++;
  // A worker may serve many nodes, so its name is the first one's.
  return new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name });
}

/**
 * Sends `worker` a reset and puts it back in `idle` at once: a worker handles messages in order,
 * so the reset is done before the next port's `init` reaches it. (It is sent only once the
 * worker's last reply came, and the worker is idle again by the time it posts a reply.)
 */
function keep(worker: Worker): void {
  worker.onmessage = null;
  worker.onerror = null;
  worker.onmessageerror = null;
  if (idle.length >= IDLE_MAX) return worker.terminate();
  const reset: HostReset = { reset: true };
  worker.postMessage(reset);
  idle.push(worker);
}

/** How often the watchdog looks at pending requests (a coarse deadline is enough: it only
 * catches hung workers, and one timer per port is far cheaper than one per request). */
const WATCHDOG_MS = 250;

export function makeWorkerPort(node: string, incarnation: number, options: WorkerPortOptions = {}): HostPort {
  const worker = spawn(node, incarnation, options.driver);
  const pending = new Map<number, { resolve: (r: HostReply) => void; reject: (e: Error) => void; type: string; deadline: number }>();
  const wallMsMax = options.requestWallMsMax ?? 10_000;
  let nextId = 0;
  let dead: Error | undefined;
  let watchdog: ReturnType<typeof setInterval> | undefined;

  const stopWatchdog = () => {
    if (watchdog !== undefined) clearInterval(watchdog);
    watchdog = undefined;
  };
  const failAll = (error: Error) => {
    dead ??= error;
    stopWatchdog();
    for (const [id, p] of pending) {
      pending.delete(id);
      p.reject(error);
    }
  };
  const checkDeadlines = () => {
    const now = performance.now();
    for (const [id, p] of pending) {
      if (p.deadline > now) continue;
      pending.delete(id);
      p.reject(new Error(`no reply to "${p.type}" within ${wallMsMax} ms wall time`));
    }
    if (pending.size === 0) stopWatchdog();
  };

  worker.onmessage = (event: MessageEvent<HostReply | HostCrash>) => {
    const msg = event.data;
    if ('crash' in msg) return failAll(new Error(`worker threw: ${msg.crash.message}`));
    const p = pending.get(msg.id);
    if (!p) return;
    pending.delete(msg.id);
    p.resolve(msg);
  };
  worker.onerror = (event: ErrorEvent) => {
    event.preventDefault();
    failAll(new Error(`worker died: ${event.message || 'failed to load or threw at top level'}`));
  };
  worker.onmessageerror = () => failAll(new Error('worker sent a message the page could not read'));

  return {
    request(command: HostCommand, nowMs: number): Promise<HostReply> {
      if (dead) return Promise.reject(dead);
      const id = ++nextId;
      return new Promise<HostReply>((resolve, reject) => {
        pending.set(id, { resolve, reject, type: command.type, deadline: performance.now() + wallMsMax });
        watchdog ??= setInterval(checkDeadlines, Math.min(WATCHDOG_MS, wallMsMax));
        const request: HostRequest = { id, nowMs, command };
        worker.postMessage(request);
      });
    },
    terminate() {
      const reusable = options.reuse === true && !isEndoDriver(options.driver) && !dead && pending.size === 0;
      failAll(new Error('terminated'));
      if (reusable) keep(worker);
      else worker.terminate();
    },
  };
}
