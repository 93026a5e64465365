/**
 * Reference descriptors: `desc:import-object`, `desc:import-promise`, `desc:export`, `desc:answer`.
 * Spec: CapTP draft "Descriptors".
 * View: named from the RECEIVER's point of view — `desc:export N` is the receiver's export N.
 * Guarantees: positions are non-negative bigints; a reader can restrict which kinds it accepts.
 */
import type { Dialect, SyrupRecord, SyrupValue } from '../syrup/index.js';
import { keepShape } from '../syrup/keep-shapes.js';
import { expected, labelOf, readNonNegative, record, recordFields, within } from './shape.js';

export type RefDescType = 'desc:import-object' | 'desc:import-promise' | 'desc:export' | 'desc:answer';

export const REF_DESC_TYPES: readonly RefDescType[] = ['desc:import-object', 'desc:import-promise', 'desc:export', 'desc:answer'];

/** A position the receiver looks up (export/answer) or creates an import for (import-*). */
export class RefDesc<T extends RefDescType = RefDescType> {
  constructor(
    readonly type: T,
    readonly position: bigint,
  ) {}
}
keepShape(new RefDesc('desc:export', 0n));

export const descExport = (n: bigint | number) => new RefDesc('desc:export', BigInt(n));
export const descAnswer = (n: bigint | number) => new RefDesc('desc:answer', BigInt(n));
export const descImportObject = (n: bigint | number) => new RefDesc('desc:import-object', BigInt(n));
export const descImportPromise = (n: bigint | number) => new RefDesc('desc:import-promise', BigInt(n));

export function isRefDescLabel(label: string | undefined): label is RefDescType {
  return label !== undefined && (REF_DESC_TYPES as readonly string[]).includes(label);
}

/** Reads a descriptor whose kind is one of `allowed`. */
export function readRefDesc<T extends RefDescType>(value: SyrupValue, allowed: readonly T[], dialect: Dialect): RefDesc<T> {
  const label = labelOf(value, dialect);
  if (!label || !(allowed as readonly string[]).includes(label)) expected(allowed.join(' or '), value);
  const [position] = recordFields(value, label, 1, dialect);
  return new RefDesc(label as T, within('.position', () => readNonNegative(position)));
}

export function writeRefDesc(desc: RefDesc): SyrupRecord {
  return record(desc.type, [desc.position]);
}
