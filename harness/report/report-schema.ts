/**
 * Reading a conformance report back (reports/conformance.json): is it one, of which schema
 * version, and does it match fixtures/schemas/conformance.schema.json (ajv 8, draft-07). Used by
 * `diff` on its inputs and by the tests on what the reporter writes. Node only (reads the schema).
 */
import { Ajv, type ValidateFunction } from 'ajv';
import { readFileSync } from 'node:fs';
import { REPORT_SCHEMA, REPORT_VERSION, type Matrix } from './matrix-model.js';

export const REPORT_SCHEMA_URL = new URL('../../fixtures/schemas/conformance.schema.json', import.meta.url);

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  compiled ??= new Ajv({ allErrors: false, strict: false }).compile(JSON.parse(readFileSync(REPORT_SCHEMA_URL, 'utf8')) as object);
  return compiled;
}

export type ReadReport = { ok: true; report: Matrix } | { ok: false; problem: string };

/** Checks a parsed value: a report of this version, well-formed; else why not, in one line. */
export function checkReport(value: unknown): ReadReport {
  const o = value as { schema?: unknown; version?: unknown; cases?: unknown } | null;
  if (!o || typeof o !== 'object' || Array.isArray(o)) return { ok: false, problem: 'not a conformance report (not a JSON object)' };
  const looksOld = o.schema === undefined && typeof o.version === 'number' && Array.isArray(o.cases);
  if (o.schema !== REPORT_SCHEMA && !looksOld) return { ok: false, problem: `not a conformance report (no "schema": "${REPORT_SCHEMA}")` };
  if (o.version !== REPORT_VERSION) {
    return { ok: false, problem: `a conformance report of schema version ${JSON.stringify(o.version)}; this harness reads version ${REPORT_VERSION} (write it again with npm run conformance)` };
  }
  const validate = validator();
  if (!validate(value)) {
    const e = validate.errors?.[0];
    return { ok: false, problem: `not a valid conformance report: ${e?.instancePath || '/'} ${e?.message ?? 'does not match the schema'}` };
  }
  return { ok: true, report: value as Matrix };
}

/** Reads and checks a report file; a missing or unparsable file is a problem too. */
export function readReport(file: string): ReadReport {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return { ok: false, problem: `cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` };
  }
  try {
    return checkReport(JSON.parse(text));
  } catch (error) {
    return { ok: false, problem: `not a conformance report (not JSON: ${(error as Error).message})` };
  }
}
