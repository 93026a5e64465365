/**
 * Smallest possible node worker: proves the page can start module workers and relay a frame
 * from one worker to another, and measures the raw relay (`blast`). Every frame goes worker →
 * page → worker, never a direct port, because the page owns the network (docs/architecture.md).
 */
export {};

declare const self: DedicatedWorkerGlobalScope;

let name = '?';
let hop: MessageChannel | undefined;
let afterHop: (() => void) | undefined;

function hopThen(fn: () => void): void {
  if (!hop) {
    hop = new MessageChannel();
    hop.port1.onmessage = () => afterHop?.();
  }
  afterHop = fn;
  hop.port2.postMessage(null);
}
let sunk = 0;

self.onmessage = (event: MessageEvent) => {
  const msg = event.data as
    | { kind: 'init'; name: string }
    | { kind: 'send'; to: string; bytes: Uint8Array }
    | { kind: 'blast'; to: string; count: number; size: number }
    | { kind: 'frame'; from: string; bytes: Uint8Array; sink?: boolean; last?: boolean }
    | { kind: 'ping'; hop: boolean };
  switch (msg.kind) {
    case 'ping':
      // Round-trip floor for lock-step: reply at once, or after one macrotask hop (as a drain does).
      // (scheduler.postTask and a second page message as the boundary were measured too: no faster.)
      if (msg.hop) hopThen(() => self.postMessage({ kind: 'pong' }));
      else self.postMessage({ kind: 'pong' });
      break;
    case 'init':
      name = msg.name;
      self.postMessage({ kind: 'ready', name });
      break;
    case 'send':
      self.postMessage({ kind: 'frame', from: name, to: msg.to, bytes: msg.bytes });
      break;
    case 'blast':
      for (let i = 0; i < msg.count; i++) {
        const bytes = new Uint8Array(msg.size);
        bytes[0] = i & 0xff;
        self.postMessage({ kind: 'frame', from: name, to: msg.to, bytes, last: i === msg.count - 1 });
      }
      break;
    case 'frame':
      if (msg.sink) {
        sunk++;
        if (msg.last) self.postMessage({ kind: 'sunk', count: sunk });
        break;
      }
      self.postMessage({ kind: 'received', at: name, from: msg.from, bytes: msg.bytes });
      break;
  }
};
