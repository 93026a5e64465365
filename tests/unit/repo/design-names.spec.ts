/**
 * Goal: outside the flush registry (harness/ocapn/flush/) no code tells designs apart by name: a
 * design's behaviour differs only through the facts it declares (harness/ocapn/design-facts.ts),
 * so a new design is its module, its registry line and a test — not a hunt for compares.
 * Method: parse every tracked harness/ source with the TypeScript compiler and report a design
 * name (or its feature `op:flush/<design>`) written as a string where code decides by it: either
 * side of ==/!=, a `case`, the argument of includes/has/indexOf, a branch of `?:` (a default
 * written as a name), or an array of design names.
 * Values (a default plan's `flush: 'receiver-initiated'`), prose and help text are no decisions.
 * `none` is also a framing and a golden mode: it counts only when the other side names a flush
 * or design. The scanner is shown finding planted compares first.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import ts from 'typescript';
import { FLUSH_DESIGN_NAMES } from '../../../harness/ocapn/flush/designs.js';
import { ROOT } from './_imports.js';

const NAMES = new Set<string>(FLUSH_DESIGN_NAMES);
const FEATURES = new Set(FLUSH_DESIGN_NAMES.map((n) => `op:flush/${n}`));
const COMPARES = new Set([ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken]);
const LOOKUPS = new Set(['includes', 'has', 'indexOf']);

const isText = (n: ts.Node): n is ts.StringLiteral | ts.NoSubstitutionTemplateLiteral => ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n);

/** `none` decides a design only against something that names a flush or design. */
const aboutDesigns = (name: string, other: ts.Node, file: ts.SourceFile): boolean => name !== 'none' || /flush|design/i.test(other.getText(file));

/** Where `literal` (a design name or feature) makes a decision, the code that decides; else undefined. */
function decision(literal: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral, file: ts.SourceFile): ts.Node | undefined {
  const name = literal.text;
  const parent = literal.parent;
  if (ts.isBinaryExpression(parent) && COMPARES.has(parent.operatorToken.kind)) {
    return aboutDesigns(name, parent.left === literal ? parent.right : parent.left, file) ? parent : undefined;
  }
  if (ts.isCaseClause(parent)) return aboutDesigns(name, parent.parent.parent.expression, file) ? parent : undefined;
  if (ts.isCallExpression(parent) && ts.isPropertyAccessExpression(parent.expression) && LOOKUPS.has(parent.expression.name.text)) {
    return aboutDesigns(name, parent.expression.expression, file) ? parent : undefined;
  }
  // A design chosen by a condition (a default written as a name).
  if (ts.isConditionalExpression(parent) && parent.condition !== literal && NAMES.has(name)) {
    const other = parent.whenTrue === literal ? parent.whenFalse : parent.whenTrue;
    return name !== 'none' || (isText(other) && NAMES.has(other.text)) ? parent : undefined;
  }
  // A list of designs (feature lists are a driver's declarations, not decisions).
  if (ts.isArrayLiteralExpression(parent) && NAMES.has(name)) {
    return parent.elements.some((e) => isText(e) && NAMES.has(e.text) && e.text !== 'none') ? parent : undefined;
  }
  return undefined;
}

/** `file:line: code` for every decision by design name in `source`. */
function designDecisions(fileName: string, source: string): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true);
  const out = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (isText(node) && (NAMES.has(node.text) || FEATURES.has(node.text))) {
      const at = decision(node, file);
      if (at) out.add(`${fileName}:${file.getLineAndCharacterOfPosition(at.getStart(file)).line + 1}: ${at.getText(file).replace(/\s+/g, ' ').slice(0, 120)}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return [...out];
}

test('the scanner finds planted compares and lists of design names, and leaves values and other nones alone', () => {
  const planted = [
    "const FENCED = ['shortener-initiated', 'marker'];",
    "const oldPathOpen = t.header.options.flush === 'marker' && strict;",
    "if (design !== 'receiver-initiated') return;",
    "if (FENCED.includes('marker-first-hop')) return;",
    "switch (plan.options.flush) { case 'none': break; }",
    "if (feature === 'op:flush/receiver-initiated') return;",
    "const flush = flushes ? 'receiver-initiated' : 'none';",
    // Not decisions:
    "const plan = { options: { flush: 'receiver-initiated' } };",
    "const label = framed ? 'length' : 'none';",
    "if (mode === 'none') return;",
    "const framings = ['length', 'none'];",
    "const features = ['op:flush', 'op:flush/receiver-initiated'];",
  ].join('\n');
  expect(designDecisions('planted.ts', planted)).toEqual([
    "planted.ts:1: ['shortener-initiated', 'marker']",
    "planted.ts:2: t.header.options.flush === 'marker'",
    "planted.ts:3: design !== 'receiver-initiated'",
    "planted.ts:4: FENCED.includes('marker-first-hop')",
    "planted.ts:5: case 'none': break;",
    "planted.ts:6: feature === 'op:flush/receiver-initiated'",
    "planted.ts:7: flushes ? 'receiver-initiated' : 'none'",
  ]);
});

test('no harness code outside harness/ocapn/flush/ decides by a design name', () => {
  const files = execFileSync('git', ['ls-files', 'harness'], { cwd: ROOT, encoding: 'utf8' })
    .split('\n')
    .filter((f) => f.endsWith('.ts') && !f.startsWith('harness/ocapn/flush/'));
  expect(files.length).toBeGreaterThan(100);
  const found = files.flatMap((f) => designDecisions(f, readFileSync(path.join(ROOT, f), 'utf8')));
  expect(found).toEqual([]);
});
