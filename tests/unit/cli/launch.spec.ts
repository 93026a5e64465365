// Goal: an OCapN peer in another process is started and found by the locator on its first
// stdout line; every way that can go wrong is a clear error, and the process never outlives it.
import { test, expect } from '@playwright/test';
import { launchPeer } from '../../../harness/external/launch-peer.js';

const node = process.execPath;

test('serve is launched, found by its locator, and stopped with exit 0', async () => {
  const peer = await launchPeer([node, 'harness/cli/bin.mjs', 'serve', '--seed', '4']);
  expect(peer.location.transport).toBe('tcp-testing-only');
  expect(peer.locator).toMatch(/^ocapn:\/\/[0-9a-f]{32}\.tcp-testing-only\?host=127\.0\.0\.1&port=\d+$/);
  expect(await peer.stop()).toBe(0);
});

test('a first line that is not a locator is refused, naming the problem', async () => {
  const run = launchPeer([node, '-e', 'console.log("listening on 4000"); setInterval(() => {}, 1000)']);
  await expect(run).rejects.toThrow(/its first stdout line is not a locator: not an OCapN peer locator: "listening on 4000"/);
});

test('a process that exits first is reported with its stderr', async () => {
  const run = launchPeer([node, '-e', 'console.error("no port for you"); process.exit(3)']);
  await expect(run).rejects.toThrow(/exited \(3\) before printing its locator; its stderr:\nno port for you/);
});

test('a silent process that ignores SIGINT times out (and is killed after the grace)', async () => {
  const started = Date.now();
  const run = launchPeer([node, '-e', 'process.on("SIGINT", () => {}); setInterval(() => {}, 1000)'], { timeoutMs: 500, graceMs: 300 });
  await expect(run).rejects.toThrow(/printed no locator within 500 ms/);
  expect(Date.now() - started).toBeLessThan(5000);
});

test('a command that cannot start is an error, not a crash', async () => {
  await expect(launchPeer(['/nonexistent/peer-binary'])).rejects.toThrow(/could not start \(spawn \/nonexistent\/peer-binary ENOENT\)/);
});
