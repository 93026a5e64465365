/**
 * Worker side of the side-by-side codec bench: loads endo's codec (lockdown stays inside this
 * worker's realm), builds the same corpus, then times one pass per request so the bench can
 * alternate endo's passes with its own.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { buildCorpus, timeOnePass } from './codec-corpus.js';
import { loadEndoCodec, type EndoCodec } from './endo-codec.js';

export type EndoRequest = { kind: 'encode' | 'decode' };
export type EndoReply =
  | { kind: 'ready'; label: string; sha256: string; bytes: number; frames: number }
  | { kind: 'pass'; seconds: number }
  | { kind: 'error'; message: string };

const port = parentPort!;
const reply = (message: EndoReply) => port.postMessage(message);

let codec: EndoCodec;
try {
  codec = await loadEndoCodec((workerData as { endoPath: string }).endoPath);
  const { sha256, bytes, frames } = codec.prepare(buildCorpus());
  reply({ kind: 'ready', label: codec.label, sha256, bytes, frames: frames.length });
  port.on('message', (request: EndoRequest) => {
    try {
      reply({ kind: 'pass', seconds: timeOnePass(request.kind === 'encode' ? codec.encodePass : codec.decodePass) });
    } catch (error) {
      reply({ kind: 'error', message: String((error as Error)?.stack ?? error) });
    }
  });
} catch (error) {
  reply({ kind: 'error', message: String((error as Error)?.stack ?? error) });
}
