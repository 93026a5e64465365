/**
 * The page's handle on one node worker: request/reply over postMessage with a wall deadline per
 * request, so a hung or dead worker fails its run instead of hanging the page. Owns real time on
 * purpose (the wall-clock watchdog; style.md "Determinism is visible in types").
 */
import type { HostCommand, HostCrash, HostReply, HostRequest } from '../sim/host/protocol.js';
import type { HostPort } from '../sim/runner.js';

export interface WorkerPortOptions {
  /** Wall ms one request may take (default 10 s). */
  requestWallMsMax?: number;
}

export function makeWorkerPort(node: string, incarnation: number, options: WorkerPortOptions = {}): HostPort {
  const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: `${node}#${incarnation}` });
  const pending = new Map<number, { resolve: (r: HostReply) => void; reject: (e: Error) => void; timer: ReturnType<typeof setTimeout> }>();
  let nextId = 0;
  let dead: Error | undefined;

  const failAll = (error: Error) => {
    dead ??= error;
    for (const [id, p] of pending) {
      clearTimeout(p.timer);
      pending.delete(id);
      p.reject(error);
    }
  };

  worker.onmessage = (event: MessageEvent<HostReply | HostCrash>) => {
    const msg = event.data;
    if ('crash' in msg) return failAll(new Error(`worker threw: ${msg.crash.message}`));
    const p = pending.get(msg.id);
    if (!p) return;
    clearTimeout(p.timer);
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
      const wallMsMax = options.requestWallMsMax ?? 10_000;
      return new Promise<HostReply>((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new Error(`no reply to "${command.type}" within ${wallMsMax} ms wall time`));
        }, wallMsMax);
        pending.set(id, { resolve, reject, timer });
        const request: HostRequest = { id, nowMs, command };
        worker.postMessage(request);
      });
    },
    terminate() {
      failAll(new Error('terminated'));
      worker.terminate();
    },
  };
}
