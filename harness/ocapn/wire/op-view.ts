/**
 * The readable operation view: one JSON object per CapTP message, as transcripts, reports and
 * `ocapn-conformance decode` show it. Example:
 * `{"op":"op:deliver","to":{"export":5},"args":[{"symbol":"fetch"},{"bytes":"…"}],"answer":3,"resolveMe":{"importObject":2}}`
 * Contract (version OP_VIEW_VERSION; bump on any substantive change): key `op` = wire label, then
 * the fields of the operation table in wire order under their table names; positions are JSON
 * numbers (decimal strings beyond 2^53−1); values follow `value-view.ts`. An absent optional field
 * (2-field op:listen) is omitted.
 */
import { getOpDef, type Op } from './operations.js';
import type { DescView, PeerView, PositionView, SignatureView, ValueView } from './value-view.js';

export const OP_VIEW_VERSION = 1;

export type OpView =
  | { op: 'op:start-session'; captpVersion: string; sessionPubkey: string; location: PeerView; locationSig: SignatureView }
  | { op: 'op:abort'; reason: string }
  | { op: 'op:deliver'; to: DescView; args: ValueView[]; answer: PositionView | false; resolveMe: DescView | false }
  | { op: 'op:deliver-only'; to: DescView; args: ValueView[] }
  | { op: 'op:listen'; to: DescView; resolveMe: DescView; wantsPartial?: boolean }
  | { op: 'op:get'; receiver: DescView; fieldName: string; answer: PositionView }
  | { op: 'op:index'; receiver: DescView; index: PositionView; answer: PositionView }
  | { op: 'op:untag'; receiver: DescView; tag: string; answer: PositionView }
  | { op: 'op:gc-exports' | 'op:gc-export'; exportPositions: PositionView[]; wireDeltas: PositionView[] }
  | { op: 'op:gc-answers' | 'op:gc-answer'; answerPositions: PositionView[] }
  | { op: 'op:flush'; position: PositionView }
  | { op: 'op:flush'; to: DescView; confirm: DescView }
  | { op: 'op:flush-done'; position: PositionView };

export function toOpView(op: Op): OpView {
  const def = getOpDef(op);
  const record = op as unknown as Record<string, unknown>;
  const view: Record<string, unknown> = { op: def.label };
  for (const [name, type, optional] of def.fields) {
    if (optional === 'optional' && record[name] === undefined) continue;
    view[name] = type.view(record[name]);
  }
  return view as OpView;
}

export type { DescView, PeerView, PositionView, SignatureView, ValueView } from './value-view.js';
