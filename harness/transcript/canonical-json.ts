/**
 * Canonical, diff-friendly JSON for transcripts: a fixed key order (a preferred list first, so a
 * frame line starts with its number, time and link; then alphabetical), no whitespace inside a
 * line, and one event per line, so a golden diff in a PR shows whole events.
 * Spec anchor: docs/architecture.md (canonical, diff-friendly JSON).
 * Guarantees: the text depends only on the values, never on insertion order; bigints are written
 * as decimal strings; `undefined` members are dropped (as JSON.stringify does); the output is
 * valid JSON that `JSON.parse` reads back to an equal transcript.
 */
import type { Transcript } from './types.js';

const PREFERRED_KEYS = [
  'transcriptVersion', 'harnessVersion', 'recordingVersion', 'scenarioId', 'seed', 'driver', 'mode', 'options',
  'seq', 'atMs', 'kind', 'phase', 'event', 'fault', 'frame', 'connection', 'index', 'node', 'source', 'target',
  'length', 'label', 'op', 'to', 'args', 'answer', 'resolveMe',
];
const RANK = new Map(PREFERRED_KEYS.map((k, i) => [k, i]));

function compareKeys(a: string, b: string): number {
  const ra = RANK.get(a);
  const rb = RANK.get(b);
  if (ra !== undefined || rb !== undefined) return (ra ?? Infinity) - (rb ?? Infinity) || (a < b ? -1 : a > b ? 1 : 0);
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * One value as canonical single-line JSON. Keys are sorted, except inside an operation view
 * (the object under a frame's `op` key): the wire layer already emits it in wire field order,
 * and struct keys there must stay in wire order, because that order is itself a conformance fact
 * (Syrup vs endo struct key order, harness/ocapn/README.md).
 */
export function canonicalStringify(value: unknown, sortKeys = true): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'bigint':
      return JSON.stringify(value.toString());
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : 'null';
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalStringify(v, sortKeys))).join(',')}]`;
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record).filter((k) => record[k] !== undefined);
      if (sortKeys) keys.sort(compareKeys);
      const member = (k: string): string => {
        const keepOrder = !sortKeys || (k === 'op' && typeof record[k] === 'object');
        return `${JSON.stringify(k)}:${canonicalStringify(record[k], !keepOrder)}`;
      };
      return `{${keys.map(member).join(',')}}`;
    }
    default:
      throw new TypeError(`canonicalStringify: cannot write a ${typeof value}`);
  }
}

/** The whole transcript: top-level sections one per line, then one event per line. */
export function transcriptToText(t: Transcript): string {
  const lines = [
    '{',
    `"header":${canonicalStringify(t.header)},`,
    `"nodes":${canonicalStringify(t.nodes)},`,
    `"links":${canonicalStringify(t.links)},`,
    `"outcome":${canonicalStringify(t.outcome)},`,
    '"events":[',
    ...t.events.map((e, i) => canonicalStringify(e) + (i < t.events.length - 1 ? ',' : '')),
    ']',
    '}',
  ];
  return lines.join('\n') + '\n';
}

export function transcriptFromText(text: string): Transcript {
  return JSON.parse(text) as Transcript;
}

/** Splits transcript text into its event lines (without trailing commas), for line-level diffs. */
export function eventLines(text: string): string[] {
  const lines = text.split('\n');
  const start = lines.indexOf('"events":[');
  if (start < 0) return [];
  const out: string[] = [];
  for (let i = start + 1; i < lines.length && lines[i] !== ']'; i++) out.push(lines[i].replace(/,$/, ''));
  return out;
}
