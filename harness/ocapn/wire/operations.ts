/**
 * THE table of CapTP operations: one `defineOp` per wire form, fields in wire order.
 * Spec: CapTP draft "Operations"; flush forms and legacy labels: harness/ocapn/README.md.
 * From this table come the TS types (`OpDeliver` …, discriminant `type` = wire label), the codec
 * (`op-codec.ts`) and the operation view (`op-view.ts`).
 * Legacy and variant forms are listed too, because readers meet them: `op:deliver-only`,
 * 2- and 3-field `op:listen`, singular `op:gc-export`/`op:gc-answer` (Python suite: list
 * fields), and two `op:flush` shapes told apart by arity (harness/ocapn/README.md).
 */
import { bool, desc, falseOr, listOf, newAnswerPosition, passables, peer, position, positive, publicKey, signature, str, type FieldType } from './field-types.js';

/** `[name, type]` or `[name, type, 'optional']` (optional fields are trailing). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type FieldSpec = readonly [string, FieldType<any>] | readonly [string, FieldType<any>, 'optional'];

export interface OpDef<L extends string = string, F extends readonly FieldSpec[] = readonly FieldSpec[]> {
  readonly label: L;
  readonly fields: F;
  readonly minArity: number;
  /** Cross-field rule checked after every field read; returns a problem or undefined. */
  readonly check?: (op: Record<string, unknown>) => string | undefined;
}

export function defineOp<const L extends string, const F extends readonly FieldSpec[]>(
  label: L,
  fields: F,
  check?: (op: Record<string, unknown>) => string | undefined,
): OpDef<L, F> {
  return { label, fields, minArity: fields.filter((f) => f[2] !== 'optional').length, check };
}

type ValueOf<E> = E extends readonly [string, FieldType<infer T>, ...unknown[]] ? T : never;
type Simplify<T> = { [K in keyof T]: T[K] } & {};
/** The TS record type of one definition: `{ type: label } & required fields & optional fields`. */
export type OpOf<D> =
  D extends OpDef<infer L, infer F>
    ? Simplify<
        { type: L } & { [E in F[number] as E extends readonly [infer N extends string, unknown] ? N : never]: ValueOf<E> } & {
          [E in F[number] as E extends readonly [infer N extends string, unknown, 'optional'] ? N : never]?: ValueOf<E>;
        }
      >
    : never;

const sameLength = (a: string, b: string) => (op: Record<string, unknown>) => {
  const x = op[a] as unknown[];
  const y = op[b] as unknown[];
  return x.length === y.length ? undefined : `${a} and ${b} differ in length (${x.length} vs ${y.length})`;
};

const receiver = desc('desc:export', 'desc:answer');
const resolver = desc('desc:import-object', 'desc:import-promise');
const positions = listOf(position, 'non-negative integers');

// <op:start-session CAPTP-VERSION SESSION-PUBKEY ACCEPTABLE-LOCATION ACCEPTABLE-LOCATION-SIG>
export const OP_START_SESSION = defineOp('op:start-session', [
  ['captpVersion', str],
  ['sessionPubkey', publicKey],
  ['location', peer],
  ['locationSig', signature],
]);
// <op:abort REASON>
export const OP_ABORT = defineOp('op:abort', [['reason', str]]);
// <op:deliver TO ARGS ANSWER-POS RESOLVE-ME-DESC>
export const OP_DELIVER = defineOp('op:deliver', [
  ['to', receiver],
  ['args', passables],
  ['answer', falseOr(position)],
  ['resolveMe', falseOr(resolver)],
]);
// <op:deliver-only TO ARGS> — legacy (Python suite), ≡ op:deliver with `f f`
export const OP_DELIVER_ONLY = defineOp('op:deliver-only', [
  ['to', receiver],
  ['args', passables],
]);
// <op:listen TO LISTEN-DESC> (spec) | <op:listen TO RESOLVE-ME-DESC WANTS-PARTIAL> (endo, suite)
export const OP_LISTEN = defineOp('op:listen', [
  ['to', receiver],
  ['resolveMe', resolver],
  ['wantsPartial', bool, 'optional'],
]);
// <op:get RECEIVER-DESC FIELD-NAME NEW-ANSWER-POS>
export const OP_GET = defineOp('op:get', [
  ['receiver', receiver],
  ['fieldName', str],
  ['answer', newAnswerPosition],
]);
// <op:index RECEIVER-DESC INDEX NEW-ANSWER-POS>
export const OP_INDEX = defineOp('op:index', [
  ['receiver', receiver],
  ['index', position],
  ['answer', newAnswerPosition],
]);
// <op:untag RECEIVER-DESC TAG NEW-ANSWER-POS>
export const OP_UNTAG = defineOp('op:untag', [
  ['receiver', receiver],
  ['tag', str],
  ['answer', newAnswerPosition],
]);
// <op:gc-exports EXPORT-POSITIONS WIRE-DELTAS>
export const OP_GC_EXPORTS = defineOp(
  'op:gc-exports',
  [
    ['exportPositions', positions],
    ['wireDeltas', listOf(positive, 'positive integers')],
  ],
  sameLength('exportPositions', 'wireDeltas'),
);
// <op:gc-answers ANSWER-POSITIONS>
export const OP_GC_ANSWERS = defineOp('op:gc-answers', [['answerPositions', positions]]);
// <op:gc-export …> / <op:gc-answer …>: the Python suite's singular labels with list fields
export const OP_GC_EXPORT = defineOp(
  'op:gc-export',
  [
    ['exportPositions', positions],
    ['wireDeltas', listOf(positive, 'positive integers')],
  ],
  sameLength('exportPositions', 'wireDeltas'),
);
export const OP_GC_ANSWER = defineOp('op:gc-answer', [['answerPositions', positions]]);
// <op:flush POSITION> — receiver-initiated flush (endo veil branch)
export const OP_FLUSH = defineOp('op:flush', [['position', position]]);
// <op:flush TO-DESC CONFIRM-DESC> — shortener-initiated flush (spec PR promise-shortening)
export const OP_FLUSH_RESOLVER = defineOp('op:flush', [
  ['to', receiver],
  ['confirm', resolver],
]);
// <op:flush-done POSITION>
export const OP_FLUSH_DONE = defineOp('op:flush-done', [['position', position]]);

export const OP_DEFS = [
  OP_START_SESSION,
  OP_ABORT,
  OP_DELIVER,
  OP_DELIVER_ONLY,
  OP_LISTEN,
  OP_GET,
  OP_INDEX,
  OP_UNTAG,
  OP_GC_EXPORTS,
  OP_GC_ANSWERS,
  OP_GC_EXPORT,
  OP_GC_ANSWER,
  OP_FLUSH,
  OP_FLUSH_RESOLVER,
  OP_FLUSH_DONE,
] as const;

export type OpStartSession = OpOf<typeof OP_START_SESSION>;
export type OpAbort = OpOf<typeof OP_ABORT>;
export type OpDeliver = OpOf<typeof OP_DELIVER>;
export type OpDeliverOnly = OpOf<typeof OP_DELIVER_ONLY>;
export type OpListen = OpOf<typeof OP_LISTEN>;
export type OpGet = OpOf<typeof OP_GET>;
export type OpIndex = OpOf<typeof OP_INDEX>;
export type OpUntag = OpOf<typeof OP_UNTAG>;
export type OpGcExports = OpOf<typeof OP_GC_EXPORTS>;
export type OpGcAnswers = OpOf<typeof OP_GC_ANSWERS>;
export type OpGcExportLegacy = OpOf<typeof OP_GC_EXPORT>;
export type OpGcAnswerLegacy = OpOf<typeof OP_GC_ANSWER>;
/** Receiver-initiated flush: `{ type: 'op:flush', position }`. */
export type OpFlush = OpOf<typeof OP_FLUSH>;
/** Shortener-initiated flush (spec PR): `{ type: 'op:flush', to, confirm }`; tell apart with `'to' in op`. */
export type OpFlushResolver = OpOf<typeof OP_FLUSH_RESOLVER>;
export type OpFlushDone = OpOf<typeof OP_FLUSH_DONE>;

export type Op = OpOf<(typeof OP_DEFS)[number]>;
export type OpLabel = Op['type'];

const byLabel = new Map<string, OpDef[]>();
for (const def of OP_DEFS as readonly OpDef[]) byLabel.set(def.label, [...(byLabel.get(def.label) ?? []), def]);

export function getOpDefs(label: string): readonly OpDef[] | undefined {
  return byLabel.get(label);
}

/** The definition an op object was made from (label, then the field names it carries). */
export function getOpDef(op: Op): OpDef {
  const defs = byLabel.get(op.type);
  if (!defs) throw new TypeError(`unknown operation ${String((op as { type?: unknown }).type)}`);
  if (defs.length === 1) return defs[0];
  const found = defs.find((d) => d.fields.every(([name, , opt]) => opt === 'optional' || name in op));
  if (!found) throw new TypeError(`${op.type}: fields match no known form`);
  return found;
}
