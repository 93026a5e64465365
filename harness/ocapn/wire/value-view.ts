/**
 * The readable JSON view of passables, descriptors and components, used inside the operation
 * view (`op-view.ts`) by transcripts, reports and the CLI. Contract: OP_VIEW_VERSION in op-view.ts.
 *
 * Mapping (decided once, keep stable):
 * - a JSON number is always an INTEGER (bigint) that fits in ±(2^53−1); a larger integer is
 *   `{"int":"<decimal>"}` inside values and a decimal string for positions (`PositionView`);
 * - float64 is `{"float64": n}` (or "NaN", "Infinity", "-Infinity", "-0");
 * - string → JSON string; symbol → `{"symbol":"fetch"}`; bytes → `{"bytes":"<hex>","ascii"?}`;
 * - undefined → `{"undefined":true}`; null → null; list → array;
 * - struct → `{"struct":{…}}` (keys in wire order — note JS objects list integer-like keys first);
 * - tagged → `{"tagged":"<tag>","payload":…}`; error → `{"error":"<message>"}`;
 * - descriptors → `{"export":N}`, `{"answer":N}`, `{"importObject":N}`, `{"importPromise":N}`;
 * - sturdyref → `{"sturdyref":{"peer":PeerView,"swissNum":BytesView}}`; signed handoffs →
 *   `{"sigEnvelope":{"signed":{"handoffGive":…}|{"handoffReceive":…},"signature":{"r","s"}}}`.
 */
import { Sym, isPrintableAscii, latin1, toHex } from '../syrup/index.js';
import { PassableError, Tagged, isStruct, type Passable } from './passable-model.js';
import { RefDesc, type RefDescType } from './descriptors.js';
import { HandoffGive, SigEnvelope, Sturdyref, type HandoffReceive, type OcapnPeer, type PublicKey, type Signature } from './components.js';

export type PositionView = number | string;
export type DescView = { export: PositionView } | { answer: PositionView } | { importObject: PositionView } | { importPromise: PositionView };
export interface BytesView {
  bytes: string;
  ascii?: string;
}
export interface PeerView {
  transport: string;
  designator: string;
  hints: Record<string, string> | false;
}
export interface SignatureView {
  r: string;
  s: string;
}
export interface HandoffGiveView {
  handoffGive: { receiverKey: string; exporterLocation: PeerView; session: string; gifterSide: string; giftId: BytesView };
}
export interface HandoffReceiveView {
  handoffReceive: { receivingSession: string; receivingSide: string; handoffCount: PositionView; signedGive: SigEnvelopeView };
}
export interface SigEnvelopeView {
  signed: HandoffGiveView | HandoffReceiveView;
  signature: SignatureView;
}
export type FloatView = number | 'NaN' | 'Infinity' | '-Infinity' | '-0';

export type ValueView =
  | null
  | boolean
  | number
  | string
  | ValueView[]
  | { undefined: true }
  | { int: string }
  | { float64: FloatView }
  | { symbol: string }
  | BytesView
  | { struct: { [key: string]: ValueView } }
  | { tagged: string; payload: ValueView }
  | { error: string }
  | DescView
  | { sturdyref: { peer: PeerView; swissNum: BytesView } }
  | { sigEnvelope: SigEnvelopeView };

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

export function positionView(n: bigint): PositionView {
  return n <= SAFE && n >= -SAFE ? Number(n) : n.toString();
}

export function bytesView(bytes: Uint8Array): BytesView {
  return isPrintableAscii(bytes) && bytes.length > 0 ? { bytes: toHex(bytes), ascii: latin1(bytes) } : { bytes: toHex(bytes) };
}

/** The view key of each reference descriptor (`{"export":N}` is `desc:export N`). */
export const DESC_KEYS: Record<RefDescType, string> = {
  'desc:export': 'export',
  'desc:answer': 'answer',
  'desc:import-object': 'importObject',
  'desc:import-promise': 'importPromise',
};

export function descView(desc: RefDesc): DescView {
  return { [DESC_KEYS[desc.type]]: positionView(desc.position) } as DescView;
}

export function peerView(peer: OcapnPeer): PeerView {
  return { transport: peer.transport, designator: peer.designator, hints: peer.hints === false ? false : { ...peer.hints } };
}

export const publicKeyView = (key: PublicKey): string => toHex(key.q);
export const signatureView = (sig: Signature): SignatureView => ({ r: toHex(sig.r), s: toHex(sig.s) });

function giveView(g: HandoffGive): HandoffGiveView {
  return {
    handoffGive: {
      receiverKey: publicKeyView(g.receiverKey),
      exporterLocation: peerView(g.exporterLocation),
      session: toHex(g.session),
      gifterSide: toHex(g.gifterSide),
      giftId: bytesView(g.giftId),
    },
  };
}

function receiveView(r: HandoffReceive): HandoffReceiveView {
  return {
    handoffReceive: {
      receivingSession: toHex(r.receivingSession),
      receivingSide: toHex(r.receivingSide),
      handoffCount: positionView(r.handoffCount),
      signedGive: sigEnvelopeView(r.signedGive),
    },
  };
}

export function sigEnvelopeView(env: SigEnvelope): SigEnvelopeView {
  return {
    signed: env.signed instanceof HandoffGive ? giveView(env.signed) : receiveView(env.signed),
    signature: signatureView(env.signature),
  };
}

function floatView(n: number): FloatView {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return 'Infinity';
  if (n === -Infinity) return '-Infinity';
  return Object.is(n, -0) ? '-0' : n;
}

export function toValueView(value: Passable): ValueView {
  switch (typeof value) {
    case 'undefined':
      return { undefined: true };
    case 'boolean':
    case 'string':
      return value;
    case 'bigint':
      return value <= SAFE && value >= -SAFE ? Number(value) : { int: value.toString() };
    case 'number':
      return { float64: floatView(value) };
  }
  if (value === null) return null;
  if (value instanceof Sym) return { symbol: value.name };
  if (value instanceof Uint8Array) return bytesView(value);
  if (Array.isArray(value)) return value.map(toValueView);
  if (value instanceof Tagged) return { tagged: value.tag, payload: toValueView(value.payload) };
  if (value instanceof PassableError) return { error: value.message };
  if (value instanceof RefDesc) return descView(value);
  if (value instanceof Sturdyref) return { sturdyref: { peer: peerView(value.peer), swissNum: bytesView(value.swissNum) } };
  if (value instanceof SigEnvelope) return { sigEnvelope: sigEnvelopeView(value) };
  if (isStruct(value)) {
    const out: { [key: string]: ValueView } = {};
    for (const key of Object.keys(value)) {
      Object.defineProperty(out, key, { value: toValueView(value[key]), enumerable: true, writable: true, configurable: true });
    }
    return { struct: out };
  }
  throw new TypeError('toValueView: not a passable');
}
