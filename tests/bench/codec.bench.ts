/**
 * Codec benchmark on the seeded 10,000-frame `op:deliver` corpus (`codec-corpus.ts`): builds the
 * corpus, checks its SHA-256, then times encodeOp and decodeOp over every frame one at a time
 * (gc() before each pass, 2 warm-up passes, 7 timed, median) and prints MB/s (10^6 bytes) and
 * messages/s, plus the Syrup layer alone.
 *
 * With `OCAPN_ENDO_PATH` naming an endo checkout, endo's codec runs in the same run (in a worker,
 * `endo-codec.ts`): its bytes must hash to the same SHA-256, its passes alternate with ours, and
 * the ratio is taken from the two medians. A ratio is only ever printed from figures of one run.
 * Numbers only, never asserted.
 */
import { createHash } from 'node:crypto';
import { loadavg } from 'node:os';
import { Worker } from 'node:worker_threads';
import { decode, encode } from '../../harness/ocapn/syrup/index.js';
import { decodeOp, encodeOp, opToSyrup } from '../../harness/ocapn/wire/index.js';
import { CORPUS_SHA256, TIMED_PASSES, WARMUP_PASSES, buildCorpus, median, timeOnePass } from './codec-corpus.js';
import type { EndoReply, EndoRequest } from './endo-codec-worker.js';

interface Endo {
  label: string;
  pass(kind: EndoRequest['kind']): Promise<number>;
  close(): Promise<number>;
}

async function startEndo(endoPath: string): Promise<Endo> {
  const worker = new Worker(new URL('./ts-worker.mjs', import.meta.url), {
    workerData: { entry: new URL('./endo-codec-worker.ts', import.meta.url).href, endoPath },
  });
  const replies: EndoReply[] = [];
  const waiting: Array<(r: EndoReply) => void> = [];
  const deliver = (r: EndoReply) => {
    const w = waiting.shift();
    if (w) w(r);
    else replies.push(r);
  };
  worker.on('message', deliver);
  worker.on('error', (e) => deliver({ kind: 'error', message: String(e?.stack ?? e) }));
  const nextReply = () => new Promise<EndoReply>((resolve) => (replies.length ? resolve(replies.shift()!) : waiting.push(resolve)));
  const ready = await nextReply();
  if (ready.kind !== 'ready') {
    await worker.terminate();
    throw new Error(ready.kind === 'error' ? ready.message : 'endo worker: unexpected first reply');
  }
  const ok = ready.sha256 === CORPUS_SHA256;
  console.log(`endo: ${ready.label}`);
  console.log(`endo corpus bytes: ${ready.frames} frames, ${ready.bytes} bytes, sha256 ${ready.sha256} ${ok ? '(matches tests/bench/corpus.md)' : '(MISMATCH with tests/bench/corpus.md)'}`);
  if (!ok) {
    await worker.terminate();
    throw new Error('endo encodes the corpus to different bytes; its figures would not be comparable');
  }
  return {
    label: ready.label,
    async pass(kind) {
      worker.postMessage({ kind } satisfies EndoRequest);
      const r = await nextReply();
      if (r.kind !== 'pass') throw new Error(r.kind === 'error' ? r.message : 'endo worker: unexpected reply');
      return r.seconds;
    },
    close: () => worker.terminate(),
  };
}

/** Medians of ours and (when present) endo's passes, alternating who goes first each round. */
async function measure(ours: () => void, endo: (() => Promise<number>) | undefined): Promise<{ ours: number; endo?: number }> {
  const mine: number[] = [];
  const theirs: number[] = [];
  for (let round = 0; round < WARMUP_PASSES + TIMED_PASSES; round++) {
    const keep = round >= WARMUP_PASSES;
    const runOurs = () => {
      const s = timeOnePass(ours);
      if (keep) mine.push(s);
    };
    if (endo && round % 2 === 1) {
      const s = await endo();
      if (keep) theirs.push(s);
      runOurs();
    } else {
      runOurs();
      if (endo) {
        const s = await endo();
        if (keep) theirs.push(s);
      }
    }
  }
  return { ours: median(mine), endo: endo ? median(theirs) : undefined };
}

const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

export async function run(): Promise<void> {
  const ops = buildCorpus();
  const frames = ops.map((op) => encodeOp(op));
  const total = frames.reduce((n, f) => n + f.length, 0);
  const hash = createHash('sha256');
  for (const f of frames) hash.update(f);
  const sha = hash.digest('hex');
  console.log(`corpus: ${frames.length} op:deliver frames, ${total} bytes, sha256 ${sha} ${sha === CORPUS_SHA256 ? '(matches tests/bench/corpus.md)' : '(MISMATCH with tests/bench/corpus.md)'}`);
  if (typeof (globalThis as { gc?: unknown }).gc !== 'function') console.log('note: no gc() (run node with --expose-gc); passes may pay for earlier garbage');
  console.log(`load average before: ${load()}`);

  const endoPath = process.env.OCAPN_ENDO_PATH;
  let endo: Endo | undefined;
  if (endoPath) {
    try {
      endo = await startEndo(endoPath);
    } catch (error) {
      console.log(`endo: not measured, ${String((error as Error)?.message ?? error).split('\n')[0]}; no ratio`);
    }
  } else {
    console.log('endo: not measured (set OCAPN_ENDO_PATH to a folder from which @endo/ocapn resolves); no ratio');
  }

  const rate = (seconds: number) => `${(total / 1e6 / seconds).toFixed(1).padStart(7)} MB/s ${Math.round(frames.length / seconds).toString().padStart(8)} msgs/s`;
  const line = (what: string, r: { ours: number; endo?: number }) => {
    const cmp = r.endo === undefined ? '' : `   endo ${rate(r.endo)}   ×${(r.endo / r.ours).toFixed(2)}`;
    console.log(`${what.padEnd(24)} ${rate(r.ours)}${cmp}`);
  };
  try {
    line('encodeOp (op → bytes)', await measure(() => ops.forEach((op) => encodeOp(op)), endo && (() => endo.pass('encode'))));
    line('decodeOp (bytes → op)', await measure(() => frames.forEach((f) => decodeOp(f)), endo && (() => endo.pass('decode'))));
  } finally {
    await endo?.close();
  }
  const values = ops.map((op) => opToSyrup(op));
  line('syrup encode only', await measure(() => values.forEach((v) => encode(v)), undefined));
  line('syrup decode only', await measure(() => frames.forEach((f) => decode(f)), undefined));
  console.log(`load average after: ${load()}`);
}
