/**
 * Goal: what is not a scenario text, or is far too big, is refused before it can flood a terminal
 * or produce a 50 MB transcript: a binary file gets "not a YAML text file" and at most one short
 * line of it; the documented limits (file size, nodes, kickoffs, sends) give clear errors.
 * Method: the real loader over a binary file written to a temp folder, and generated texts.
 */
import { test, expect } from '@playwright/test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { formatErrorLine } from '../../../harness/scenario/errors.js';
import { loadScenario, parseScenario } from '../../../harness/scenario/load.js';
import { LIMITS } from '../../../harness/scenario/vocabulary.js';

function errorsOf(result: ReturnType<typeof parseScenario>): string[] {
  return result.errors ? result.errors.map(formatErrorLine) : [];
}

test('a binary file is "not a YAML text file", quoted by at most one short line', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ocapn-scenario-'));
  const file = path.join(dir, 'program.yaml');
  const bytes = new Uint8Array(3000);
  bytes.set([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]);
  for (let i = 8; i < bytes.length; i++) bytes[i] = (i * 37) % 256;
  writeFileSync(file, bytes);
  const errors = errorsOf(loadScenario(file));
  expect(errors).toHaveLength(1);
  expect(errors[0]).toMatch(/^.*program\.yaml:1:1: not a YAML text file \(binary content; it starts ".*"\)$/);
  expect(errors[0].length).toBeLessThan(200);
});

const header = (nodes: string) => `id: big\ntitle: big\ntopology:\n  nodes:\n${nodes}`;

test('a file over the size limit is refused with its size and the limit', () => {
  const text = header('    alice: {}\n') + `description: "${'x'.repeat(LIMITS.fileBytes)}"\n`;
  expect(errorsOf(parseScenario(text, 'big.yaml'))).toEqual([`big.yaml:1:1: the file is ${Math.ceil(text.length / 1024)} KB; a scenario file may be at most ${LIMITS.fileBytes / 1024} KB`]);
});

test('too many nodes, kickoffs or sends are semantic errors at their keys', () => {
  const nodes = Array.from({ length: LIMITS.nodes + 1 }, (_, i) => `    n${i}:\n      apps: { echo: { app: echo } }\n`).join('');
  const kickoffs = Array.from({ length: LIMITS.kickoffs + 1 }, (_, i) => `  - { name: k${i}, from: n0, target: n1.echo, method: say, count: 10 }\n`).join('');
  const errors = errorsOf(parseScenario(`${header(nodes)}kickoffs:\n${kickoffs}`, 'big.yaml'));
  expect(errors).toEqual([
    `big.yaml:4:3: topology.nodes: ${LIMITS.nodes + 1} nodes; a scenario may have at most ${LIMITS.nodes}`,
    `big.yaml:${7 + 2 * LIMITS.nodes}:1: kickoffs: ${LIMITS.kickoffs + 1} kickoffs; a scenario may have at most ${LIMITS.kickoffs}`,
    `big.yaml:${7 + 2 * LIMITS.nodes}:1: kickoffs: ${(LIMITS.kickoffs + 1) * 10} sends (the sum of the kickoffs' counts); a scenario may make at most ${LIMITS.sends}`,
  ]);
});
