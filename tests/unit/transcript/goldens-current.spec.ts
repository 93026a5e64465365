/**
 * Goal: no golden of any driver can rot unseen. CI runs no endo, so an endo golden is never
 * compared there; this test reads every golden under fixtures/golden/ (all drivers) without
 * running anything and checks it against what the harness writes today: the current transcript
 * JSON Schema, the current header (transcript version, lock-step), the canonical text form (a
 * format change forces re-recording), and that its path names its own scenario, driver and
 * seed. A golden of an outside implementation must say what it was recorded with (its column's
 * commit, the third-party versions), so a later mismatch can say that instead of "does not match".
 * Method: every golden file is a test of its own, so a failure names the file.
 */
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { drivers } from '../../../harness/drivers/index.js';
import { isEndoDriver } from '../../../harness/drivers/endo/info.js';
import { transcriptToText } from '../../../harness/transcript/canonical-json.js';
import { listGoldens, implementationChange } from '../../../harness/transcript/golden.js';
import { TRANSCRIPT_VERSION, type Transcript } from '../../../harness/transcript/types.js';
import { validateTranscript } from '../../../harness/transcript/validate.js';

const goldens = listGoldens();

test('there are goldens to check (reference and endo)', () => {
  expect(goldens.some((p) => basename(p).startsWith('reference-'))).toBe(true);
  expect(goldens.some((p) => basename(p).startsWith('endo@'))).toBe(true);
});

for (const path of goldens) {
  test(`golden is current: ${path}`, () => {
    const text = readFileSync(path, 'utf8');
    const t = JSON.parse(text) as Transcript;
    const schema = validateTranscript(t);
    expect(schema.ok, `${path}: ${schema.text} — re-record it (npm run goldens:update)`).toBe(true);
    expect(t.header.transcriptVersion).toBe(TRANSCRIPT_VERSION);
    expect(t.header.mode).toBe('lock-step');
    expect(transcriptToText(t), `${path} is not in today's canonical form: re-record it`).toBe(text);
    expect(basename(dirname(path))).toBe(t.header.scenarioId);
    expect(basename(path)).toBe(`${t.header.driver}-seed-${t.header.seed}.json`);
    const d = t.header.driver;
    expect(drivers.some((known) => known.name === d) || isEndoDriver(d), `${path}: unknown driver ${d}`).toBe(true);
    if (isEndoDriver(d)) {
      // Recorded per endo commit: the column's commit and the versions that shape endo's bytes.
      expect(d, `${path}: endo goldens are recorded per commit (endo@<commit>)`).toMatch(/^endo@[0-9a-f]{9}$/);
      const own = t.header.implementations?.find((i) => i.driver === d);
      expect(own?.commit?.startsWith(d.slice('endo@'.length)), `${path}: the header names no commit for ${d}`).toBe(true);
      expect(Object.keys(own?.thirdParty ?? {})).toEqual(expect.arrayContaining(['@noble/curves', '@noble/hashes']));
    }
  });
}

test('a golden recorded with other implementation versions says so', () => {
  const endo = goldens.find((p) => basename(p).startsWith('endo@'))!;
  const text = readFileSync(endo, 'utf8');
  const t = JSON.parse(text) as Transcript;
  expect(implementationChange(text, t)).toBeUndefined();
  const bumped: Transcript = {
    ...t,
    header: { ...t.header, implementations: t.header.implementations!.map((i) => ({ ...i, thirdParty: { ...i.thirdParty, '@noble/curves': '1.9.8' } })) },
  };
  expect(implementationChange(text, bumped)).toMatch(/golden: endo@[0-9a-f]{9} \(@endo\/ocapn .*@noble\/curves 1\.9\.7.*; this run: .*@noble\/curves 1\.9\.8/);
});
