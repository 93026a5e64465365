/**
 * Goal: `ocapn-conformance decode`/`encode` turn pasted bytes into JSON and back, and report
 * malformed input as one line with offset and rule, exit 1, never a stack trace.
 * Method: spawn the real bin (tsx loader included); assert stdout JSON, stderr and exit codes.
 */
import { test, expect } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { toHex } from '../../../harness/ocapn/syrup/index.js';

const cli = (args: string[], input?: string) =>
  spawnSync(process.execPath, ['harness/cli/bin.mjs', ...args], { encoding: 'utf8', input });
const hexOf = (text: string) => toHex(Buffer.from(text, 'latin1'));
const noStack = (s: string) => expect(s).not.toMatch(/\n\s+at /);

test('decode --hex prints the operation view of an op:deliver', () => {
  const r = cli(['decode', '--hex', hexOf(`<10'op:deliver<11'desc:export5+>[5'fetch3:abc]3+<18'desc:import-object2+>>`)]);
  expect(r.status).toBe(0);
  expect(JSON.parse(r.stdout)).toEqual({
    op: 'op:deliver',
    to: { export: 5 },
    args: [{ symbol: 'fetch' }, { bytes: '616263', ascii: 'abc' }],
    answer: 3,
    resolveMe: { importObject: 2 },
  });
});

test('decode --view typed prints the typed tree', () => {
  const r = cli(['decode', '--view', 'typed', '--hex', hexOf(`<8'op:abort7"explode>`)]);
  expect(r.status).toBe(0);
  expect(JSON.parse(r.stdout)).toEqual({
    type: 'record',
    label: { type: 'symbol', value: 'op:abort' },
    fields: [{ type: 'string', value: 'explode' }],
  });
});

test('decode of a non-op value falls back to the typed tree', () => {
  const r = cli(['decode', '--hex', hexOf('[1+2+]')]);
  expect(JSON.parse(r.stdout)).toEqual({ type: 'list', items: [{ type: 'int', value: '1' }, { type: 'int', value: '2' }] });
});

test('decode --framed splits <len>: frames into an array', () => {
  const r = cli(['decode', '--framed', '--hex', hexOf(`21:<8'op:abort7"explode>14:<8'op:flush7+>`)]);
  expect(r.status).toBe(0);
  expect(JSON.parse(r.stdout)).toEqual([
    { op: 'op:abort', reason: 'explode' },
    { op: 'op:flush', position: 7 },
  ]);
});

test('decode FILE reads raw bytes, back-to-back values become an array', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'codec-cli-'));
  const file = path.join(dir, 'stream.bin');
  writeFileSync(file, Buffer.from(`<13'op:gc-answers[1+]><8'op:abort2"no>`, 'latin1'));
  const r = cli(['decode', file]);
  expect(r.status).toBe(0);
  expect(JSON.parse(r.stdout)).toEqual([
    { op: 'op:gc-answers', answerPositions: [1] },
    { op: 'op:abort', reason: 'no' },
  ]);
});

test('decode of truncated bytes names offset and rule, exit 1, no stack', () => {
  const r = cli(['decode', '--hex', hexOf(`<8'op:abort7"exp`)]);
  expect(r.status).toBe(1);
  expect(r.stdout).toBe('');
  expect(r.stderr.trim()).toBe('decode: syrup truncated: input ends inside string of 7 bytes starting at byte 11 at byte 16');
  noStack(r.stderr);
});

test('decode of a leading zero names the rule', () => {
  const r = cli(['decode', '--hex', hexOf('01+')]);
  expect(r.status).toBe(1);
  expect(r.stderr).toContain('syrup leading-zero');
  expect(r.stderr).toContain('at byte 0');
});

test('decode of an op with a wrong field type prints the field path', () => {
  const r = cli(['decode', '--hex', hexOf(`<13'op:gc-exports[1+]2"ab>`)]);
  expect(r.status).toBe(1);
  expect(r.stderr.trim()).toBe('decode: op:gc-exports.wireDeltas: expected list, got string');
  noStack(r.stderr);
});

test('decode --framed with a trailing comma is a frame error', () => {
  const r = cli(['decode', '--framed', '--hex', hexOf('5:hello,')]);
  expect(r.status).toBe(1);
  expect(r.stderr).toContain('frame bad-prefix');
  noStack(r.stderr);
});

test('decode --dialect endo refuses -0', () => {
  const r = cli(['decode', '--dialect', 'endo', '--hex', '448000000000000000']);
  expect(r.status).toBe(1);
  expect(r.stderr).toContain('negative-zero-float');
});

test('decode without input prints usage and exits 2', () => {
  const r = cli(['decode']);
  expect(r.status).toBe(2);
  expect(r.stderr).toContain('usage: ocapn-conformance decode');
});

test('decode of non-hex says so', () => {
  const r = cli(['decode', '--hex', 'xyz']);
  expect(r.status).toBe(1);
  expect(r.stderr).toContain('not an even-length hex string');
});

test('encode reads a typed tree and prints canonical hex (dict sorted)', () => {
  const tree = {
    type: 'dict',
    entries: [
      [{ type: 'string', value: 'i' }, { type: 'int', value: '20' }],
      [{ type: 'string', value: '' }, { type: 'int', value: '10' }],
    ],
  };
  const r = cli(['encode'], JSON.stringify(tree));
  expect(r.status).toBe(0);
  expect(Buffer.from(r.stdout.trim(), 'hex').toString('latin1')).toBe(`{0"10+1"i20+}`);
});

test('encode --framed wraps the bytes in a frame; decode reverses it', () => {
  const tree = { type: 'record', label: { type: 'symbol', value: 'op:abort' }, fields: [{ type: 'string', value: 'explode' }] };
  const r = cli(['encode', '--framed'], JSON.stringify(tree));
  expect(Buffer.from(r.stdout.trim(), 'hex').toString('latin1')).toBe(`21:<8'op:abort7"explode>`);
  const back = cli(['decode', '--framed', '--view', 'typed', '--hex', r.stdout.trim()]);
  expect(JSON.parse(back.stdout)).toEqual(tree);
});

test('encode of a bad tree names the JSON path, exit 1, no stack', () => {
  const r = cli(['encode'], JSON.stringify({ type: 'list', items: [{ type: 'int', value: '1.5' }] }));
  expect(r.status).toBe(1);
  expect(r.stderr.trim()).toBe('encode: typed tree $.items[0]: int needs a decimal string value');
  noStack(r.stderr);
});

test('encode of non-JSON input says so', () => {
  const r = cli(['encode'], '{nope');
  expect(r.status).toBe(1);
  expect(r.stderr).toContain('encode: stdin is not JSON');
  noStack(r.stderr);
});
