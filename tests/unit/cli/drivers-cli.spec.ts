/**
 * Goal: `ocapn-conformance drivers` lists every driver with its features and stated gaps, and for
 * endo the checkout OCAPN_ENDO_PATH names and whether endo's client loads from it.
 * Method: the command's run() with captured I/O; OCAPN_ENDO_PATH unset, then a folder where
 * `@endo/ocapn` resolves but does not load (the probe must say no, with the import error).
 */
import { test, expect } from '@playwright/test';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../../harness/cli/commands/drivers.js';

async function drivers(argv: string[], endoPath?: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const saved = process.env.OCAPN_ENDO_PATH;
  if (endoPath === undefined) delete process.env.OCAPN_ENDO_PATH;
  else process.env.OCAPN_ENDO_PATH = endoPath;
  try {
    const io = { stdout: (t: string) => void (out += t + '\n'), stderr: (t: string) => void (err += t + '\n'), readStdin: async () => new Uint8Array() };
    const code = await run(argv, io);
    return { code, out, err };
  } finally {
    if (saved === undefined) delete process.env.OCAPN_ENDO_PATH;
    else process.env.OCAPN_ENDO_PATH = saved;
  }
}

test('drivers: every driver with features; endo says how to enable it', async () => {
  const { code, out } = await drivers([]);
  expect(code).toBe(0);
  expect(out).toContain('reference — conforming');
  expect(out).toMatch(/^endo — conforming$/m);
  // endo releases by collection now (the driver forces gc()); a missing feature still says why.
  expect(out).toMatch(/^endo — conforming\n {2}features: [^\n]*\bgc\b/m);
  expect(out).toMatch(/missing: transactional-turns \(endo sends what a method queued even when the method then throws/);
  expect(out).toContain('loads: no (endo driver: set OCAPN_ENDO_PATH to an endo checkout)');
  expect(out).toMatch(/flush-without-swap — mutant: /);
});

test('drivers --json: a checkout that resolves but does not load is reported with its commit and the error', async () => {
  const root = mkdtempSync(join(tmpdir(), 'endo-broken-'));
  const dir = join(root, 'node_modules', '@endo', 'ocapn');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: '@endo/ocapn', version: '0.0.1', type: 'module', exports: { '.': './index.js', './package.json': './package.json' } }));
  writeFileSync(join(root, 'ENDO_COMMIT'), 'feedbeef\n');
  const { code, out } = await drivers(['--json'], root);
  expect(code).toBe(0);
  // The column is named by the checkout's commit.
  const endo = (JSON.parse(out) as { name: string; checkout?: { commit?: string; version?: string; loads: boolean; detail: string } }[]).find((d) => d.name === 'endo@feedbeef')!;
  expect(endo.checkout).toMatchObject({ commit: 'feedbeef', version: '0.0.1', loads: false });
  expect(endo.checkout!.detail).toMatch(/@endo\/init|Cannot find/);
});

test('drivers: an unknown option is a usage error', async () => {
  const { code, err } = await drivers(['--nope']);
  expect(code).toBe(2);
  expect(err).toContain('usage: ocapn-conformance drivers');
});
