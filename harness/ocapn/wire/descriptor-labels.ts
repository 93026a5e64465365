/**
 * Every descriptor record the wire model reads or writes, each with one line of documentation:
 * the reference descriptors (descriptors.ts), the passable records (passable/codec.ts) and the
 * handoff certificates with their signed envelope (components.ts). Beside it, which descriptors
 * an operation view mentions (value-view.ts's mapping read backwards), so a report can say which
 * of them a run put on the wire without decoding bytes again.
 */
import type { RefDescType } from './descriptors.js';
import { DESC_KEYS } from './value-view.js';

type OtherDescLabel = 'desc:tagged' | 'desc:error' | 'desc:sig-envelope' | 'desc:handoff-give' | 'desc:handoff-receive';
export type DescriptorLabel = RefDescType | OtherDescLabel;

export const DESCRIPTOR_LABELS = {
  'desc:import-object': "a reference to an object the sender exports (the receiver's new import)",
  'desc:import-promise': "a reference to a promise the sender exports (the receiver's new import)",
  'desc:export': "the receiver's own export at a position",
  'desc:answer': "the receiver's own answer (a pipelined promise) at a position",
  'desc:tagged': 'a tagged passable: tag and payload',
  'desc:error': 'an error passable with its message',
  'desc:sig-envelope': 'a signed handoff certificate: the signed record and its signature',
  'desc:handoff-give': "the gifter's certificate: receiver key, exporter location, session, side, gift id",
  'desc:handoff-receive': "the receiver's certificate: its session and side, handoff count, the signed give",
} as const satisfies Record<DescriptorLabel, string>;

const _complete: Record<DescriptorLabel, string> = DESCRIPTOR_LABELS;
void _complete;

const REF_BY_KEY = new Map<string, RefDescType>(Object.entries(DESC_KEYS).map(([label, key]) => [key, label as RefDescType]));

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function signedLabels(signed: Json, out: Set<DescriptorLabel>): void {
  if (!signed || typeof signed !== 'object' || Array.isArray(signed)) return;
  if ('handoffGive' in signed) out.add('desc:handoff-give');
  const receive = signed.handoffReceive;
  if (receive && typeof receive === 'object' && !Array.isArray(receive)) {
    out.add('desc:handoff-receive');
    walk({ sigEnvelope: receive.signedGive }, out);
  }
}

function walk(v: Json, out: Set<DescriptorLabel>): void {
  if (v === null || typeof v !== 'object') return;
  if (Array.isArray(v)) {
    for (const x of v) walk(x, out);
    return;
  }
  const keys = Object.keys(v);
  // A struct's own keys are the app's: only its values are views.
  if (keys.length === 1 && keys[0] === 'struct' && v.struct && typeof v.struct === 'object' && !Array.isArray(v.struct)) {
    for (const x of Object.values(v.struct)) walk(x, out);
    return;
  }
  if (keys.length === 1) {
    const ref = REF_BY_KEY.get(keys[0]);
    const position = v[keys[0]];
    if (ref && (typeof position === 'number' || typeof position === 'string')) return void out.add(ref);
    if (keys[0] === 'error' && typeof position === 'string') return void out.add('desc:error');
    if (keys[0] === 'sigEnvelope' && position && typeof position === 'object' && !Array.isArray(position)) {
      out.add('desc:sig-envelope');
      return signedLabels(position.signed ?? null, out);
    }
  }
  if (keys.length === 2 && typeof v.tagged === 'string' && 'payload' in v) {
    out.add('desc:tagged');
    return walk(v.payload, out);
  }
  for (const x of Object.values(v)) walk(x, out);
}

/** The descriptors an operation view (op-view.ts) carries anywhere in its fields, sorted. */
export function descriptorsInView(view: { op: string; [field: string]: unknown }): DescriptorLabel[] {
  const out = new Set<DescriptorLabel>();
  for (const [field, value] of Object.entries(view)) if (field !== 'op') walk(value as Json, out);
  return [...out].sort();
}
