/**
 * The one-line replay command for a case: what a reader pastes to reproduce it headless.
 * Spec anchor: README.md "Running scenarios" (`npx ocapn-conformance run <scenario> [--seed N] [--driver D]`).
 */
import type { TranscriptHeader } from '../transcript/types.js';

export function replayCommand(header: Pick<TranscriptHeader, 'scenarioId' | 'seed' | 'driver'>): string {
  return `npx ocapn-conformance run ${header.scenarioId} --seed ${header.seed} --driver ${header.driver}`;
}
