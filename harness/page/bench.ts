/**
 * Page-side benchmarks (driven by tests/browser-bench): raw page-relay throughput (the physical
 * limit: worker → page → worker with no simulation), lock-step delivered frames/s, and wall
 * time of forward chains over N nodes. Numbers are returned, never asserted here.
 */
import { runPlan } from '../sim/page-side/run-steps.js';
import { SimRun } from '../sim/page-side/runner.js';
import { makeChainPlan, makeEchoPlan } from './bench-plans.js';
import { makeWorkerPort } from './worker-port.js';

function spawnSmoke(name: string): Promise<Worker> {
  const worker = new Worker(new URL('./smoke-worker.ts', import.meta.url), { type: 'module' });
  return new Promise((resolve) => {
    worker.onmessage = () => resolve(worker);
    worker.postMessage({ kind: 'init', name });
  });
}

export const benchApi = {
  /** Raw relay: n0 blasts `count` frames of `size` bytes to n1 through the page. */
  async benchRelay(count: number, size: number): Promise<{ frames: number; wallMs: number; framesPerSecond: number }> {
    const [a, b] = await Promise.all([spawnSmoke('n0'), spawnSmoke('n1')]);
    const done = new Promise<void>((resolve) => {
      b.onmessage = (event: MessageEvent) => event.data.kind === 'sunk' && resolve();
    });
    a.onmessage = (event: MessageEvent) => {
      const msg = event.data;
      if (msg.kind === 'frame') b.postMessage({ kind: 'frame', from: msg.from, bytes: msg.bytes, sink: true, last: msg.last });
    };
    const t0 = performance.now();
    a.postMessage({ kind: 'blast', to: 'n1', count, size });
    await done;
    const wallMs = performance.now() - t0;
    a.terminate();
    b.terminate();
    return { frames: count, wallMs, framesPerSecond: Math.round((count / wallMs) * 1000) };
  },

  /** Sequential page → worker → page round trips with no work: the floor of one lock-step turn
   * (`hop`: the worker crosses one macrotask boundary first, as its quiescence drain does). */
  async benchRoundTrip(count: number, hop: boolean): Promise<{ roundTrips: number; wallMs: number; perSecond: number }> {
    const worker = await spawnSmoke('rt');
    let resolve = () => {};
    worker.onmessage = () => resolve();
    const t0 = performance.now();
    for (let i = 0; i < count; i++) {
      const pong = new Promise<void>((r) => (resolve = r));
      worker.postMessage({ kind: 'ping', hop });
      await pong;
    }
    const wallMs = performance.now() - t0;
    worker.terminate();
    return { roundTrips: count, wallMs, perSecond: Math.round((count / wallMs) * 1000) };
  },

  /** Lock-step: bench-echo ping-pong, every frame one page-chosen delivery and one worker turn
   * (`lookahead`: frames certain to come next ride in the same request; sim/page-side/lookahead.ts). */
  async benchLockStep(
    kicks: number,
    bounces: number,
    lookahead = true,
  ): Promise<{ deliveries: number; deliveredAhead: number; wallMs: number; deliveriesPerSecond: number; inRequestMs: number }> {
    let inRequestMs = 0;
    const run = new SimRun({
      plan: makeEchoPlan(kicks, bounces),
      seed: 1,
      driver: 'bench-echo',
      lookahead,
      // Wrapped to split the wall time: inside requests (transit + worker) vs the page's own work.
      makePort: (node, incarnation) => {
        const port = makeWorkerPort(node, incarnation);
        return {
          async request(command, nowMs) {
            const t = performance.now();
            const reply = await port.request(command, nowMs);
            inRequestMs += performance.now() - t;
            return reply;
          },
          terminate: () => port.terminate(),
        };
      },
      wallMs: () => performance.now(),
      wallMsMax: 120_000,
    });
    await run.startNodes(['a', 'b']);
    run.scheduleKickoff('ping', 0);
    const t0 = performance.now();
    const before = run.deliveries;
    inRequestMs = 0; // worker start-up (init) is not part of the measured window
    await run.runUntil(() => run.isQuiescent(), Infinity, true);
    const wallMs = performance.now() - t0;
    run.terminateAll();
    const deliveries = run.deliveries - before;
    return { deliveries, deliveredAhead: run.deliveredAhead, wallMs, deliveriesPerSecond: Math.round((deliveries / wallMs) * 1000), inRequestMs };
  },

  /** A forward chain with the reference driver: wall time including worker start-up. */
  async benchChain(
    nodeCount: number,
    hops: number,
    seed = 1,
  ): Promise<{ nodes: number; hops: number; wallMs: number; deliveries: number; virtualMs: number; result: unknown; end: string }> {
    const run = new SimRun({
      plan: makeChainPlan(nodeCount, hops, { kind: 'uniform', msMin: 50, msMax: 500 }),
      seed,
      driver: 'reference',
      makePort: (node, incarnation) => makeWorkerPort(node, incarnation, { requestWallMsMax: 30_000 }),
      wallMs: () => performance.now(),
      wallMsMax: 300_000,
    });
    const t0 = performance.now();
    const recording = await runPlan(run);
    const wallMs = performance.now() - t0;
    const chain = recording.outcome.results.chain;
    return {
      nodes: nodeCount,
      hops,
      wallMs,
      deliveries: run.deliveries,
      virtualMs: run.net.nowMs,
      result: chain?.value ?? chain?.reason ?? recording.outcome.error?.message,
      end: recording.outcome.end,
    };
  },
};
