/**
 * Smallest possible node worker: proves the page can start module workers and relay a frame
 * from one worker to another. Every frame goes worker → page → worker, never a direct port,
 * because the page owns the network (design.md §2).
 */
export {};

declare const self: DedicatedWorkerGlobalScope;

let name = '?';

self.onmessage = (event: MessageEvent) => {
  const msg = event.data as
    | { kind: 'init'; name: string }
    | { kind: 'send'; to: string; bytes: Uint8Array }
    | { kind: 'frame'; from: string; bytes: Uint8Array };
  switch (msg.kind) {
    case 'init':
      name = msg.name;
      self.postMessage({ kind: 'ready', name });
      break;
    case 'send':
      self.postMessage({ kind: 'frame', from: name, to: msg.to, bytes: msg.bytes });
      break;
    case 'frame':
      self.postMessage({ kind: 'received', at: name, from: msg.from, bytes: msg.bytes });
      break;
  }
};
