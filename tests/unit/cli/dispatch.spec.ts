/**
 * Goal: the `ocapn-conformance` binary routes commands and fails clearly on unknown ones.
 * Method: spawn the real bin (tsx loader included) and check exit codes and wording.
 */
import { test, expect } from '@playwright/test';
import { spawnSync } from 'node:child_process';

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
