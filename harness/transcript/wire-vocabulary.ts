/**
 * The wire model's vocabulary as later stages see it: every operation label and every descriptor
 * (the registries in ocapn/wire), and which of them one transcript put on the wire. Here because
 * report/ reads the wire model only through the transcript layer (eslint.config.js).
 */
import { DESCRIPTOR_LABELS, descriptorsInView } from '../ocapn/wire/descriptor-labels.js';
import { OPERATION_LABELS } from '../ocapn/wire/op-labels.js';
import type { Transcript } from './types.js';

/** Operation label → one line of documentation. */
export const WIRE_OPERATIONS: Readonly<Record<string, string>> = OPERATION_LABELS;
/** Descriptor label → one line of documentation. */
export const WIRE_DESCRIPTORS: Readonly<Record<string, string>> = DESCRIPTOR_LABELS;

export interface WireUse {
  /** Operation labels of the frames sent (decoded ones), sorted. */
  operations: string[];
  /** Descriptors those frames carry anywhere in their fields, sorted. */
  descriptors: string[];
}

export function wireUse(t: Pick<Transcript, 'events'>): WireUse {
  const operations = new Set<string>();
  const descriptors = new Set<string>();
  for (const e of t.events) {
    if (e.kind !== 'frame' || e.phase !== 'sent' || !e.op) continue;
    operations.add(e.op.op);
    for (const d of descriptorsInView(e.op)) descriptors.add(d);
  }
  return { operations: [...operations].sort(), descriptors: [...descriptors].sort() };
}
