/**
 * endo's test-only TCP netlayer (`@endo/ocapn/netlayer/tcp-testing`, src/netlayers/tcp-test-only.js),
 * typed here for the endo TCP peer (harness/serve/endo-peer.ts) because the package resolves only from an endo
 * checkout. `framing` exists from endo's May 2026 line on ('syrup' = `<len>:<payload>` frames,
 * its default; 'none' = one message per write); older checkouts ignore it and write unframed.
 */
declare module '@endo/ocapn/netlayer/tcp-testing' {
  import type { EndoNetLayer, Logger, NetlayerHandlers } from '@endo/ocapn';
  export function makeTcpNetLayer(options: {
    handlers: NetlayerHandlers;
    logger: Logger;
    specifiedPort?: number;
    specifiedHostname?: string;
    specifiedDesignator?: string;
    framing?: 'syrup' | 'none';
  }): Promise<EndoNetLayer>;
}
