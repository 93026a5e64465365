/**
 * The harness version stamped into every transcript header. Kept equal to package.json's
 * `version` (a unit test checks it) rather than read at run time, because transcripts are also
 * built in the browser page, where package.json is not at hand.
 */
export const HARNESS_VERSION = '0.1.0';
