/**
 * Relay smoke check used by the foundation browser test: start N workers, send one frame from
 * the first to the last through the page, and report what arrived where.
 */
export interface RelaySmokeResult {
  readyWorkers: string[];
  received: { at: string; from: string; bytes: number[] }[];
}

export async function relaySmoke(workerCount: number, payload: number[]): Promise<RelaySmokeResult> {
  const workers = new Map<string, Worker>();
  const readyWorkers: string[] = [];
  const received: RelaySmokeResult['received'] = [];
  let arrived: () => void = () => {};
  const arrival = new Promise<void>((resolve) => (arrived = resolve));
  const allReady = Promise.all(
    Array.from({ length: workerCount }, (_, i) => {
      const name = `n${i}`;
      const worker = new Worker(new URL('./smoke-worker.ts', import.meta.url), { type: 'module' });
      workers.set(name, worker);
      return new Promise<void>((resolve) => {
        worker.onmessage = (event: MessageEvent) => {
          const msg = event.data;
          if (msg.kind === 'ready') {
            readyWorkers.push(msg.name);
            resolve();
          } else if (msg.kind === 'frame') {
            workers.get(msg.to)?.postMessage({ kind: 'frame', from: msg.from, bytes: msg.bytes });
          } else if (msg.kind === 'received') {
            received.push({ at: msg.at, from: msg.from, bytes: Array.from(msg.bytes as Uint8Array) });
            arrived();
          }
        };
        worker.postMessage({ kind: 'init', name });
      });
    }),
  );
  await allReady;
  workers.get('n0')!.postMessage({ kind: 'send', to: `n${workerCount - 1}`, bytes: new Uint8Array(payload) });
  await arrival;
  for (const worker of workers.values()) worker.terminate();
  return { readyWorkers: readyWorkers.sort(), received };
}
