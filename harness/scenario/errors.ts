/**
 * Scenario errors: `file:line:col: message`, then a 1–3 line code frame with a caret.
 * Point of view: the author at a terminal or in VS Code (the first line is clickable).
 * Phases say when the error was found: scan (YAML syntax, includes), schema (JSON Schema), semantic
 * (names and references that the schema cannot see). A file's errors of one phase are all
 * collected before returning; later phases do not run on a file with errors.
 */
import type { LineCounter } from 'yaml';

export type ErrorPhase = 'scan' | 'schema' | 'semantic';

export interface ScenarioError {
  phase: ErrorPhase;
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  col: number;
  /** Without the location: `steps[2].kill: unknown node "bobb"; did you mean "bob"?`. */
  message: string;
  /** Code frame lines (may be empty when the file has no text, e.g. it could not be read). */
  frame: string;
}

/** One parsed text: what errors need to print a location and a frame. */
export interface SourceText {
  file: string;
  text: string;
  lines: LineCounter;
}

/** Where a value or key sits: a source and a character offset into its text. */
export interface SourcePoint {
  source: SourceText;
  offset: number;
}

export function makeError(phase: ErrorPhase, point: SourcePoint, message: string): ScenarioError {
  const { line, col } = point.source.lines.linePos(point.offset);
  return { phase, file: point.source.file, line, col, message, frame: makeCodeFrame(point.source.text, line, col) };
}

/** An error with no place in any text (an unreadable file): 1:1, no frame. */
export function makeFileError(phase: ErrorPhase, file: string, message: string): ScenarioError {
  return { phase, file, line: 1, col: 1, message, frame: '' };
}

/** The previous line (when there is one) for context, the offending line, and a caret line. */
export function makeCodeFrame(text: string, line: number, col: number): string {
  const lines = text.split(/\r?\n/);
  const first = Math.max(1, line - 1);
  const width = String(line).length;
  const out: string[] = [];
  for (let n = first; n <= line && n <= lines.length; n++) {
    const marker = n === line ? '>' : ' ';
    out.push(`${marker} ${String(n).padStart(width)} | ${lines[n - 1]}`);
  }
  if (line <= lines.length) out.push(`  ${' '.repeat(width)} | ${' '.repeat(Math.max(0, col - 1))}^`);
  return out.join('\n');
}

export function formatErrorLine(error: ScenarioError): string {
  return `${error.file}:${error.line}:${error.col}: ${error.message}`;
}

export function formatError(error: ScenarioError): string {
  return error.frame ? `${formatErrorLine(error)}\n${error.frame}` : formatErrorLine(error);
}

/** Sorted by file, then position; exact duplicates (same place, same message) dropped. */
export function sortErrors(errors: ScenarioError[]): ScenarioError[] {
  const seen = new Set<string>();
  const unique = errors.filter((e) => {
    const key = formatErrorLine(e);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return unique.sort((a, b) => (a.file === b.file ? a.line - b.line || a.col - b.col : a.file < b.file ? -1 : 1));
}

/** `steps[2].flush.export` from `['steps', 2, 'flush', 'export']`; the root is `scenario`. */
export function formatPath(path: readonly (string | number)[]): string {
  if (path.length === 0) return 'scenario';
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number' || /^\d+$/.test(segment)) out += `[${segment}]`;
    else if (/^[A-Za-z_][\w-]*$/.test(segment)) out += out ? `.${segment}` : segment;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

/** A value as an error shows it after `got`: strings quoted, containers by kind. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  if (typeof value === 'string') return JSON.stringify(value);
  return String(value);
}
