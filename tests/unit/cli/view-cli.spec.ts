/**
 * Goal: `ocapn-conformance view` opens a transcript or an evidence folder (with its verdicts) as
 * the replay viewer — written to a file with --out, or served on 127.0.0.1 — and names what is
 * wrong with a path that is not a transcript, exit 2.
 * Method: the real bin on a stored golden transcript copied into an evidence-like folder.
 */
import { test, expect } from '@playwright/test';
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const cli = (args: string[]) => spawnSync(process.execPath, ['harness/cli/bin.mjs', ...args], { encoding: 'utf8' });
const GOLDEN = 'fixtures/golden/pipelining-counter/reference-seed-1.json';

function evidenceFolder(): string {
  const dir = test.info().outputPath('seed-1');
  mkdirSync(dir, { recursive: true });
  copyFileSync(GOLDEN, path.join(dir, 'transcript.json'));
  writeFileSync(path.join(dir, 'verdicts.json'), JSON.stringify({ overall: 'violated', verdicts: [{ name: 'noLoss', verdict: 'violated', exercised: 1, explanation: 'x', witness: { frames: [3] } }] }));
  return dir;
}

test('view <evidence dir> --out writes one self-contained page with the transcript and its verdicts', () => {
  test.setTimeout(60_000);
  const out = test.info().outputPath('viewer.html');
  const r = cli(['view', evidenceFolder(), '--out', out]);
  expect(r.status, r.stderr).toBe(0);
  expect(r.stdout).toContain(`wrote ${out}`);
  const html = readFileSync(out, 'utf8');
  expect(html).toContain('<title>viewer: pipelining-counter [reference] seed 1</title>');
  expect(html).toContain('"witness":{"frames":[3]}');
  // The script is inlined: the page loads nothing from elsewhere.
  expect(html).not.toMatch(/<script[^>]+src=/);
});

test('view <transcript.json> serves the page on 127.0.0.1 until interrupted', async () => {
  test.setTimeout(60_000);
  const child = spawn(process.execPath, ['harness/cli/bin.mjs', 'view', GOLDEN], { stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let text = '';
      child.stdout.on('data', (d: Buffer) => {
        text += d.toString();
        const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(text);
        if (m) resolve(m[0]);
      });
      child.on('exit', (code) => reject(new Error(`view exited ${code} before serving`)));
    });
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('id="ocapn-viewer-data"');
    expect((await fetch(url + 'other')).status).toBe(404);
  } finally {
    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  }
});

test('view names a path that is not a transcript, exit 2', () => {
  const dir = test.info().outputPath('empty');
  mkdirSync(dir, { recursive: true });
  const notJson = path.join(dir, 'x.json');
  writeFileSync(notJson, '{"nodes": []}');
  for (const [args, message] of [
    [['view', path.join(dir, 'missing')], 'no such file or folder'],
    [['view', dir], 'has no transcript.json'],
    [['view', notJson], 'is not a transcript'],
    [['view'], 'give one transcript.json or evidence folder'],
  ] as const) {
    const r = cli([...args]);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr).toContain('usage: ocapn-conformance view');
  }
});
