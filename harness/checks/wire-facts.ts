/**
 * Reading operation views: the one place that knows how the wire layer's `toOpView` spells
 * descriptors, positions and method selectors, so every checker asks questions in protocol words
 * ("which descriptors does this frame carry?") and survives view-format changes in one file.
 * Spec anchor: the CapTP draft's operations and descriptors (harness/ocapn/wire/operations.ts).
 * View: descriptors are named from the RECEIVER's point of view, exactly as on the wire.
 * Assumes the view spells a descriptor as a one-key object `{export: N}` / `{answer: N}` /
 * `{importObject: N}` / `{importPromise: N}` and a selector as `{symbol: name}`; positions are
 * numbers or decimal strings.
 */
import type { OpViewJson } from '../transcript/types.js';

export type DescKind = 'export' | 'answer' | 'import-object' | 'import-promise';

export interface DescRef {
  kind: DescKind;
  position: number;
}

const DESC_KEYS: Record<string, DescKind> = {
  export: 'export',
  answer: 'answer',
  importObject: 'import-object',
  importPromise: 'import-promise',
  'desc:export': 'export',
  'desc:answer': 'answer',
  'desc:import-object': 'import-object',
  'desc:import-promise': 'import-promise',
};

export function asPosition(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value;
  if (typeof value === 'string' && /^(0|[1-9][0-9]*)$/.test(value)) return Number(value);
  if (typeof value === 'bigint' && value >= 0n) return Number(value);
  return undefined;
}

/** The descriptor a view node denotes, if it is one. */
export function asDesc(node: unknown): DescRef | undefined {
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return undefined;
  const keys = Object.keys(node);
  if (keys.length === 1) {
    const kind = DESC_KEYS[keys[0]];
    const position = asPosition((node as Record<string, unknown>)[keys[0]]);
    if (kind && position !== undefined) return { kind, position };
  }
  // Also accept a tagged form {desc: 'desc:export', position: N}.
  const rec = node as Record<string, unknown>;
  const tag = typeof rec.desc === 'string' ? rec.desc : typeof rec.type === 'string' ? rec.type : undefined;
  if (tag && DESC_KEYS[tag] && asPosition(rec.position) !== undefined) return { kind: DESC_KEYS[tag], position: asPosition(rec.position)! };
  return undefined;
}

/** Every descriptor anywhere in the op (target, args, resolver, nested values), in view order. */
export function descriptorsIn(op: OpViewJson): DescRef[] {
  const out: DescRef[] = [];
  const walk = (node: unknown): void => {
    const desc = asDesc(node);
    if (desc) {
      out.push(desc);
      return;
    }
    if (Array.isArray(node)) node.forEach(walk);
    else if (node !== null && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        if (k === 'op') continue;
        // A struct's members are values, never descriptors themselves: {struct:{export:1}} is data.
        if (k === 'struct' && v !== null && typeof v === 'object') Object.values(v).forEach(walk);
        else walk(v);
      }
    }
  };
  walk(op);
  return out;
}

/** The descriptor in the op's `to` field (deliver, listen, get, index, untag, spec-PR flush). */
export function targetOf(op: OpViewJson): DescRef | undefined {
  return asDesc(op.to ?? op.receiver);
}

/** The new answer position an op allocates (deliver `answer`, get/index/untag `newAnswer`). */
export function answerAllocatedBy(op: OpViewJson): number | undefined {
  for (const key of ['answer', 'answerPosition', 'newAnswer', 'newAnswerPosition', 'answerPos']) {
    const p = asPosition(op[key]);
    if (p !== undefined) return p;
  }
  return undefined;
}

/** The resolver descriptor an op names (deliver `resolveMe`, listen resolver). */
export function resolverOf(op: OpViewJson): DescRef | undefined {
  for (const key of ['resolveMe', 'resolver', 'listen', 'listenDesc', 'resolveMeDesc']) {
    const d = asDesc(op[key]);
    if (d) return d;
  }
  return undefined;
}

function symbolName(node: unknown): string | undefined {
  if (typeof node === 'string') return node;
  if (node && typeof node === 'object' && !Array.isArray(node)) {
    const rec = node as Record<string, unknown>;
    if (typeof rec.symbol === 'string') return rec.symbol;
    if (typeof rec.selector === 'string') return rec.selector;
  }
  return undefined;
}

/** `args` of a deliver (legacy deliver-only too). */
export function argsOf(op: OpViewJson): unknown[] {
  return Array.isArray(op.args) ? op.args : [];
}

/** The method selector of an op:deliver (`args[0]` as a symbol), if any. */
export function methodOf(op: OpViewJson): string | undefined {
  const first = argsOf(op)[0];
  return first === undefined ? undefined : symbolName(first);
}

export function isDeliver(op: OpViewJson): boolean {
  return op.op === 'op:deliver' || op.op === 'op:deliver-only';
}

/** A resolution message: `<op:deliver <desc:export R> ['fulfill V] f f>` (or `'break`). */
export function settlementOf(op: OpViewJson): { resolver: number; kind: 'fulfill' | 'break' } | undefined {
  if (!isDeliver(op)) return undefined;
  const method = methodOf(op);
  const to = targetOf(op);
  if ((method === 'fulfill' || method === 'break') && to?.kind === 'export') return { resolver: to.position, kind: method };
  return undefined;
}

function numberList(value: unknown): number[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const out = value.map(asPosition);
  return out.every((n) => n !== undefined) ? (out as number[]) : undefined;
}

function findList(op: OpViewJson, pattern: RegExp): number[] {
  for (const [key, value] of Object.entries(op)) if (pattern.test(key)) return numberList(value) ?? [];
  return [];
}

/** op:gc-exports (and the suite's op:gc-export): pairs of (export position, wire delta). */
export function gcExportsOf(op: OpViewJson): Array<{ position: number; delta: number }> | undefined {
  if (op.op !== 'op:gc-exports' && op.op !== 'op:gc-export') return undefined;
  const positions = findList(op, /position/i);
  const deltas = findList(op, /delta/i);
  return positions.map((position, i) => ({ position, delta: deltas[i] ?? 0 }));
}

/** op:gc-answers (and op:gc-answer): the released answer positions. */
export function gcAnswersOf(op: OpViewJson): number[] | undefined {
  if (op.op !== 'op:gc-answers' && op.op !== 'op:gc-answer') return undefined;
  return findList(op, /position/i);
}

/** Receiver-initiated flush (`<op:flush N>`, `<op:flush-done N>`): the position, if that form. */
export function flushPositionOf(op: OpViewJson, label: 'op:flush' | 'op:flush-done'): number | undefined {
  if (op.op !== label) return undefined;
  return asPosition(op.position);
}

/**
 * The harness call tag a deliver carries on the wire: a struct argument with `sender`, `ref` and
 * `n` (the harness embeds it so ordering can be followed through forwarding, README.md "Tagged calls").
 */
export function callTagOf(op: OpViewJson): { sender: string; ref: string; n: number } | undefined {
  if (!isDeliver(op)) return undefined;
  for (const arg of argsOf(op)) {
    const struct = (arg as { struct?: Record<string, unknown> } | null)?.struct;
    if (!struct || typeof struct !== 'object') continue;
    const nView = struct.n as unknown;
    const n = typeof nView === 'number' ? nView : typeof (nView as { float64?: unknown })?.float64 === 'number' ? (nView as { float64: number }).float64 : undefined;
    if (typeof struct.sender === 'string' && typeof struct.ref === 'string' && n !== undefined) return { sender: struct.sender, ref: struct.ref, n };
  }
  return undefined;
}
