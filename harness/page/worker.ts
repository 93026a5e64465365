/**
 * Node worker entry: one module Web Worker per node. Installs the Endo environment FIRST (ES
 * modules evaluate in import order; harness/drivers/README.md "Loading order"), then serves the node host's lock-step
 * protocol over postMessage. Frames never go to another worker directly: every output goes back
 * to the page, which owns the network (docs/architecture.md). Nodes on the `endo` driver run in
 * endo-worker.ts instead (a separate bundle with the endo checkout's packages).
 */
import '../ocapn/endo-setup.js';
import { getDriver } from '../drivers/index.js';
import { NodeHost } from '../sim/worker-side/node-host.js';
import { serveHost } from './serve-host.js';

serveHost(() => new NodeHost(getDriver));
