/**
 * Goal: measure the simulation in one browser run (issue 5 "Scale"): (a) raw page-relay frames/s,
 * (b) lock-step delivered frames/s and the ratio b/a (goal ≥ 0.3), (c) wall time for chains over
 * 8, 32 and 64 nodes and for chains of 100 and 1,000 forwards. Method: `window.ocapnHarness`
 * bench functions; numbers are printed (and attached), not asserted as targets — only that each
 * chain answered.
 */
import { test, expect } from '@playwright/test';

test.setTimeout(600_000);

test('simulation throughput and scale', async ({ page }, info) => {
  await page.goto('/');
  await expect(page.locator('#status')).toHaveText('ready');
  const lines: string[] = [];
  const print = (line: string) => {
    lines.push(line);
    console.log(line);
  };

  await page.evaluate(() => window.ocapnHarness.benchRelay(2000, 64)); // warm-up
  const relay = await page.evaluate(() => window.ocapnHarness.benchRelay(20_000, 64));
  print(`(a) raw page relay, 64 B: ${relay.framesPerSecond} frames/s (${relay.frames} in ${relay.wallMs.toFixed(0)} ms)`);

  await page.evaluate(() => window.ocapnHarness.benchLockStep(2, 100)); // warm-up
  const lock = await page.evaluate(() => window.ocapnHarness.benchLockStep(40, 250));
  print(`(b) lock-step deliveries (bench-echo): ${lock.deliveriesPerSecond} frames/s (${lock.deliveries} in ${lock.wallMs.toFixed(0)} ms)`);
  print(`    ratio b/a: ${(lock.deliveriesPerSecond / relay.framesPerSecond).toFixed(2)} (goal ≥ 0.3)`);

  const chains: [number, number][] = [
    [8, 20],
    [32, 20],
    [64, 20],
    [8, 100],
    [8, 1000],
  ];
  for (const [nodes, hops] of chains) {
    const r = await page.evaluate(([n, h]) => window.ocapnHarness.benchChain(n, h), [nodes, hops] as const);
    print(
      `(c) ${String(nodes).padStart(2)} nodes, ${String(hops).padStart(4)} forwards: ${r.wallMs.toFixed(0)} ms wall, ` +
        `${r.deliveries} deliveries, ${(r.virtualMs / 1000).toFixed(1)} s virtual, result ${JSON.stringify(r.result)} (${r.end})`,
    );
    expect(r.result).toBe('done');
  }
  await info.attach('sim-bench.txt', { body: lines.join('\n') + '\n', contentType: 'text/plain' });
});
