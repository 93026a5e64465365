/**
 * Goal: `goblins setup` downloads from this machine's own Debian mirror, under a private APT
 * configuration that keeps lists and cache in the folder and adds only trixie and sid; the
 * pinned versions are the ones the driver was measured with; a folder without Goblins is
 * reported with what to run. Method: the pure parts on literal inputs (no network, no apt).
 */
import { test, expect } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { aptConfig, PINNED, systemMirror } from '../../../harness/drivers/goblins/setup.js';
import { goblinsInstallAt } from '../../../harness/drivers/goblins/install.js';

test('goblins setup - the mirror comes from deb822 sources, skipping security suites', () => {
  const sources = [
    { file: '/etc/apt/sources.list.d/debian.sources', text: 'Types: deb\nURIs: http://mirror.example/debian-security\nSuites: bookworm-security\n\nTypes: deb\nURIs: http://mirror.example/debian\nSuites: bookworm bookworm-updates\n' },
  ];
  expect(systemMirror(sources)).toBe('http://mirror.example/debian');
});

test('goblins setup - the mirror comes from a one-line sources.list too; none found is undefined', () => {
  expect(systemMirror([{ file: '/etc/apt/sources.list', text: '# x\ndeb [arch=amd64] http://m.example/debian bookworm main\n' }])).toBe('http://m.example/debian');
  expect(systemMirror([{ file: '/etc/apt/sources.list', text: 'deb http://m.example/debian-security bookworm-security main\n' }])).toBeUndefined();
  expect(systemMirror([])).toBeUndefined();
});

test('goblins setup - the private APT configuration lists only trixie and sid and keeps its state in the folder', () => {
  const { sourcesList, aptConf } = aptConfig('/f/apt', 'http://m.example/debian');
  expect(sourcesList.trim().split('\n').map((l) => l.replace(/\[[^\]]*\] /, ''))).toEqual(['deb http://m.example/debian trixie main', 'deb http://m.example/debian sid main']);
  expect(aptConf).toContain('Dir::State::lists "/f/apt/lists";');
  expect(aptConf).toContain('Dir::Cache "/f/apt/cache";');
  expect(aptConf).toContain('Dir::Etc::sourceparts "-";');
});

test('goblins setup - the pinned packages are the measured ones', () => {
  expect(PINNED.map((p) => `${p.name}=${p.version}@${p.suite}`)).toEqual(['guile-goblins=0.18.0-2@sid', 'guile-fibers=1.4.3-1@sid', 'guile-websocket=0.3.0-2@sid', 'guile-gnutls=4.0.1-2@trixie']);
});

test('goblins install - an empty folder says which command fills it', () => {
  const folder = mkdtempSync(join(tmpdir(), 'goblins-empty-'));
  const install = goblinsInstallAt(folder);
  expect(install.problem).toContain('no goblins.scm');
  expect(install.problem).toContain(`goblins setup ${folder}`);
});
