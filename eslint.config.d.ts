// Types of what eslint.config.js exports besides the config, for the tests that read its import
// allow-lists (tests/unit/repo/ocapn-layers.spec.ts).
import type { Linter } from 'eslint';

/** harness/ocapn/ sub-layer → what it may import besides itself (a layer or one exposed file). */
export declare const ocapnLayers: Readonly<Record<string, readonly string[]>>;
/** The files at the top of harness/ocapn/ that compose the node; nothing imports them. */
export declare const ocapnTop: readonly string[];
declare const config: Linter.Config[];
export default config;
