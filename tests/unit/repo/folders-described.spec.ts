/**
 * Goal: docs/architecture.md describes every folder under harness/, so the map a reader starts
 * from matches the code (a folder added without a line there fails here).
 * Method: list the folders holding tracked files; each top-level one needs a row in the "Folders"
 * table; a nested one needs its own row or its name (`name/`) in its parent's row — except
 * harness/ocapn/'s sub-layers, which its README's "Layers" table describes. The reader is shown
 * failing on a made-up folder first.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { ROOT } from './_imports.js';

/** The rows of the markdown table under `heading`: first cell (unquoted) → the whole row. */
function tableRows(markdown: string, heading: string): Map<string, string> {
  const section = markdown.split(/^## /m).find((s) => s.startsWith(heading)) ?? '';
  const rows = new Map<string, string>();
  for (const line of section.split('\n')) {
    const cell = /^\|\s*`([^`]+)`/.exec(line)?.[1];
    if (cell) rows.set(cell, line);
  }
  return rows;
}

function undescribed(folders: readonly string[], architecture: string, ocapnReadme: string): string[] {
  const rows = tableRows(architecture, 'Folders');
  const layers = tableRows(ocapnReadme, 'Layers');
  return folders.filter((folder) => {
    if (rows.has(`${folder}/`)) return false;
    const parent = path.posix.dirname(folder);
    const name = `\`${path.posix.basename(folder)}/\``;
    if (parent === 'harness') return true;
    if (parent === 'harness/ocapn') return !layers.has(`${path.posix.basename(folder)}/`);
    return !(rows.get(`${parent}/`) ?? '').includes(name);
  });
}

const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

test('a folder missing from the table is reported', () => {
  const doc = '## Folders\n\n| folder | what |\n|---|---|\n| `harness/sim/` | it, and `host/` |\n';
  expect(undescribed(['harness/sim', 'harness/sim/host', 'harness/sim/apps', 'harness/lab'], doc, '## Layers\n')).toEqual(['harness/sim/apps', 'harness/lab']);
});

test('docs/architecture.md describes every folder under harness/', () => {
  test.skip(!existsSync(path.join(ROOT, '.git')), 'not a git checkout: nothing to list');
  const files = execFileSync('git', ['ls-files', 'harness'], { cwd: ROOT, encoding: 'utf8' }).split('\n').filter(Boolean);
  const folders = [...new Set(files.map((f) => path.posix.dirname(f)).filter((d) => d !== 'harness'))].sort();
  expect(folders.length).toBeGreaterThan(20);
  expect(undescribed(folders, read('docs/architecture.md'), read('harness/ocapn/README.md'))).toEqual([]);
});
