/**
 * Scenario features the reference node (and so its mutants) supports. Kept as plain strings:
 * drivers/ may not import scenario/ (lint), and a unit test keeps this list inside the
 * scenario registry (tests/unit/drivers/drivers.spec.ts).
 */
export const FEATURE_NAMES_SUPPORTED: readonly string[] = [
  'fetch',
  'deliver',
  'pipelining',
  'listen',
  'gc',
  'break',
  'handshake',
  'crossed-hellos',
  'abort',
  'forwarding',
  'op:flush',
  'op:flush/receiver-initiated',
  'op:flush/shortener-initiated',
  'op:flush/none',
  'op:flush/marker',
  'handoff',
  'faults',
  'restart',
  'restart-recognised',
  'partition',
  'sturdyrefs',
  'transactional-turns',
  'inactivity-timeout',
  'handshake-timeout',
  'abort-on-violation',
  'promise-answers',
  'virtual-time',
  'selector-on-function',
];

/** What an implementation that speaks CapTP over a session with no harness hooks supports: the
 * features endo and Goblins both declare (each adds and withholds its own in its info.ts). */
export const WIRE_ONLY_FEATURES: readonly string[] = ['fetch', 'deliver', 'pipelining', 'listen', 'break', 'handshake', 'crossed-hellos', 'abort', 'forwarding', 'faults', 'partition', 'sturdyrefs'];
