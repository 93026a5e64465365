/**
 * YAML text → plain data plus an origin tree that remembers where every key and value came from,
 * so schema and semantic errors (which speak JSON paths) can point at a line and column.
 * Spec anchor: YAML 1.2 core schema via the `yaml` package (its `LineCounter` gives positions).
 * Guarantees: the data has only JSON types; the origin tree mirrors it key for key, including
 * values merged in from include: fragments (which keep their own file).
 */
import { LineCounter, isAlias, isMap, isScalar, isSeq, parseDocument, type Document, type Node as YamlNode } from 'yaml';
import { makeError, type ScenarioError, type SourcePoint, type SourceText } from './errors.js';
import type { OriginTree } from './origins.js';

export interface Located {
  data: unknown;
  origins: OriginTree;
}

export interface ParsedText {
  located: Located;
  errors: ScenarioError[];
}

/** Parses one file. Syntax errors come back as scan errors; the data is then unreliable. */
export function parseYamlText(text: string, file: string): ParsedText {
  const lines = new LineCounter();
  const source: SourceText = { file, text, lines };
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const errors = doc.errors.map((e) => makeError('scan', { source, offset: e.pos[0] }, scanMessage(e.code, e.message)));
  const located = toLocated(doc.contents as YamlNode | null, source, doc, 0);
  return { located, errors };
}

/** The `yaml` package's messages are good; only the duplicate-key one gets our vocabulary. */
function scanMessage(code: string, message: string): string {
  if (code === 'DUPLICATE_KEY') return 'duplicate key: each key may appear once in a map';
  return `YAML syntax: ${message.replace(/\s+/g, ' ').trim()}`;
}

function toLocated(node: YamlNode | null, source: SourceText, doc: Document, fallback: number): Located {
  const here = (offset: number | undefined): SourcePoint => ({ source, offset: offset ?? fallback });
  if (node === null || node === undefined) {
    return { data: null, origins: { value: here(fallback), children: new Map() } };
  }
  const offset = node.range?.[0] ?? fallback;
  if (isAlias(node)) {
    // An alias stands for its anchor's value; errors inside it point at the alias, which is
    // where the author can act.
    const target = node.resolve(doc) as YamlNode | undefined;
    const resolved = toLocated(target ?? null, source, doc, offset);
    return { data: resolved.data, origins: { ...resolved.origins, value: here(offset) } };
  }
  if (isMap(node)) {
    const data: Record<string, unknown> = {};
    const children = new Map<string, OriginTree>();
    for (const pair of node.items) {
      const keyNode = pair.key as YamlNode | null;
      const key = isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
      const keyOffset = keyNode?.range?.[0] ?? offset;
      // `key:` with no value: point at the key, where the missing value belongs.
      const valueFallback = keyNode?.range?.[1] ?? keyOffset;
      const child = toLocated(pair.value as YamlNode | null, source, doc, valueFallback);
      data[key] = child.data;
      children.set(key, { ...child.origins, key: here(keyOffset) });
    }
    return { data, origins: { value: here(offset), children } };
  }
  if (isSeq(node)) {
    const data: unknown[] = [];
    const children = new Map<string, OriginTree>();
    node.items.forEach((item, index) => {
      const child = toLocated(item as YamlNode | null, source, doc, offset);
      data.push(child.data);
      children.set(String(index), child.origins);
    });
    return { data, origins: { value: here(offset), children } };
  }
  if (isScalar(node)) {
    return { data: toJsonScalar(node.value), origins: { value: here(offset), children: new Map() } };
  }
  return { data: null, origins: { value: here(offset), children: new Map() } };
}

/** The core schema yields only JSON-ish scalars; anything else (bigint) becomes a number. */
function toJsonScalar(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value);
  return value;
}

function isPlainMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Lists that collect things (named calls, steps, links): a fragment's come first. */
const APPENDED = new Set(['features', 'topology.links', 'kickoffs', 'steps', 'expect.sometimes', 'expect.marks']);
/** Of those, the ones that are sets: an entry both files list is kept once. */
const SETS = new Set(['features', 'expect.marks']);

function appendLocated(base: Located, over: Located, asSet: boolean): Located {
  const data = [...(base.data as unknown[])];
  const children = new Map(base.origins.children);
  (over.data as unknown[]).forEach((item, index) => {
    if (asSet && data.includes(item)) return;
    children.set(String(data.length), over.origins.children.get(String(index))!);
    data.push(item);
  });
  return { data, origins: { ...over.origins, children } };
}

/**
 * Overlay `over` on `base`: maps merge key by key (recursively); the collecting lists above are
 * appended; anything else in `over` replaces `base`. Two maps are choices rather than collections and are replaced whole: a latency model
 * (merging {fixedMs} with {uniformMs} would give both) and an app (config keys of one app mean
 * nothing to another). Key order: base's keys first, then new keys of `over`, so merged scenarios
 * read in the fragment's order. The origin tree follows the data.
 */
export function mergeLocated(base: Located, over: Located, path: readonly string[] = []): Located {
  const dotted = path.join('.');
  if (Array.isArray(base.data) && Array.isArray(over.data) && APPENDED.has(dotted)) {
    return appendLocated(base, over, SETS.has(dotted));
  }
  if (!isPlainMap(base.data) || !isPlainMap(over.data)) return over;
  const last = path[path.length - 1];
  if (last === 'latency' || path[path.length - 2] === 'apps') return over;
  const data: Record<string, unknown> = { ...base.data };
  const children = new Map(base.origins.children);
  for (const [key, value] of Object.entries(over.data)) {
    const overTree = over.origins.children.get(key)!;
    const baseTree = base.origins.children.get(key);
    if (key in base.data && baseTree) {
      const merged = mergeLocated({ data: base.data[key], origins: baseTree }, { data: value, origins: overTree }, [...path, key]);
      data[key] = merged.data;
      children.set(key, merged.origins);
    } else {
      data[key] = value;
      children.set(key, overTree);
    }
  }
  return { data, origins: { ...over.origins, children } };
}
