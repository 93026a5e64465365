/**
 * Playground startup (printed, not asserted; target < 2 s on the 2-core machine): from opening
 * the page to interactive — the session fetched from the CLI, its plan loaded, every node started
 * in a worker, the first view drawn and the status `ready` — for an empty network and for a
 * scenario opened paused (flush/shortening-nightmare). The page is built once, then served by the
 * real `playground` command; each sample is a fresh page in one Chromium, median of 5.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumExecutable } from '../../harness/cli/chromium.js';

const SAMPLES = 5;

async function serve(args: string[]): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, ['harness/cli/bin.mjs', 'playground', '--port', '0', ...args], { env: { ...process.env, OCAPN_NO_REBUILD: '1' }, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (c: Buffer) => {
      const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(c.toString());
      if (m) resolve(m[0]);
    });
    child.once('exit', (code) => reject(new Error(`playground exited ${code}`)));
  });
  return { url, stop: () => child.kill('SIGINT') };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function run(): Promise<void> {
  const built = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'harness/playground/vite.config.ts', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (built.status !== 0) throw new Error('building the playground page failed');
  const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: CHROMIUM_ARGS });
  try {
    for (const [what, args] of [['empty network', []], ['flush/shortening-nightmare opened', ['scenarios/flush/shortening-nightmare.yaml']]] as const) {
      const server = await serve([...args]);
      const samples: number[] = [];
      try {
        for (let i = 0; i < SAMPLES; i++) {
          const page = await browser.newPage();
          const t0 = performance.now();
          await page.goto(server.url);
          await page.waitForFunction(() => document.getElementById('status')?.textContent === 'ready', undefined, { timeout: 30_000 });
          samples.push(performance.now() - t0);
          await page.close();
        }
      } finally {
        server.stop();
      }
      console.log(`playground startup to interactive, ${what}: median ${median(samples).toFixed(0)} ms (samples ${samples.map((s) => s.toFixed(0)).join(', ')} ms; target < 2000 ms)`);
    }
  } finally {
    await browser.close();
  }
}
