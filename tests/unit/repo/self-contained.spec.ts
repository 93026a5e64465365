/**
 * Goal: the repository is the whole project. A clone with nothing beside it must run its tests
 * and follow its own references, so no tracked file may reach outside the repository (a
 * parent-folder path into the old sibling `shared` folder), name a `shared/` folder, cite a
 * working document that is not in the repository, or point at an issue number that only makes
 * sense on one tracker.
 * Method: scan every tracked file (`git ls-files`, package-lock.json aside) with
 * `findStrayReferences`; the rules themselves are shown failing on small made-up files first.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const SELF = 'tests/unit/repo/self-contained.spec.ts';

/** Working documents the project was once written against; a citation must resolve in the repo. */
const DOC_NAMES = [
  'design.md',
  'checks.md',
  'ocapn-protocol.md',
  'toolchain.md',
  'style.md',
  'kernel-lessons.md',
  'anchors.md',
  'bench-corpus.md',
  'external-implementations.md',
  'DRIVERS.md',
  'INTERPRETING.md',
];

export interface StrayReference {
  file: string;
  line: number;
  rule: string;
  text: string;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Every line of `files` that breaks a rule; `tracked` is the list of files in the repository. */
export function findStrayReferences(files: ReadonlyArray<{ path: string; text: string }>, tracked: readonly string[]): StrayReference[] {
  const present = new Set(tracked.map((f) => path.posix.basename(f)));
  const missingDocs = DOC_NAMES.filter((d) => !present.has(d));
  const rules: Array<{ rule: string; pattern: RegExp }> = [
    { rule: 'reaches outside the repository', pattern: /\.\.\/shared\b/ },
    { rule: 'names a shared/ folder', pattern: /(^|[^\w./-])shared\/[\w.-]/ },
    { rule: 'cites a document that is not in the repository', pattern: new RegExp(`(^|[^\\w.-])(${missingDocs.map(escape).join('|') || '(?!)'})`) },
    { rule: 'cites an issue number', pattern: /\bissues? #?\d+\b/i },
  ];
  const found: StrayReference[] = [];
  for (const file of files) {
    file.text.split('\n').forEach((text, i) => {
      for (const { rule, pattern } of rules) {
        if (pattern.test(text)) found.push({ file: file.path, line: i + 1, rule, text: text.trim() });
      }
    });
  }
  return found;
}

test('the rules catch each kind of stray reference', () => {
  const files = [
    // Built from pieces so that a scan of the repository (this file included) finds none of them.
    { path: 'a.ts', text: `const v = '${['..', 'shared', 'vectors', 'x.json'].join('/')}';` },
    { path: 'b.md', text: `see \`${['shared', 'checks.md'].join('/')}\`` },
    { path: 'c.ts', text: ` * Spec anchor: ${['design', 'md'].join('.')} §2; ${['style', 'md'].join('.')} "Our house".` },
    { path: 'd.ts', text: `// Free-run mode (${['issue', '5'].join(' ')}): real timers` },
    { path: 'e.ts', text: `// fine: harness/checks/README.md, SharedArrayBuffer, ${['tissue', '5'].join(' ')}, docs/architecture.md` },
  ];
  const found = findStrayReferences(files, ['e.ts', 'harness/checks/README.md', 'docs/architecture.md']);
  expect(found.map((f) => `${f.file}:${f.rule}`)).toEqual([
    'a.ts:reaches outside the repository',
    'b.md:names a shared/ folder',
    'b.md:cites a document that is not in the repository',
    'c.ts:cites a document that is not in the repository',
    'd.ts:cites an issue number',
  ]);
});

test('a document name that exists in the repository may be cited', () => {
  const files = [{ path: 'x.ts', text: '// see design.md' }];
  expect(findStrayReferences(files, ['x.ts'])).toHaveLength(1);
  expect(findStrayReferences(files, ['x.ts', 'docs/design.md'])).toHaveLength(0);
});

test('no tracked file reaches outside the repository or cites what it does not hold', () => {
  test.skip(!existsSync(path.join(ROOT, '.git')), 'not a git checkout: nothing to list');
  const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' })
    .split('\0')
    .filter((f) => f !== '' && f !== SELF && path.posix.basename(f) !== 'package-lock.json');
  const files = tracked
    .filter((f) => existsSync(path.join(ROOT, f)))
    .map((f) => ({ path: f, text: readFileSync(path.join(ROOT, f), 'utf8') }));
  expect(files.length).toBeGreaterThan(100);
  const found = findStrayReferences(files, tracked).map((f) => `${f.file}:${f.line}: ${f.rule}: ${f.text}`);
  expect(found, found.join('\n')).toEqual([]);
});
