/**
 * Goal: descriptors and components read and write the byte layouts of the CapTP draft
 * (keys, signatures, locators, descriptors, handoff certificates), and refuse malformed ones with a path to the fault.
 * Method: `cases` of { name, bytes } decoded as passables (or with the component reader) and
 * re-encoded byte for byte; the derived key vectors come from fixtures/vectors.
 */
import { test, expect } from '@playwright/test';
import { decode, encode } from '../../../../harness/ocapn/syrup/index.js';
import { PassableDecodeError, decodePassable, encodePassable } from '../../../../harness/ocapn/wire/index.js';
import {
  HandoffGive,
  HandoffReceive,
  OcapnPeer,
  RefDesc,
  SigEnvelope,
  Sturdyref,
  readMyLocation,
  readPeer,
  readPublicKey,
  readSignature,
  writeMyLocation,
  writePeer,
  writePublicKey,
  writeSignature,
} from '../../../../harness/ocapn/wire/index.js';
import { loadVectors } from '../syrup/_vectors.js';
import { bytesOf, concat, hex, hexOf, ramp } from './_bytes.js';

const vectors = loadVectors().vectors;

// <desc:import-object N> <desc:import-promise N> <desc:export N> <desc:answer N>
const descriptorCases = [
  { name: 'desc:export / 123', bytes: `<11'desc:export123+>`, type: 'desc:export' },
  { name: 'desc:import-object / 123', bytes: `<18'desc:import-object123+>`, type: 'desc:import-object' },
  { name: 'desc:import-promise / 123', bytes: `<19'desc:import-promise123+>`, type: 'desc:import-promise' },
  { name: 'desc:answer / 123', bytes: `<11'desc:answer123+>`, type: 'desc:answer' },
  { name: 'desc:export / bootstrap position 0', bytes: `<11'desc:export0+>`, type: 'desc:export' },
];

for (const c of descriptorCases) {
  test(`${c.name}: reads as a RefDesc and writes back`, () => {
    const value = decodePassable(bytesOf(c.bytes));
    expect(value).toBeInstanceOf(RefDesc);
    expect((value as RefDesc).type).toBe(c.type);
    expect(hexOf(encodePassable(value))).toBe(hexOf(bytesOf(c.bytes)));
  });
}

test('desc:import-object / negative position rejected with a path', () => {
  expect(() => decodePassable(bytesOf(`<18'desc:import-object1->`))).toThrow(PassableDecodeError);
  expect(() => decodePassable(bytesOf(`<18'desc:import-object1->`))).toThrow('passable.position: expected non-negative integer, got integer -1');
});

test('desc:answer / two fields rejected', () => {
  expect(() => decodePassable(bytesOf(`<11'desc:answer1+2+>`))).toThrow('<desc:answer> takes 1 field, got 2');
});

// [public-key [ecc [curve Ed25519] [flags eddsa] [q 32:…]]]
for (const name of ['derived:public-key-desc-seedx1', 'derived:public-key-desc-seedx2']) {
  test(`public-key / ${name}`, () => {
    const v = vectors.find((x) => x.name === name) as unknown as { hex: string; public_key_hex: string };
    const key = readPublicKey(decode(hex(v.hex)));
    expect(hexOf(key.q)).toBe(v.public_key_hex);
    expect(hexOf(encode(writePublicKey(key)))).toBe(v.hex);
  });
}

test('public-key / wrong curve rejected', () => {
  const bytes = bytesOf(`[10'public-key[3'ecc[5'curve5'X2551][5'flags5'eddsa][1'q32:${'x'.repeat(32)}]]]`);
  expect(() => readPublicKey(decode(bytes))).toThrow('[1][1]: expected curve Ed25519');
});

// [sig-val [eddsa [r 32:R] [s 32:S]]]
test('sig-val / 100 bytes, R then S', () => {
  const bytes = concat(`[7'sig-val[5'eddsa[1'r32:`, ramp(0), `][1's32:`, ramp(100), ']]]');
  expect(bytes.length).toBe(100);
  const sig = readSignature(decode(bytes));
  expect(sig.r).toEqual(ramp(0));
  expect(sig.s).toEqual(ramp(100));
  expect(hexOf(encode(writeSignature(sig)))).toBe(hexOf(bytes));
});

// <ocapn-peer TRANSPORT DESIGNATOR HINTS>
const peerCases = [
  { name: 'ocapn-peer / tcp with hints', bytes: `<10'ocapn-peer3'tcp4"1234{4"host9"127.0.0.14"port5"54822}>` },
  { name: 'ocapn-peer / onion without hints', bytes: `<10'ocapn-peer5'onion6"abcdeff>` },
];
for (const c of peerCases) {
  test(c.name, () => {
    const peer = readPeer(decode(bytesOf(c.bytes)), 'spec');
    expect(peer).toBeInstanceOf(OcapnPeer);
    expect(hexOf(encode(writePeer(peer)))).toBe(hexOf(bytesOf(c.bytes)));
  });
}

test('ocapn-peer / transport with a dot rejected', () => {
  expect(() => readPeer(decode(bytesOf(`<10'ocapn-peer5'a.tcp1"xf>`)), 'spec')).toThrow('.transport: transport must not contain ".", got "a.tcp"');
});

test('ocapn-peer / hint values must be strings', () => {
  expect(() => readPeer(decode(bytesOf(`<10'ocapn-peer3'tcp1"x{4"port1+}>`)), 'spec')).toThrow('.hints.port: expected string, got integer 1');
});

// <my-location PEER>
test('my-location / derived:my-location-alice', () => {
  const v = vectors.find((x) => x.name === 'derived:my-location-alice')!;
  const loc = readMyLocation(decode(hex(v.hex)), 'spec');
  expect(loc.peer.designator).toBe('alice');
  expect(hexOf(encode(writeMyLocation(loc)))).toBe(v.hex);
});

// <ocapn-sturdyref PEER SWISS-NUM>
test('ocapn-sturdyref / passable:sturdyref vector', () => {
  const v = vectors.find((x) => x.name === 'passable:sturdyref')!;
  const ref = decodePassable(hex(v.hex));
  expect(ref).toBeInstanceOf(Sturdyref);
  expect(new TextDecoder().decode((ref as Sturdyref).swissNum)).toBe('123');
  expect(hexOf(encodePassable(ref))).toBe(v.hex);
});

// <desc:sig-envelope <desc:handoff-give KEY LOCATION SESSION SIDE GIFT-ID> SIG>
const pubkey = (q: Uint8Array) => concat(`[10'public-key[3'ecc[5'curve7'Ed25519][5'flags5'eddsa][1'q32:`, q, ']]]');
const sigval = (r: Uint8Array, s: Uint8Array) => concat(`[7'sig-val[5'eddsa[1'r32:`, r, `][1's32:`, s, ']]]');
const exporter = `<10'ocapn-peer16'tcp-testing-only5"carol{4"host9"127.0.0.14"port5"22047}>`;
const give = concat(`<17'desc:handoff-give`, pubkey(ramp(10)), exporter, '32:', ramp(20), '32:', ramp(30), '16:', ramp(40).subarray(0, 16), '>');
const signedGive = concat(`<17'desc:sig-envelope`, give, sigval(ramp(50), ramp(60)), '>');

test('desc:sig-envelope / signed desc:handoff-give', () => {
  const env = decodePassable(signedGive);
  expect(env).toBeInstanceOf(SigEnvelope);
  const g = (env as SigEnvelope).signed as HandoffGive;
  expect(g).toBeInstanceOf(HandoffGive);
  expect(g.exporterLocation.designator).toBe('carol');
  expect(g.giftId.length).toBe(16);
  expect(hexOf(encodePassable(env))).toBe(hexOf(signedGive));
});

// <desc:sig-envelope <desc:handoff-receive SESSION SIDE COUNT SIGNED-GIVE> SIG>
test('desc:sig-envelope / signed desc:handoff-receive wrapping the give', () => {
  const receive = concat(`<20'desc:handoff-receive32:`, ramp(70), '32:', ramp(80), '3+', signedGive, '>');
  const bytes = concat(`<17'desc:sig-envelope`, receive, sigval(ramp(90), ramp(99)), '>');
  const env = decodePassable(bytes) as SigEnvelope;
  const r = env.signed as HandoffReceive;
  expect(r).toBeInstanceOf(HandoffReceive);
  expect(r.handoffCount).toBe(3n);
  expect(r.signedGive.signed).toBeInstanceOf(HandoffGive);
  expect(hexOf(encodePassable(env))).toBe(hexOf(bytes));
});

test('desc:handoff-give / session must be 32 bytes', () => {
  const shortGive = concat(`<17'desc:handoff-give`, pubkey(ramp(10)), exporter, '3:abc32:', ramp(30), '1:x>');
  const bytes = concat(`<17'desc:sig-envelope`, shortGive, sigval(ramp(50), ramp(60)), '>');
  expect(() => decodePassable(bytes)).toThrow('passable.signed.session: expected bytestring of 32 bytes, got 3 bytes');
});
