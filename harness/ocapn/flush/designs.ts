/**
 * The op:flush designs a node can be configured with (node option `flush`), each documented
 * once. The scenario schema's `options.flush` enum is generated from this list (via
 * harness/tools/schemas.ts), so a scenario naming an unknown design gets a did-you-mean.
 * Wire encodings and the fence each design builds: harness/ocapn/README.md, "op:flush".
 */

export const FLUSH_DESIGNS = {
  none: 'no fence: with handoffs: shorten a promise that resolves to a third-party reference is shortened at once (naive shortening; per-reference FIFO can break); without shortening, no op:flush at all',
  'receiver-initiated':
    '<op:flush N> from the importer of promise N, <op:flush-done N> from its exporter after swapping a fresh promise into slot N (refcount kept); the explicit flush step',
  'shortener-initiated':
    "<op:flush TO CONFIRM> from the shortener to the holder's resolver TO; the holder swaps in a fresh local promise p′ and fulfils CONFIRM with a fresh resolver r′, which the shortener resolves with the handed-off reference",
  marker:
    "<op:flush TO SHORTENER>: a FIFO marker sent on the old path; it follows earlier messages to the promise's end and comes back as run(target) to SHORTENER, after which the holder switches paths (no swap)",
} as const satisfies Record<string, string>;

export type FlushDesign = keyof typeof FLUSH_DESIGNS;

export const FLUSH_DESIGN_NAMES = Object.keys(FLUSH_DESIGNS) as FlushDesign[];
