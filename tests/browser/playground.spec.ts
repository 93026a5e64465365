/**
 * Goal: what a person does in the playground, saved as a scenario, replays byte for byte with
 * `run`; an opened scenario can be stepped to a chosen frame, branched and saved, and the branch
 * loads and runs. Method: the real CLI (`playground`, then `run` on the saved file) in child
 * processes, the page driven by clicks only in Chromium; the live session's recording is made
 * into transcript.json exactly as `run` makes it (case/judge.ts, report/attach.ts) and compared
 * as bytes with the file `run` wrote.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { judgeCase } from '../../harness/case/judge.js';
import { caseEvidence } from '../../harness/report/attach.js';
import { loadScenario } from '../../harness/scenario/load.js';
import type { Recording } from '../../harness/sim/recording.js';

const OUT = path.join('reports', 'playground-test');
const BIN = 'harness/cli/bin.mjs';

test.describe.configure({ mode: 'serial', timeout: 240_000 });

test.beforeAll(() => {
  // One build of the playground page for both tests; the CLI then serves it (OCAPN_NO_REBUILD).
  const r = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'harness/playground/vite.config.ts', '--logLevel', 'warn'], { stdio: 'inherit' });
  expect(r.status).toBe(0);
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
});

/** Starts `playground` with `args` and resolves with the URL it prints. */
function startPlayground(args: string[]): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [BIN, 'playground', '--port', '0', ...args], { env: { ...process.env, OCAPN_NO_REBUILD: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (c: Buffer) => {
      const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(c.toString());
      if (m) resolve({ url: m[0], child });
    });
    child.once('exit', (code) => reject(new Error(`playground exited ${code}: ${err}`)));
  });
}

async function idle(page: Page): Promise<void> {
  await expect(page.locator('#status')).toHaveText(/^(ready|crashed)$/);
}

async function click(page: Page, selector: string): Promise<void> {
  await page.click(selector);
  await idle(page);
  await expect(page.locator('#errors')).toHaveText('');
}

/** Gives the session an id and presses save with `file` (the caller checks the answer). */
async function save(page: Page, id: string, file: string): Promise<void> {
  await page.fill('#doc-id', id);
  await page.press('#doc-id', 'Enter');
  await idle(page);
  await page.fill('#save-file', file);
  await page.click('#save');
  await idle(page);
}

/** The transcript.json `run` would write for this recording of the saved scenario. */
function transcriptBytes(file: string, recording: Recording): string {
  const loaded = loadScenario(file);
  expect(loaded.errors, 'the saved file loads').toBeUndefined();
  const j = judgeCase(loaded.plan!, recording);
  return caseEvidence(j.transcript, j.checks).find((a) => a.name === 'transcript.json')!.body;
}

/** `run` on the saved file; returns the transcript.json it wrote. */
function runSaved(file: string, out: string): string {
  const r = spawnSync(process.execPath, [BIN, 'run', file, '--out', out], { env: { ...process.env, OCAPN_NO_REBUILD: '1' }, encoding: 'utf8' });
  expect(r.status, `run ${file}: ${r.stdout}\n${r.stderr}`).not.toBe(2);
  const written = path.join(out, 'seed-1', 'transcript.json');
  expect(existsSync(written), `run wrote ${written}\n${r.stdout}\n${r.stderr}`).toBe(true);
  return readFileSync(written, 'utf8');
}

async function liveRecording(page: Page): Promise<Recording> {
  return JSON.parse(await page.evaluate(() => window.ocapnPlayground.recordingJson())) as Recording;
}

test('playground: a 4-node line built by clicks, a forward chain, a flush mid-way, a kill; the saved file replays the same bytes', async ({ page }, testInfo) => {
  const { url, child } = await startPlayground(['--seed', '1']);
  try {
    await page.setViewportSize({ width: 1500, height: 1000 });
    await page.goto(url);
    await idle(page);
    for (const [name, app] of [['alice', ''], ['bob', 'forwarder'], ['carol', 'forwarder'], ['dave', 'recorder']]) {
      await page.fill('#node-name', name);
      await page.selectOption('#node-app', app);
      await click(page, '#add-node');
    }
    for (const [a, b, ms] of [['alice', 'bob', '10'], ['bob', 'carol', '25'], ['carol', 'dave', '5']]) {
      await page.selectOption('#link-a', a);
      await page.selectOption('#link-b', b);
      await page.fill('#link-ms', ms);
      await click(page, '#set-latency');
    }
    await expect(page.locator('#graph svg text.latency')).toContainText(['10 ms']);
    await page.selectOption('#k-from', 'alice');
    await page.selectOption('#k-target', 'bob.hop');
    await page.fill('#k-route', 'bob,carol,dave');
    await page.fill('#k-count', '3');
    await page.fill('#k-every', '2');
    await click(page, '#kick');
    // Mid-way: the first call went alice → bob (a frame wait), and bob's answer — a promise it
    // exports for the rest of the chain — has reached alice (by 60 ms), the calls still travelling.
    await page.selectOption('#clock-frame-label', 'op:deliver');
    await click(page, '#clock-frame');
    while ((await page.evaluate(() => window.ocapnPlayground.session.nowMs)) < 60) await click(page, '#clock-instant');
    await page.selectOption('#flush-ref', 'k1');
    await click(page, '#flush');
    for (let i = 0; i < 3; i++) await click(page, '#clock-event');
    // Between two events of one instant the page may refuse to act; step to its end first.
    if ((await page.locator('#blocked').textContent()) !== '') await click(page, '#clock-instant');
    await page.selectOption('#fault-node', 'carol');
    await click(page, '#kill');
    await expect(page.locator('#node-status')).toContainText('carol: down');
    await click(page, '#clock-instant');
    await expect(page.locator('#yaml')).toContainText('kill: carol');
    await expect(page.locator('#log .frame').first()).toBeVisible();

    const file = path.join(OUT, 'line-flush-kill.yaml');
    await save(page, 'line-flush-kill', file);
    await expect(page.locator('#errors')).toHaveText('');
    await expect(page.locator('#save-result')).toContainText(`saved ${file}`);
    // Saving again under the same name is refused, saying why, in the page.
    await page.click('#save');
    await idle(page);
    await expect(page.locator('#errors')).toContainText('exists');
    await click(page, '#finish');
    await page.screenshot({ path: testInfo.outputPath('playground.png'), fullPage: true });
    const live = transcriptBytes(file, await liveRecording(page));
    const replayed = runSaved(file, path.join(OUT, 'run-line'));
    expect(replayed.length).toBeGreaterThan(1000);
    expect(replayed === live, 'run on the saved file writes the live session\'s transcript byte for byte').toBe(true);
    // The session really did what was clicked: the kill and the flush are on the wire record.
    expect(live).toMatch(/"fault":\s*"kill"/);
    expect(live).toMatch(/"op":\s*"op:flush"/);
  } finally {
    child.kill('SIGINT');
  }
});

test('playground: shortening-nightmare opened paused, stepped to its op:flush, branched with a partition; the branch saves, loads and replays', async ({ page }) => {
  const { url, child } = await startPlayground(['scenarios/flush/shortening-nightmare.yaml']);
  try {
    await page.setViewportSize({ width: 1500, height: 1000 });
    await page.goto(url);
    await idle(page);
    // Paused at its start: nothing delivered, the file's four steps waiting.
    await expect(page.locator('#clock-pos')).toContainText('0.000 ms virtual · 0 deliveries · 0 steps');
    await expect(page.locator('#script .script-step')).toHaveCount(4);
    for (let i = 0; i < 3; i++) await click(page, '#script-next');
    await expect(page.locator('#script .script-step')).toHaveCount(1);
    await page.selectOption('#clock-frame-label', 'op:flush');
    await click(page, '#clock-frame');
    // The clock stopped right after the delivery (what alice wrote in that turn follows it).
    await expect(page.locator('#log .frame', { hasText: 'op:flush delivered' })).toHaveCount(2);
    await expect(page.locator('#blocked')).toHaveText('');
    // Branch: cut alice from bob right after bob's op:flush reached alice.
    await page.selectOption('#pair-a', 'alice');
    await page.selectOption('#pair-b', 'bob');
    await click(page, '#partition-drop');
    await expect(page.locator('#script')).toContainText('branched off the opened file after its step 3');
    await expect(page.locator('#yaml')).toContainText('frame: op:flush');
    await expect(page.locator('#yaml')).toContainText('partition:');

    // An id another scenario under scenarios/ uses is refused, saying so, and nothing is written.
    await save(page, 'shortening-nightmare', 'scenarios/flush/zz-playground-clash.yaml');
    await expect(page.locator('#errors')).toContainText('id "shortening-nightmare" is already used by scenarios/flush/shortening-nightmare.yaml');
    expect(existsSync('scenarios/flush/zz-playground-clash.yaml')).toBe(false);

    const file = path.join(OUT, 'nightmare-partition-branch.yaml');
    await save(page, 'nightmare-partition-branch', file);
    await expect(page.locator('#save-result')).toContainText(`saved ${file}`);
    await click(page, '#finish');
    const live = transcriptBytes(file, await liveRecording(page));
    expect(runSaved(file, path.join(OUT, 'run-branch')) === live, 'the branch replays the live session byte for byte').toBe(true);
    expect(live).toMatch(/"fault":\s*"partition"/);
  } finally {
    child.kill('SIGINT');
    rmSync('scenarios/flush/zz-playground-clash.yaml', { force: true });
  }
});

test('playground: checks are judged live; a violated one names its witness frames, highlighted in the log', async ({ page }) => {
  // The forwarder-reorders mutant swaps calls at a forwarder: fixed-route-four-hops catches it.
  const { url, child } = await startPlayground(['scenarios/forwarding/fixed-route-four-hops.yaml', '--driver', 'forwarder-reorders']);
  try {
    await page.goto(url);
    await idle(page);
    await expect(page.locator('#checks')).toContainText('no check violated');
    await click(page, '#clock-quiescent');
    await expect(page.locator('#checks .violated[data-check="perRefFifo"]')).toBeVisible();
    const witnessRows = page.locator('#log .wit.frame');
    expect(await witnessRows.count()).toBeGreaterThan(0);
    await witnessRows.first().click();
    await expect(page.locator('#op .witness-list')).toContainText('perRefFifo');
  } finally {
    child.kill('SIGINT');
  }
});
