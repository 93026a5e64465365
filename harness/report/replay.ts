/**
 * The one-line replay command for a case: what a reader pastes to reproduce it headless.
 * Spec anchor: README.md "Running scenarios" (`npx ocapn-conformance run <scenario> [--seed N] [--driver D]`).
 * The template lives once, beside the Plan (scenario/plan.ts), because the simulation prints it too.
 */
export { replayCommand } from '../scenario/plan.js';
