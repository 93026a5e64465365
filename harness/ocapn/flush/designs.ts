/**
 * The op:flush designs a node can be configured with (node option `flush`): one line per design
 * module, each implementing captp/flush-port.ts. The node picks its design here (node.ts), the
 * scenario schema's `options.flush` enum and its docs are generated from this list (via
 * harness/tools/schemas.ts), so a scenario naming an unknown design gets a did-you-mean.
 * Wire encodings and the fence each design builds: harness/ocapn/README.md, "op:flush".
 * Adding a design: its module in this folder, its line below, a test.
 */
import type { FlushDesignPort } from '../captp/flush-port.js';
import type { FlushDesignFacts } from '../design-facts.js';
import { none } from './none.js';
import { receiverInitiated } from './receiver-initiated.js';
import { shortenerInitiated } from './shortening.js';
import { marker } from './marker.js';
import { markerFirstHop } from './marker-first-hop.js';

export const FLUSH_DESIGNS = {
  none,
  'receiver-initiated': receiverInitiated,
  'shortener-initiated': shortenerInitiated,
  marker,
  'marker-first-hop': markerFirstHop,
} as const satisfies Record<string, FlushDesignPort>;

// The base layer's `FlushDesign` (node-types.ts) is the keys above: declared here, by merging,
// so base files name no design and import nothing of flush/.
declare module '../node-types.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- merging takes an interface
  interface FlushDesignNames extends Record<keyof typeof FLUSH_DESIGNS, true> {}
}

export type FlushDesign = keyof typeof FLUSH_DESIGNS;

export const FLUSH_DESIGN_NAMES = Object.keys(FLUSH_DESIGNS) as FlushDesign[];

export function isFlushDesign(name: string): name is FlushDesign {
  return Object.prototype.hasOwnProperty.call(FLUSH_DESIGNS, name);
}

/** The facts the design named `name` declares, or undefined for a name no design has. */
export function designFactsOf(name: string): FlushDesignFacts | undefined {
  return isFlushDesign(name) ? FLUSH_DESIGNS[name].facts : undefined;
}

/** The design named `name` (a plan's `options.flush`, already checked against the schema's enum). */
export function flushDesignNamed(name: string): FlushDesign {
  if (!isFlushDesign(name)) throw new Error(`unknown op:flush design "${name}" (known: ${FLUSH_DESIGN_NAMES.join(', ')})`);
  return name;
}
