/**
 * Goal: the `ocapn-conformance` binary routes commands and fails clearly on unknown ones.
 * Method: spawn the real bin (tsx loader included) and check exit codes and wording.
 */
import { test, expect } from '@playwright/test';
import { spawn, spawnSync } from 'node:child_process';

const cli = (...args: string[]) =>
  spawnSync(process.execPath, ['harness/cli/bin.mjs', ...args], { encoding: 'utf8' });

test('--help lists the commands and exits 0', () => {
  const r = cli('--help');
  expect(r.status).toBe(0);
  expect(r.stdout).toContain('usage: ocapn-conformance <command>');
  for (const name of ['decode', 'check', 'conformance', 'bench']) expect(r.stdout).toContain(`  ${name}`);
});

test('an unknown command names itself, prints usage and exits 2 without a stack trace', () => {
  const r = cli('frobnicate');
  expect(r.status).toBe(2);
  expect(r.stderr).toContain('unknown command "frobnicate"');
  expect(r.stderr).not.toMatch(/\n\s+at /);
});

test('every command answers --help (and -h) with its own usage, exit 0, before parsing anything', () => {
  const names = ['decode', 'encode', 'check', 'new', 'conformance', 'run', 'explore', 'goldens', 'bench'];
  for (const name of names) {
    const r = cli(name, '--help');
    expect(r.status, `${name} --help: ${r.stderr}`).toBe(0);
    expect(r.stdout.startsWith(`usage: ocapn-conformance ${name}`), `${name} --help printed: ${r.stdout.slice(0, 200)}`).toBe(true);
    expect(r.stderr, name).toBe('');
  }
  // `-h` too, and after other arguments (new must not take it for a slug).
  const short = cli('new', 'my-thing', '-h');
  expect(short.status).toBe(0);
  expect(short.stdout).toContain('usage: ocapn-conformance new <id>');
});

test('a reader that stops early (| head) ends the output quietly: no EPIPE stack trace', async () => {
  // check --plan prints every plan of the pack (tens of KB, more than a pipe holds).
  const child = spawn(process.execPath, ['harness/cli/bin.mjs', 'check', '--plan'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdout.once('data', () => child.stdout.destroy());
  const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
  expect(stderr).not.toContain('EPIPE');
  expect(stderr).not.toMatch(/\n\s+at /);
  expect(code).toBe(0);
});
