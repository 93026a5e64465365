/**
 * Endo environment setup: the ONE module that installs SES globals and the HandledPromise shim.
 * Why a module of its own: @endo/pass-style and @endo/eventual-send read `assert` and
 * `HandledPromise` from the global object when they are first evaluated, and
 * ES modules evaluate in import order, so every entry (worker, Node test) must import this first.
 * No `lockdown()` here: the harness also runs Playwright's own code in the same realm, and
 * freezing its intrinsics is not our call; `harden` comes from @endo/harden instead.
 * Guarantees: after this module has run, `E`, `Far`, `passStyleOf` and HandledPromise work.
 */
import 'ses';
import '@endo/eventual-send/shim.js';
import harden from '@endo/harden';

export { harden };
