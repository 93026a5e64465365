// Goal: Public ID and my-location bytes match the derived vectors; key derivation is
// deterministic per (seed, counter) and distinct across counters.
import { test, expect } from '@playwright/test';
import { loadVectors, hexBytes, hexOf } from '../syrup/_vectors.js';
import { keyPairFromSecret, makeSessionKeyPair, publicIdOf, sessionIdOf, sign, verify } from '../../../../harness/ocapn/crypto/keys.js';
import { encode } from '../../../../harness/ocapn/syrup/index.js';
import { MyLocation, OcapnPeer, PublicKey, writeMyLocation, writePublicKey } from '../../../../harness/ocapn/wire/index.js';

const vectors = loadVectors().vectors as unknown as Array<Record<string, string>>;

for (const name of ['derived:public-key-desc-seedx1', 'derived:public-key-desc-seedx2']) {
  test(`keys - ${name}: public key, its encoding and Public ID`, () => {
    const v = vectors.find((x) => x.name === name)!;
    const pair = keyPairFromSecret(hexBytes(v.seed_hex));
    expect(hexOf(pair.publicKey.q)).toBe(v.public_key_hex);
    expect(hexOf(encode(writePublicKey(pair.publicKey)))).toBe(v.hex);
    expect(hexOf(pair.publicId)).toBe(v.peer_id_hex);
  });
}

test('keys - derived:my-location-alice: the signed bytes, and a signature over them verifies', () => {
  const v = vectors.find((x) => x.name === 'derived:my-location-alice')!;
  const bytes = encode(writeMyLocation(new MyLocation(new OcapnPeer('tcp-testing-only', 'alice', { host: '127.0.0.1', port: '22046' }))));
  expect(hexOf(bytes)).toBe(v.hex);
  const pair = makeSessionKeyPair(new Uint8Array(32), 0);
  const sig = sign(bytes, pair.secretKey);
  expect(verify(sig, bytes, pair.publicKey)).toBe(true);
  expect(verify(sig, bytes.slice(1), pair.publicKey)).toBe(false);
  expect(verify(sig, bytes, new PublicKey(new Uint8Array(32)))).toBe(false);
});

test('keys - derivation is deterministic per counter and the session id is symmetric', () => {
  const seed = new Uint8Array(32).fill(7);
  const k0 = makeSessionKeyPair(seed, 0);
  expect(hexOf(makeSessionKeyPair(seed, 0).publicId)).toBe(hexOf(k0.publicId));
  const k1 = makeSessionKeyPair(seed, 1);
  expect(hexOf(k1.publicId)).not.toBe(hexOf(k0.publicId));
  expect(hexOf(sessionIdOf(k0.publicId, k1.publicId))).toBe(hexOf(sessionIdOf(k1.publicId, k0.publicId)));
  expect(hexOf(publicIdOf(k0.publicKey))).toBe(hexOf(k0.publicId));
});
