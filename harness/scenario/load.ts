/**
 * Scenario loader: YAML file → Plan, or every error found, as `file:line:col: message` + frame.
 * Phases run in order and stop at the first phase with errors, because later phases would only
 * repeat them in other words: scan (YAML syntax, include: files), schema, semantic.
 * Includes: `include:` paths are relative to the including file; fragments may include others;
 * maps merge key by key, collecting lists append, the including file wins (source.ts `mergeLocated`).
 * Pure except for reading files, which goes through `readText` so tests can feed text directly.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ScenarioDoc } from './doc.js';
import { makeError, makeFileError, sortErrors, type ErrorPhase, type ScenarioError } from './errors.js';
import { makePlan } from './normalise.js';
import type { Plan } from './plan.js';
import { checkSchema } from './schema-check.js';
import { checkSemantics } from './semantic.js';
import { findOrigin } from './origins.js';
import { mergeLocated, parseYamlText, type Located } from './source.js';
import { LIMITS } from './vocabulary.js';

export type LoadResult = { plan: Plan; errors?: undefined } | { plan?: undefined; errors: ScenarioError[]; phase: ErrorPhase };

/** Reads a file's text, or throws (the message becomes the error). */
export type ReadText = (file: string) => string;

const readFromDisk: ReadText = (file) => readFileSync(file, 'utf8');

export function loadScenario(file: string, readText: ReadText = readFromDisk): LoadResult {
  let text: string;
  try {
    text = readText(file);
  } catch (error) {
    return { errors: [makeFileError('scan', file, `cannot read the file (${describeReadError(error)})`)], phase: 'scan' };
  }
  return parseScenario(text, file, readText);
}

export function parseScenario(text: string, file: string, readText: ReadText = readFromDisk): LoadResult {
  const includes: string[] = [];
  const scanned = scanWithIncludes(text, file, readText, [file], includes);
  if (scanned.errors.length > 0) return { errors: sortErrors(scanned.errors), phase: 'scan' };
  const schemaErrors = checkSchema(scanned.located);
  if (schemaErrors.length > 0) return { errors: sortErrors(schemaErrors), phase: 'schema' };
  const doc = scanned.located.data as ScenarioDoc;
  const semanticErrors = checkSemantics(doc, scanned.located.origins);
  if (semanticErrors.length > 0) return { errors: sortErrors(semanticErrors), phase: 'semantic' };
  return { plan: makePlan(doc, scanned.located.origins, { file, includes }) };
}

interface Scanned {
  located: Located;
  errors: ScenarioError[];
}

/** Parses `text`, then its fragments (depth first, in order), and overlays the text on them. */
function scanWithIncludes(text: string, file: string, readText: ReadText, chain: string[], includes: string[]): Scanned {
  const refused = checkText(text, file);
  if (refused) return { located: parseYamlText('{}', file).located, errors: [refused] };
  const parsed = parseYamlText(text, file);
  if (parsed.errors.length > 0) return parsed;
  const data = parsed.located.data;
  const raw = data !== null && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>).include : undefined;
  const list = typeof raw === 'string' ? [raw] : Array.isArray(raw) ? raw : [];
  const errors: ScenarioError[] = [];
  let base: Located | undefined;
  list.forEach((entry, index) => {
    // Wrong shapes are the schema's to report, with the merged data.
    if (typeof entry !== 'string') return;
    const at = findOrigin(parsed.located.origins, typeof raw === 'string' ? ['include'] : ['include', index]).value;
    const fragmentFile = path.join(path.dirname(file), entry);
    if (chain.includes(fragmentFile)) {
      errors.push(makeError('scan', at, `include cycle: ${[...chain, fragmentFile].join(' → ')}`));
      return;
    }
    let fragmentText: string;
    try {
      fragmentText = readText(fragmentFile);
    } catch (error) {
      errors.push(makeError('scan', at, `cannot include "${entry}": ${describeReadError(error)}`));
      return;
    }
    includes.push(fragmentFile);
    const fragment = scanWithIncludes(fragmentText, fragmentFile, readText, [...chain, fragmentFile], includes);
    errors.push(...fragment.errors);
    base = base ? mergeLocated(base, fragment.located) : fragment.located;
  });
  return { located: base ? mergeLocated(base, parsed.located) : parsed.located, errors };
}

/**
 * Refuses what is not a scenario text before YAML sees it: a binary file (NUL bytes or bytes that
 * are not UTF-8), or a file over the size limit. The message quotes at most one short line.
 */
export function checkText(text: string, file: string): ScenarioError | undefined {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (looksBinary(text)) {
    const firstLine = text.split(/\r?\n/, 1)[0];
    const shown = JSON.stringify(firstLine.length > 40 ? `${firstLine.slice(0, 40)}…` : firstLine);
    return makeFileError('scan', file, `not a YAML text file (binary content; it starts ${shown})`);
  }
  if (bytes > LIMITS.fileBytes) {
    return makeFileError('scan', file, `the file is ${Math.ceil(bytes / 1024)} KB; a scenario file may be at most ${LIMITS.fileBytes / 1024} KB`);
  }
  return undefined;
}

/** NUL, U+FFFD (bytes that were not UTF-8) or C0 controls other than whitespace (tab, newline, CR,
 * form feed, vertical tab): no YAML text has them. */
function looksBinary(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0 || code === 0xfffd) return true;
    if (i < 4096 && code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d && code !== 0x0c && code !== 0x0b) return true;
  }
  return false;
}

function describeReadError(error: unknown): string {
  const code = (error as { code?: string }).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'it is a directory';
  return code ?? (error as Error).message ?? String(error);
}
