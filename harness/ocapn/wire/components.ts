/**
 * Shared components: public keys and signatures (gcrypt-style lists), peer and sturdyref
 * locators, `my-location`, the handoff certificates and their signed envelope.
 * Spec: CapTP draft "Cryptography", the Locators draft, "desc:handoff-give/-receive".
 * Guarantees: readers check every selector and byte length; writers produce the exact layouts
 * (public key 96 bytes, signature 100 bytes once encoded). No cryptography here: signing and
 * verifying live with the session code, which encodes these records with `encode`.
 */
import { Sym, SyrupDict, type Dialect, type SyrupValue } from '../syrup/index.js';
import {
  expected,
  fail,
  labelOf,
  readBytes,
  readList,
  readNonNegative,
  readString,
  readSymbol,
  record,
  recordFields,
  within,
} from './shape.js';

/** Ed25519 public key: `[public-key [ecc [curve Ed25519] [flags eddsa] [q 32:…]]]`. */
export class PublicKey {
  constructor(readonly q: Uint8Array) {}
}

/** Ed25519 signature: `[sig-val [eddsa [r 32:…] [s 32:…]]]`, R then S of RFC 8032. */
export class Signature {
  constructor(
    readonly r: Uint8Array,
    readonly s: Uint8Array,
  ) {}
}

/** `<ocapn-peer TRANSPORT DESIGNATOR HINTS>`; endo requires string hint values, so do we. */
export class OcapnPeer {
  constructor(
    readonly transport: string,
    readonly designator: string,
    readonly hints: Record<string, string> | false,
  ) {}
}

export class Sturdyref {
  constructor(
    readonly peer: OcapnPeer,
    readonly swissNum: Uint8Array,
  ) {}
}

export class MyLocation {
  constructor(readonly peer: OcapnPeer) {}
}

export class HandoffGive {
  constructor(
    readonly receiverKey: PublicKey,
    readonly exporterLocation: OcapnPeer,
    readonly session: Uint8Array,
    readonly gifterSide: Uint8Array,
    readonly giftId: Uint8Array,
  ) {}
}

export class HandoffReceive {
  constructor(
    readonly receivingSession: Uint8Array,
    readonly receivingSide: Uint8Array,
    readonly handoffCount: bigint,
    readonly signedGive: SigEnvelope<HandoffGive>,
  ) {}
}

export class SigEnvelope<T extends HandoffGive | HandoffReceive = HandoffGive | HandoffReceive> {
  constructor(
    readonly signed: T,
    readonly signature: Signature,
  ) {}
}

const s = (name: string) => new Sym(name);

/** Checks `[name …]` with the exact selector at the head; returns the rest. */
function tagged(value: SyrupValue, name: string, arity: number): SyrupValue[] {
  const list = readList(value);
  if (list.length !== arity + 1 || !(list[0] instanceof Sym) || list[0].name !== name) {
    expected(`[${name} …] list of ${arity + 1} items`, value);
  }
  return list.slice(1);
}

export function readPublicKey(value: SyrupValue): PublicKey {
  const [ecc] = tagged(value, 'public-key', 1);
  const [curve, flags, q] = within('[1]', () => tagged(ecc, 'ecc', 3));
  within('[1][1]', () => {
    if (readSymbol(tagged(curve, 'curve', 1)[0]) !== 'Ed25519') fail('expected curve Ed25519');
  });
  within('[1][2]', () => {
    if (readSymbol(tagged(flags, 'flags', 1)[0]) !== 'eddsa') fail('expected flags eddsa');
  });
  return new PublicKey(within('[1][3][1]', () => readBytes(tagged(q, 'q', 1)[0], 32)));
}

export function writePublicKey(key: PublicKey): SyrupValue {
  return [s('public-key'), [s('ecc'), [s('curve'), s('Ed25519')], [s('flags'), s('eddsa')], [s('q'), key.q]]];
}

export function readSignature(value: SyrupValue): Signature {
  const [eddsa] = tagged(value, 'sig-val', 1);
  const [r, sv] = within('[1]', () => tagged(eddsa, 'eddsa', 2));
  return new Signature(
    within('[1][1][1]', () => readBytes(tagged(r, 'r', 1)[0], 32)),
    within('[1][2][1]', () => readBytes(tagged(sv, 's', 1)[0], 32)),
  );
}

export function writeSignature(sig: Signature): SyrupValue {
  return [s('sig-val'), [s('eddsa'), [s('r'), sig.r], [s('s'), sig.s]]];
}

function readHints(value: SyrupValue): Record<string, string> | false {
  if (value === false) return false;
  if (!(value instanceof SyrupDict)) expected('false or struct of strings', value);
  const hints: Record<string, string> = {};
  for (const [k, v] of value.entries) {
    const key = within('', () => readString(k));
    Object.defineProperty(hints, key, { value: within(`.${key}`, () => readString(v)), enumerable: true, writable: true, configurable: true });
  }
  return hints;
}

export function readPeer(value: SyrupValue, dialect: Dialect): OcapnPeer {
  const [transport, designator, hints] = recordFields(value, 'ocapn-peer', 3, dialect);
  const t = within('.transport', () => readSymbol(transport));
  if (t.includes('.')) within('.transport', () => fail(`transport must not contain ".", got "${t}"`));
  return new OcapnPeer(t, within('.designator', () => readString(designator)), within('.hints', () => readHints(hints)));
}

export function writePeer(peer: OcapnPeer): SyrupValue {
  const hints = peer.hints === false ? false : new SyrupDict(Object.entries(peer.hints));
  return record('ocapn-peer', [s(peer.transport), peer.designator, hints]);
}

export function readSturdyref(value: SyrupValue, dialect: Dialect): Sturdyref {
  const [peer, swiss] = recordFields(value, 'ocapn-sturdyref', 2, dialect);
  return new Sturdyref(within('.peer', () => readPeer(peer, dialect)), within('.swissNum', () => readBytes(swiss)));
}

export function writeSturdyref(ref: Sturdyref): SyrupValue {
  return record('ocapn-sturdyref', [writePeer(ref.peer), ref.swissNum]);
}

export function readMyLocation(value: SyrupValue, dialect: Dialect): MyLocation {
  const [peer] = recordFields(value, 'my-location', 1, dialect);
  return new MyLocation(within('.peer', () => readPeer(peer, dialect)));
}

export function writeMyLocation(loc: MyLocation): SyrupValue {
  return record('my-location', [writePeer(loc.peer)]);
}

export function readHandoffGive(value: SyrupValue, dialect: Dialect): HandoffGive {
  const [key, loc, session, side, gift] = recordFields(value, 'desc:handoff-give', 5, dialect);
  return new HandoffGive(
    within('.receiverKey', () => readPublicKey(key)),
    within('.exporterLocation', () => readPeer(loc, dialect)),
    within('.session', () => readBytes(session, 32)),
    within('.gifterSide', () => readBytes(side, 32)),
    within('.giftId', () => readBytes(gift)),
  );
}

export function writeHandoffGive(g: HandoffGive): SyrupValue {
  return record('desc:handoff-give', [writePublicKey(g.receiverKey), writePeer(g.exporterLocation), g.session, g.gifterSide, g.giftId]);
}

export function readHandoffReceive(value: SyrupValue, dialect: Dialect): HandoffReceive {
  const [session, side, count, give] = recordFields(value, 'desc:handoff-receive', 4, dialect);
  const env = within('.signedGive', () => readSigEnvelope(give, dialect));
  if (!(env.signed instanceof HandoffGive)) within('.signedGive.signed', () => fail('expected desc:handoff-give'));
  return new HandoffReceive(
    within('.receivingSession', () => readBytes(session, 32)),
    within('.receivingSide', () => readBytes(side, 32)),
    within('.handoffCount', () => readNonNegative(count)),
    env as SigEnvelope<HandoffGive>,
  );
}

export function writeHandoffReceive(r: HandoffReceive): SyrupValue {
  return record('desc:handoff-receive', [r.receivingSession, r.receivingSide, r.handoffCount, writeSigEnvelope(r.signedGive)]);
}

export function readSigEnvelope(value: SyrupValue, dialect: Dialect): SigEnvelope {
  const [signed, sig] = recordFields(value, 'desc:sig-envelope', 2, dialect);
  const inner = within('.signed', () => {
    const label = labelOf(signed, dialect);
    if (label === 'desc:handoff-give') return readHandoffGive(signed, dialect);
    if (label === 'desc:handoff-receive') return readHandoffReceive(signed, dialect);
    return expected('desc:handoff-give or desc:handoff-receive', signed);
  });
  return new SigEnvelope(inner, within('.signature', () => readSignature(sig)));
}

export function writeSigEnvelope(env: SigEnvelope): SyrupValue {
  const signed = env.signed instanceof HandoffGive ? writeHandoffGive(env.signed) : writeHandoffReceive(env.signed);
  return record('desc:sig-envelope', [signed, writeSignature(env.signature)]);
}
