/**
 * Goal: free-run mode runs a plan in real time (real latencies, real timers, hosts not
 * lock-stepped) and yields a well-formed recording, marked `free-run`, whose results match the
 * lock-step run of the same plan and which the property checkers accept. Method: in-process hosts
 * (reference driver) in Node; the browser spec does the same with real workers.
 */
import { test, expect } from '@playwright/test';
import { inProcessPorts } from './_plans.js';
import { makeChainPlan } from './_plan-builder.js';
import { freeRunProblems } from './_free-run-checks.js';
import { getDriver } from '../../../harness/drivers/index.js';
import { FreeRun, runFreePlan } from '../../../harness/sim/page-side/free-run.js';
import { runPlan } from '../../../harness/sim/page-side/run-steps.js';
import { HostEnded, RunCrashed, SimRun, type HostPortFactory } from '../../../harness/sim/page-side/runner.js';
import { makeTranscript } from '../../../harness/transcript/from-recording.js';
import { runChecks } from '../../../harness/checks/index.js';


function chain(count: number) {
  return makeChainPlan({ id: 'free-chain', hops: 4, latency: { kind: 'fixed', ms: 15 }, count, everyMs: 5 });
}

test('a chain in free-run: real latencies, well-formed recording, results as in lock-step, checks hold', async () => {
  const plan = chain(3);
  const t0 = performance.now();
  const free = await runFreePlan(new FreeRun({ plan, seed: 2, driver: 'reference', makePort: inProcessPorts(getDriver) }));
  const wallMs = performance.now() - t0;
  expect(free.outcome.error).toBeUndefined();
  expect(free.outcome.end).toBe('quiescent');
  expect(freeRunProblems(free, 15)).toEqual([]);
  // Real time: at least a session handshake and four forwards and back, 15 ms per link.
  expect(wallMs).toBeGreaterThan(8 * 15);
  expect(free.events.at(-1)!.atMs).toBeGreaterThan(8 * 15);
  let wall = 0;
  const lock = await runPlan(new SimRun({ plan, seed: 2, driver: 'reference', makePort: inProcessPorts(getDriver), wallMs: () => (wall += 1) }));
  expect(free.outcome.results).toEqual(lock.outcome.results);
  expect(free.outcome.results.chain).toEqual({ outcome: 'fulfilled', value: 'done' });
  const report = runChecks(makeTranscript(free));
  expect(report.verdicts.filter((v) => v.verdict === 'violated')).toEqual([]);
});

test('free-run: a host that cannot start ends the case as crashed, with a replay command', async () => {
  const free = await runFreePlan(new FreeRun({ plan: chain(1), seed: 4, driver: 'no-such-driver', makePort: inProcessPorts(getDriver) }));
  expect(free.outcome.end).toBe('crashed');
  expect(free.outcome.error?.replay).toContain('--seed 4');
  expect(free.header.mode).toBe('free-run');
});

test('free-run: a turn whose host a step ended meanwhile (kill) ends with it, not as a crash; a host still in place that fails is a crash', async () => {
  const plan = chain(1);
  const inner = inProcessPorts(getDriver);
  const held: ((e: Error) => void)[] = [];
  // Turns after init hang until the port is terminated, which fails them as a worker port does.
  const makePort: HostPortFactory = (node, incarnation, driver) => {
    const port = inner(node, incarnation, driver);
    return {
      request: (command, nowMs) => (command.type === 'init' ? port.request(command, nowMs) : new Promise((_resolve, reject) => held.push(reject))),
      terminate: () => {
        for (const reject of held.splice(0)) reject(new Error('terminated'));
        port.terminate();
      },
    };
  };
  const run = new SimRun({ plan, seed: 1, driver: 'reference', makePort, wallMs: () => 0 });
  const names = plan.topology.nodes.map((n) => n.name);
  await run.startNodes(names);
  const [killed, other] = names as [string, string];
  const turn = run.turn(killed, { type: 'shutdown' });
  // What the kill step does: terminate the host, then forget it.
  run.ports.get(killed)!.terminate();
  run.ports.delete(killed);
  await expect(turn).rejects.toBeInstanceOf(HostEnded);
  expect(run.crashed).toBeUndefined();
  const failing = run.turn(other, { type: 'shutdown' });
  for (const reject of held.splice(0)) reject(new Error('worker died'));
  await expect(failing).rejects.toBeInstanceOf(RunCrashed);
  expect(run.crashed?.message).toMatch(/node .* crashed at .*worker died/);
  run.terminateAll();
});
