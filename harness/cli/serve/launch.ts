/** Starting an external peer process: lives with the case runner (harness/case/launch-peer.ts),
 * which scenarios with external nodes need; re-exported for the CLI. */
export * from '../../case/launch-peer.js';
