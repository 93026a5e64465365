/**
 * Transcript validation against fixtures/schemas/transcript.schema.json (ajv 8, draft-07): the
 * first gate every recorded run passes before goldens or checkers look at it. The schema states
 * every operation's wire form, so a malformed op view fails here with its JSON pointer.
 * Spec anchor: fixtures/schemas/transcript.schema.json; the CapTP draft's operations.
 * Guarantees: the schema is compiled once per process; errors name the JSON pointer, the event's
 * frame number when there is one, and what was expected. Node only (reads the schema file).
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { readFileSync } from 'node:fs';
import type { Transcript } from './types.js';

export const TRANSCRIPT_SCHEMA_URL = new URL('../../fixtures/schemas/transcript.schema.json', import.meta.url);

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  if (!compiled) {
    const schema = JSON.parse(readFileSync(TRANSCRIPT_SCHEMA_URL, 'utf8')) as object;
    compiled = new Ajv({ allErrors: false, strict: false }).compile(schema);
  }
  return compiled;
}

export interface SchemaProblem {
  /** JSON pointer into the transcript, e.g. `/events/41/op/answer`. */
  pointer: string;
  message: string;
  /** The event it is in, e.g. ` (frame 17, op:deliver)`; empty outside events. */
  where: string;
}

export interface ValidationResult {
  ok: boolean;
  problems: SchemaProblem[];
  /** The deepest failing pointer and what was expected there:
   * `/events/4/op/answer: must be integer; …; must be equal to constant (frame 2, op:deliver)`. */
  text: string;
}

function describe(transcript: unknown, e: ErrorObject): SchemaProblem {
  const m = /^\/events\/(\d+)/.exec(e.instancePath);
  let where = '';
  if (m) {
    const event = (transcript as Transcript).events?.[Number(m[1])] as unknown as Record<string, unknown> | undefined;
    const op = (event?.op as { op?: unknown } | undefined)?.op;
    if (event?.kind === 'frame') where = ` (frame ${String(event.frame)}${typeof op === 'string' ? `, ${op}` : ''})`;
    else if (event) where = ` (${String(event.kind)} event ${String(event.seq)})`;
  }
  const params = e.keyword === 'enum' ? `: ${JSON.stringify((e.params as { allowedValues: unknown[] }).allowedValues)}` : e.keyword === 'additionalProperties' ? `: "${(e.params as { additionalProperty: string }).additionalProperty}"` : '';
  return { pointer: e.instancePath || '/', message: `${e.message ?? e.keyword}${params}`, where };
}

/** Validates a transcript (or anything claiming to be one). */
export function validateTranscript(transcript: unknown): ValidationResult {
  const validate = validator();
  if (validate(transcript)) return { ok: true, problems: [], text: '' };
  const problems = (validate.errors ?? []).map((e) => describe(transcript, e));
  // ajv reports the whole chain (leaf, then each enclosing if/then); the deepest pointer is
  // where the data is wrong, and its alternatives together say what was expected there.
  const deepest = problems.reduce((a, b) => (b.pointer.length > a.pointer.length ? b : a));
  const here = [...new Set(problems.filter((p) => p.pointer === deepest.pointer).map((p) => p.message))];
  return { ok: false, problems, text: `${deepest.pointer}: ${here.join('; ')}${deepest.where}` };
}
