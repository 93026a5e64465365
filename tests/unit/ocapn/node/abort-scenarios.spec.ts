// Goal: in the simulation, an op:abort — during the handshake (abort-bad-signature) and on a live
// session (abort-after-handshake) — is recorded, and the connection's close follows it; nothing
// is written on the connection after the abort.
// Method: both basics scenarios run in-process with the reference driver (seeds 1–3); the test
// reads the Recording's frame and connection events.
import { test, expect } from '@playwright/test';
import { loadPlan, recordingJson } from '../../sim/_scenario-recordings.js';
import { decodeOp } from '../../../../harness/ocapn/wire/index.js';

interface Ev {
  seq: number;
  kind: string;
  phase?: string;
  event?: string;
  frame?: number;
  connection?: string;
  source?: string;
  bytesHex?: string;
  reason?: string;
}

for (const id of ['abort-bad-signature', 'abort-after-handshake']) {
  for (const seed of [1, 2, 3]) {
    test(`abort scenarios - ${id} seed ${seed}: op:abort is recorded, then the close`, async () => {
      const events = (JSON.parse(await recordingJson(loadPlan(`scenarios/basics/${id}.yaml`), seed)) as { events: Ev[] }).events;
      const sent = events.filter((e) => e.kind === 'frame' && e.phase === 'sent');
      const isAbort = (hex: string): boolean => {
        try {
          return decodeOp(Uint8Array.from(Buffer.from(hex, 'hex'))).type === 'op:abort';
        } catch {
          return false; // the frame the network corrupted
        }
      };
      const abort = sent.find((e) => isAbort(e.bytesHex!));
      expect(abort, 'an op:abort was sent').toBeTruthy();
      const close = events.find((e) => e.kind === 'connection' && e.event === 'close' && e.connection === abort!.connection);
      expect(close, 'the aborted connection was closed').toBeTruthy();
      expect(close!.seq).toBeGreaterThan(abort!.seq);
      expect(close!.reason).toBe(`closed by ${abort!.source}`);
      const after = sent.filter((e) => e.connection === abort!.connection && e.seq > abort!.seq);
      expect(after).toEqual([]);
    });
  }
}
